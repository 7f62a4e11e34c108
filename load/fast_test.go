package load

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/gen"
)

// dumpLoad returns the tables a load writes, as text, without load ids
// and times (the fast path may use a load id more).
func dumpLoad(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT CAST(x AS VARCHAR) FROM (SELECT * EXCLUDE (load_id) FROM tickets) x ORDER BY ticket_id, row_hash`,
		`SELECT CAST(x AS VARCHAR) FROM (SELECT * EXCLUDE (load_id) FROM rejects) x ORDER BY ALL`,
		`SELECT CAST(x AS VARCHAR) FROM (SELECT * EXCLUDE (load_id, started_at, finished_at) FROM loads ORDER BY load_id) x`,
		`SELECT CAST(x AS VARCHAR) FROM catalogue x ORDER BY ALL`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s + "\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

// TestLoadFastPathSameAsClassifying loads a series of files into two
// databases, one by the loader as it is and one with the fast path off, and
// wants the same summaries and the same tickets, rejects, loads rows and
// catalogue; the files that the fast path may take must take it.
func TestLoadFastPathSameAsClassifying(t *testing.T) {
	dir := t.TempDir()
	// day writes the export of one day of new tickets (seed tells the days
	// apart: ids hold the date).
	day := func(name string, seed uint64, rows int, out gen.Output) string {
		out.Path = filepath.Join(dir, name)
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, cst).AddDate(0, 0, int(seed))
		if _, err := gen.Write(gen.Config{Rows: rows, Seed: seed, Start: start, Days: 1}, out); err != nil {
			t.Fatal(err)
		}
		return out.Path
	}
	broken := filepath.Join(dir, "broken.csv")
	corrupt(t, day("d2.csv", 2, 500, gen.Output{}), broken, 0.02, 5)
	rows := readCSV(t, day("d3.csv", 3, 400, gen.Output{}))
	repeat := filepath.Join(dir, "repeat.csv")
	var b strings.Builder
	for _, r := range append(rows, rows[7]) {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	if err := os.WriteFile(repeat, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	badRepeat := filepath.Join(dir, "badrepeat.csv")
	rows = readCSV(t, day("d8.csv", 8, 300, gen.Output{}))
	b.Reset()
	for _, r := range append(rows, rows[5]) {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	b.WriteString("GD-bad,not a time,x,y\n")
	if err := os.WriteFile(badRepeat, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, day("d9.csv", 9, 200, gen.Output{}))
	rows[4] = append(rows[4], "a cell too many")
	wide := writeXLSX(t, dir, rows)
	clean := genFile(t, 3000, gen.Output{Path: "clean.csv"}, false)
	steps := []struct {
		name string
		path string
		fast bool
	}{
		{"first load", clean, true},
		{"reload", clean, false},
		{"structural and bad rows", broken, true},
		{"that file again", broken, false},
		{"a bad row and a ticket twice", badRepeat, false},
		{"xlsx with a row wider than its header", wide, true},
		{"new day", day("d4.csv", 4, 600, gen.Output{}), true},
		{"a ticket twice", repeat, false},
		{"the file with a ticket twice again", repeat, false},
		{"jsonl", day("d5.jsonl", 5, 300, gen.Output{Format: "jsonl"}), true},
		{"xlsx", day("d6.xlsx", 6, 300, gen.Output{Format: "xlsx", Headers: "zh"}), true},
		{"gbk", day("d7.csv", 7, 300, gen.Output{Encoding: "gbk", Headers: "zh"}), true},
		{"messy gbk", genFile(t, 300, gen.Output{Path: "g.csv", Encoding: "gbk", Headers: "zh"}, true), false},
	}
	fastDB, slowDB := openDB(t, ""), openDB(t, "")
	fast, slow := newLoader(fastDB), newLoader(slowDB)
	slow.classifyOnly = true
	for _, s := range steps {
		f, err := fast.LoadFile(context.Background(), s.path)
		if err != nil {
			t.Fatalf("%s: fast: %v", s.name, err)
		}
		c := mustLoad(t, slow, s.path)
		if f.Summary != c.Summary || f.Read != f.Inserted+f.Updated+f.Unchanged+f.Rejected {
			t.Errorf("%s: got %+v; want %+v", s.name, f.Summary, c.Summary)
		}
		if !reflect.DeepEqual(f.FirstRejects, c.FirstRejects) {
			t.Errorf("%s: first rejects %v; want %v", s.name, f.FirstRejects, c.FirstRejects)
		}
		if f.fast != s.fast {
			t.Errorf("%s: fast path %v; want %v", s.name, f.fast, s.fast)
		}
		if got, want := dumpLoad(t, fastDB.DB), dumpLoad(t, slowDB.DB); got != want {
			t.Fatalf("%s: tables differ from the classifying path's:\n%s", s.name, firstDiff(got, want))
		}
	}
}

// firstDiff returns the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return "got  " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ"
}

// TestCatalogueTieGoesToTheFirstSorted: a new item whose tickets name two
// departments equally often gets the one that sorts first, on either path
// and whichever comes first in the file.
func TestCatalogueTieGoesToTheFirstSorted(t *testing.T) {
	dir := t.TempDir()
	rows := readCSV(t, genFile(t, 40, gen.Output{Path: "tie.csv"}, false))
	head := rows[0]
	col := func(name string) int { return slices.Index(head, name) }
	// 城管局 comes first in the file and sorts after 交通局: mode(), which
	// took the first seen of a tie, gave 城管局 on both paths.
	for i, dept := range []string{"城管局", "交通局", "城管局", "交通局"} {
		r := rows[1+i]
		r[col("item")], r[col("category")], r[col("department")] = "平局测试目录项", "城乡建设", dept
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	path := filepath.Join(dir, "tie.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, classifyOnly := range []bool{false, true} {
		db := openDB(t, "")
		l := newLoader(db)
		l.classifyOnly = classifyOnly
		mustLoad(t, l, path)
		var dept string
		if err := db.QueryRow(`SELECT department FROM catalogue WHERE item = '平局测试目录项'`).Scan(&dept); err != nil {
			t.Fatal(err)
		}
		if want := min("城管局", "交通局"); dept != want {
			t.Errorf("classifyOnly %v: department %s; want %s (the first sorted of a tie)", classifyOnly, dept, want)
		}
	}
}
