package load

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/store"
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
// CREATE TABLE t AS SELECT * FROM read_csv(...) of the same file, both
// followed by a CHECKPOINT. Each iteration times the two back to back; it
// reports the median of each and the median of the iterations' ratios
// (goal: at most 1.3, issue 14), so that a burst of load from other
// processes on a shared machine moves one iteration, not the figure. Run
// it with -benchtime 3x or more.
func BenchmarkLoadCSV(b *testing.B) {
	rows := benchRows()
	dir := b.TempDir()
	path := filepath.Join(dir, "tickets.csv")
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 1, Start: time.Date(2025, 11, 24, 0, 0, 0, 0, cst), Days: 364},
		gen.Output{Path: path}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var duck, ours, ratio []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := timeLoad(b, filepath.Join(dir, "duck"+strconv.Itoa(i)+".duckdb"), func(db *store.DB) error {
			_, err := db.ExecContext(ctx, `CREATE TABLE t AS SELECT * FROM read_csv(`+quote(path)+`)`)
			return err
		})
		o := timeLoad(b, filepath.Join(dir, "ours"+strconv.Itoa(i)+".duckdb"), func(db *store.DB) error {
			r, err := newLoader(db).LoadFile(ctx, path)
			if err == nil && r.Inserted != int64(rows) {
				err = fmt.Errorf("inserted %d; want %d", r.Inserted, rows)
			}
			return err
		})
		duck, ours, ratio = append(duck, d), append(ours, o), append(ratio, o/d)
		b.Logf("iteration %d: duckdb %.2f s, leian %.2f s, ratio %.3f", i, d, o, o/d)
	}
	b.ReportMetric(median(duck), "duckdb-s")
	b.ReportMetric(median(ours), "leian-s")
	b.ReportMetric(median(ratio), "ratio")
	b.ReportMetric(float64(rows)/median(ours), "rows/s")
}

// timeLoad opens a fresh database at path and returns the seconds that
// load and a CHECKPOINT take.
func timeLoad(b *testing.B, path string, load func(*store.DB) error) float64 {
	db := openDB(b, path)
	defer db.Close()
	t0 := time.Now()
	if err := load(db); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), `CHECKPOINT`); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0).Seconds()
}

// median returns the middle value of xs (the mean of the two middle ones
// for an even count); xs is sorted in place.
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}
