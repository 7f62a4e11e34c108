package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSmallAndOddDatabasesNeverPanic loads 0, 1, 3 and 30 tickets,
// identical texts, empty and one-character texts, then clusters, assigns,
// runs the weekly job and asks for similar cases: every command ends with
// exit 0 or a one-line error, never a panic.
func TestSmallAndOddDatabasesNeverPanic(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the jobs on several small databases")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src.csv")
	if _, stderr, code := run(t, "gen", "--rows", "60", "--seed", "2", "--out", src); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	head, rows := recs[0], recs[1:]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	withText := func(n int, text string) [][]string {
		out := make([][]string, n)
		for i := range out {
			out[i] = append([]string(nil), rows[i]...)
			out[i][col["title"]], out[i][col["content"]] = text, text
		}
		return out
	}
	shapes := map[string][][]string{
		"none":      nil,
		"one":       rows[:1],
		"three":     rows[:3],
		"thirty":    rows[:30],
		"identical": withText(30, "夜间施工噪音扰民，严重影响休息"),
		"empty":     withText(10, ""),
		"one char":  withText(10, "好"),
	}
	for name, body := range shapes {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".csv")
		writeCSV(t, path, head, body)
		db := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".duckdb")
		for _, args := range [][]string{
			{"load", "--db", db, path},
			{"cluster", "--db", db, "--from", "2024-01-01", "--to", "2028-01-01"},
			{"assign", "--db", db},
			{"weekly", "--db", db, "--week", "2025-W48", "--out", filepath.Join(dir, "out-"+name)},
			{"similar", "--db", db, "--text", "噪音扰民"},
		} {
			_, stderr, code := run(t, args...)
			if code != 0 && (strings.Count(strings.TrimSpace(stderr), "\n") > 3 || strings.Contains(stderr, "panic")) {
				t.Errorf("%s: leian %s: exit %d with\n%s", name, args[0], code, stderr)
			}
		}
	}
}

func writeCSV(t *testing.T, path string, head []string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(append([][]string{head}, rows...)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
