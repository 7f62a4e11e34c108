package jobs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

var cst = time.FixedZone("CST", 8*3600)

// TestMain lets the test binary act as a job process that stops at a named
// point, so a test can kill it there for real.
func TestMain(m *testing.M) {
	if spec := os.Getenv("LEIAN_TEST_JOB_CHILD"); spec != "" {
		os.Exit(child(spec))
	}
	os.Exit(m.Run())
}

func runner(t testing.TB, db *store.DB) *Runner {
	return &Runner{DB: db, Zone: cst, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Segment: func() (text.Segmenter, error) { return text.LoadGSE() }}
}

// child runs the nightly job on db for day with inbox; at point it prints
// READY and waits to be killed.
func child(spec string) int {
	parts := strings.Split(spec, "|") // db|inbox|day|point
	db, err := store.Open(context.Background(), parts[0], store.Options{Migrations: queries.FS})
	if err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	r := runner(nil, db)
	r.hook = func(p string) {
		if p == parts[3] {
			fmt.Println("READY")
			time.Sleep(time.Minute)
		}
	}
	day, _ := time.ParseInLocation(time.DateOnly, parts[2], cst)
	if _, err := r.Nightly(context.Background(), day, parts[1]); err != nil {
		fmt.Println("ERR", err)
		return 1
	}
	fmt.Println("DONE")
	return 0
}

// setup writes 16 weeks of generated exports: history in one file, and the
// next day's export apart.
func setup(t *testing.T) (inbox string, day time.Time) {
	t.Helper()
	dir := t.TempDir()
	inbox = filepath.Join(dir, "inbox")
	os.MkdirAll(inbox, 0o755)
	if _, err := gen.Write(gen.Config{Rows: 4000, Seed: 8, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 112},
		gen.Output{Path: filepath.Join(inbox, "export-1.csv")}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"export-1.truth.csv", "export-1.surges.csv"} {
		os.Remove(filepath.Join(inbox, f))
	}
	return inbox, time.Date(2026, 4, 26, 0, 0, 0, 0, cst)
}

// state digests what a nightly run leaves behind.
func state(t *testing.T, dbPath string) string {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath, store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	err = db.QueryRow(`SELECT concat_ws(' ',
		(SELECT count(*) FROM tickets), (SELECT count(*) FROM loads),
		(SELECT md5(string_agg(ticket_id || ':' || coalesce(CAST(cluster_id AS VARCHAR), '-'), ',' ORDER BY ticket_id)) FROM cluster_members),
		(SELECT md5(string_agg(ticket_id || ':' || group_id, ',' ORDER BY ticket_id)) FROM dup_groups),
		(SELECT count(DISTINCT job || period) FROM job_runs WHERE status = 'done'))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNightlyKilledAnywhereEndsInTheSameState(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills child processes")
	}
	inbox, day := setup(t)
	// The uninterrupted run.
	ref := filepath.Join(t.TempDir(), "ref.duckdb")
	db, err := store.Open(context.Background(), ref, store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runner(t, db).Nightly(context.Background(), day, inbox); err != nil {
		t.Fatal(err)
	}
	_, err = runner(t, db).Nightly(context.Background(), day, inbox)
	if !errors.Is(err, ErrDone) {
		t.Errorf("running a done day again: got %v; want ErrDone", err)
	}
	forced := runner(t, db)
	forced.Force = true
	counts, err := forced.Nightly(context.Background(), day, inbox)
	if err != nil || counts.Files != 0 || counts.Inserted != 0 {
		t.Errorf("forced re-run over the same inbox: %v, %v; want no file loaded again", counts, err)
	}
	db.Close()
	want := state(t, ref)

	for _, point := range []string{"loaded", "clustered", "assigned", "deduped"} {
		path := filepath.Join(t.TempDir(), point+".duckdb")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "LEIAN_TEST_JOB_CHILD="+strings.Join([]string{path, inbox, day.Format(time.DateOnly), point}, "|"))
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "READY" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("killed at %s: child said %q", point, line)
		}
		cmd.Process.Kill()
		cmd.Wait()
		db, err := store.Open(context.Background(), path, store.Options{Migrations: queries.FS})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := runner(t, db).Nightly(context.Background(), day, inbox); err != nil {
			t.Fatalf("re-run after kill at %s: %v", point, err)
		}
		var abandoned int
		if err := db.QueryRow(`SELECT count(*) FROM job_runs WHERE status = 'abandoned'`).Scan(&abandoned); err != nil {
			t.Fatal(err)
		}
		if abandoned != 1 {
			t.Errorf("killed at %s and re-run: %d runs abandoned; want 1", point, abandoned)
		}
		db.Close()
		if got := state(t, path); got != want {
			t.Errorf("killed at %s and re-run: state %s; want %s", point, got, want)
		}
	}
}

func TestRunMarksDeadRunsAbandoned(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "", store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A run killed mid-way leaves its row running.
	if _, err := db.ExecContext(ctx, `INSERT INTO job_runs VALUES ('nightly', '2026-04-25', now(), NULL, 'running', NULL, NULL)`); err != nil {
		t.Fatal(err)
	}
	r := runner(t, db)
	if _, err := run(ctx, r, "monthly", "2026-04", func(*MonthlyCounts) error { return nil }); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := db.QueryRowContext(ctx, `SELECT string_agg(job || ' ' || status, ', ' ORDER BY job) FROM job_runs`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "monthly done, nightly abandoned"; got != want {
		t.Errorf("job_runs after a later run: got %q; want %q", got, want)
	}
}
