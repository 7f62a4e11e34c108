package load

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/gen"
)

// benchRows is the size of the benchmark file: LEIAN_BENCH_ROWS, else one
// million tickets, the loading scale the README's Benchmarks section names.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// BenchmarkLoadCSV loads generated tickets from CSV into a fresh database
// and, in the same run, lets DuckDB itself do
// CREATE TABLE t AS SELECT * FROM read_csv(...) of the same file. It reports
// both times and their ratio (goal: at most 2).
func BenchmarkLoadCSV(b *testing.B) {
	rows := benchRows()
	dir := b.TempDir()
	path := filepath.Join(dir, "tickets.csv")
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 1, Start: time.Date(2025, 11, 24, 0, 0, 0, 0, cst), Days: 364},
		gen.Output{Path: path}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var duck, ours time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := openDB(b, filepath.Join(dir, "duck"+strconv.Itoa(i)+".duckdb"))
		t0 := time.Now()
		if _, err := db.ExecContext(ctx, `CREATE TABLE t AS SELECT * FROM read_csv(`+quote(path)+`)`); err != nil {
			b.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
			b.Fatal(err)
		}
		duck += time.Since(t0)
		db.Close()

		db = openDB(b, filepath.Join(dir, "ours"+strconv.Itoa(i)+".duckdb"))
		t0 = time.Now()
		r, err := newLoader(db).LoadFile(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `CHECKPOINT`); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(t0)
		if r.Inserted != int64(rows) {
			b.Fatalf("inserted %d; want %d", r.Inserted, rows)
		}
		db.Close()
	}
	b.ReportMetric(duck.Seconds()/float64(b.N), "duckdb-s")
	b.ReportMetric(ours.Seconds()/float64(b.N), "leian-s")
	b.ReportMetric(ours.Seconds()/duck.Seconds(), "ratio")
	b.ReportMetric(float64(rows)/(ours.Seconds()/float64(b.N)), "rows/s")
}
