package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(""), &o, &e)
	return o.String(), e.String(), code
}

// TestHelpGolden keeps every command's usage in testdata/help/NAME.txt.
func TestHelpGolden(t *testing.T) {
	names := []string{"leian"}
	for _, c := range commands() {
		names = append(names, c.name)
	}
	for _, name := range names {
		args := []string{"help", name}
		if name == "leian" {
			args = []string{"help"}
		}
		got, _, code := run(t, args...)
		if code != 0 {
			t.Fatalf("leian %s: exit %d", strings.Join(args, " "), code)
		}
		golden := filepath.Join("testdata", "help", name+".txt")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("leian help %s mismatch (-want +got):\n%s", name, diff)
		}
	}
}

func TestUnknownCommandAndBadUsage(t *testing.T) {
	if _, stderr, code := run(t, "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q; want 2 and a message", code, stderr)
	}
	if _, _, code := run(t, "load"); code != 2 {
		t.Errorf("load without files: exit %d; want 2", code)
	}
}

func TestGenLoadJSON(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "t.csv")
	db := filepath.Join(dir, "t.duckdb")
	if _, stderr, code := run(t, "gen", "--rows", "500", "--seed", "3", "--out", csv, "--days", "30"); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, stderr)
	}
	for i, want := range []map[string]int{
		{"read": 500, "inserted": 500, "updated": 0, "unchanged": 0, "rejected": 0},
		{"read": 500, "inserted": 0, "updated": 0, "unchanged": 500, "rejected": 0},
	} {
		out, stderr, code := run(t, "load", "--db", db, "--json", csv)
		if code != 0 {
			t.Fatalf("load %d: exit %d: %s", i, code, stderr)
		}
		var got map[string]int
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("load --json printed %q: %v", out, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("load %d summary (-want +got):\n%s", i, diff)
		}
	}
	_, stderr, code := run(t, "load", "--db", db, filepath.Join(dir, "missing.csv"))
	if code != 1 || !strings.HasPrefix(stderr, "leian: ") || !strings.Contains(stderr, "missing.csv") {
		t.Errorf("missing file: exit %d, stderr %q; want 1 and leian: ... naming the file", code, stderr)
	}
}

func TestSQLIsReadOnlyAndFormats(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "t.csv")
	db := filepath.Join(dir, "t.duckdb")
	if _, stderr, code := run(t, "gen", "--rows", "300", "--out", csv, "--days", "20"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, "load", "--db", db, csv); code != 0 {
		t.Fatal(stderr)
	}
	_, stderr, code := run(t, "sql", "--db", db, "UPDATE tickets SET content = 'x'")
	if code != 1 || !strings.Contains(stderr, "read-only") {
		t.Errorf("UPDATE: exit %d, stderr %q; want a read-only error", code, stderr)
	}
	out, stderr, code := run(t, "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n, count(*) FILTER (WHERE content = 'x') AS changed FROM tickets")
	if code != 0 || out != "n,changed\n300,0\n" {
		t.Errorf("csv: got %q (exit %d, %s); want 300 tickets, none changed", out, code, stderr)
	}
	out, _, code = run(t, "sql", "--db", db, "--format", "json", "--saved", "repeats",
		"--param", "period_from=2025-11-01", "--param", "period_to=2026-12-01")
	var rows []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 || rows[0]["tickets"] != float64(300) {
		t.Errorf("saved repeats as json: got %q", out)
	}
	arrow := filepath.Join(dir, "r.arrow")
	if _, stderr, code := run(t, "sql", "--db", db, "--format", "arrow", "--out", arrow, "SELECT ticket_id FROM tickets"); code != 0 {
		t.Fatalf("arrow: %s", stderr)
	}
	if b, _ := os.ReadFile(arrow); !bytes.HasPrefix(b, []byte("ARROW1")) {
		t.Errorf("arrow output does not start with the Arrow IPC magic")
	}
	out, _, _ = run(t, "sql", "--list")
	if !strings.Contains(out, "three_rates") || strings.Contains(out, "load_check") {
		t.Errorf("--list: got %q; want the metric queries only", out)
	}
}

func TestExportParquet(t *testing.T) {
	dir := t.TempDir()
	csv, db := filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.duckdb")
	if _, stderr, code := run(t, "gen", "--rows", "200", "--out", csv, "--days", "40"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, "load", "--db", db, csv); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "lake", "leian")
	stdout, stderr, code := run(t, "export", "--db", db, "--parquet", out)
	if code != 0 || !strings.Contains(stdout, "exported 200 tickets") {
		t.Fatalf("export: exit %d, %q, %s", code, stdout, stderr)
	}
	months, _ := filepath.Glob(filepath.Join(out, "tickets", "year=*", "month=*"))
	if len(months) < 2 {
		t.Errorf("got partitions %v; want one directory per month", months)
	}
}

// TestDemoRunsTheYearEndToEnd runs the README's first command on a small
// city for its last two weeks: reports, index and the planted-type score.
func TestDemoRunsTheYearEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	out, errOut, code := run(t, "demo", "--out", dir, "--rows", "4000", "--weeks", "2")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"leian demo: 4000 tickets", "planted: NMI 0.", "index.html", "leian sql --db"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	idx, err := os.ReadFile(filepath.Join(dir, "reports", "index.html"))
	if err != nil || !strings.Contains(string(idx), "weekly/") {
		t.Errorf("index.html: %v; want links to weekly packs", err)
	}
}
