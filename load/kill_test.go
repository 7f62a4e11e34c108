package load

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// TestMain lets the test binary act as a loading child process that stops
// just before commit, so a test can kill it there for real.
func TestMain(m *testing.M) {
	if spec := os.Getenv("LEIAN_TEST_LOAD_CHILD"); spec != "" {
		os.Exit(loadChild(spec))
	}
	os.Exit(m.Run())
}

func loadChild(spec string) int {
	dbPath, file, _ := strings.Cut(spec, "|")
	db, err := store.Open(context.Background(), dbPath, store.Options{Migrations: queries.FS})
	if err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	l := newLoader(db)
	l.beforeCommit = func() {
		fmt.Println("READY")
		time.Sleep(time.Minute)
	}
	if _, err := l.LoadFile(context.Background(), file); err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	return 0
}

func TestLoadKilledBeforeCommitChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "t.duckdb")
	first := genFile(t, 2000, gen.Output{Path: "first.csv"}, true)
	db := openDB(t, dbPath)
	mustLoad(t, newLoader(db), first)
	db.Close()

	second := filepath.Join(dir, "second.csv")
	if _, err := gen.Write(gen.Config{Rows: 3000, Seed: 99, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, cst), Days: 30},
		gen.Output{Path: second}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LEIAN_TEST_LOAD_CHILD="+dbPath+"|"+second)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "READY" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q; want READY", line)
	}

	// While the child holds the database, a second writer is refused clearly.
	_, err = store.Open(context.Background(), dbPath, store.Options{Migrations: queries.FS})
	if !errors.Is(err, store.ErrLocked) {
		t.Errorf("second writer: got %v; want ErrLocked", err)
	}

	cmd.Process.Kill()
	cmd.Wait()

	db = openDB(t, dbPath)
	if n := count(t, db.DB, `SELECT count(*) FROM tickets`); n != 2000 {
		t.Errorf("after killing the load: %d tickets; want the 2000 of the first load", n)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM loads`); n != 1 {
		t.Errorf("after killing the load: %d loads rows; want 1", n)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM rejects`); n != 0 {
		t.Errorf("after killing the load: %d rejects; want 0", n)
	}
	// The same file loads completely on the next run.
	if r := mustLoad(t, newLoader(db), second); r.Inserted != 3000 {
		t.Errorf("rerun: got %+v; want 3000 inserted", r.Summary)
	}
}
