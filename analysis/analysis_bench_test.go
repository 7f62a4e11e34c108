package analysis

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// benchDB returns the database the metric benchmarks run on: LEIAN_BENCH_DB
// if it names an existing file, else a fresh one with LEIAN_BENCH_ROWS
// generated tickets (default ten million, a year ending 2026-11-22), built
// outside the timer. Set LEIAN_BENCH_DB to a new path to keep the database
// for later runs.
func benchDB(b *testing.B) *store.DB {
	b.Helper()
	path := os.Getenv("LEIAN_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.duckdb")
	}
	_, statErr := os.Stat(path)
	db, err := store.Open(context.Background(), path, store.Options{Migrations: queries.FS})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if statErr == nil {
		return db
	}
	rows := 10_000_000
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		rows = n
	}
	csv := filepath.Join(filepath.Dir(path), "bench-tickets.csv")
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 1, Start: time.Date(2025, 11, 24, 0, 0, 0, 0, cst), Days: 364}, gen.Output{Path: csv}); err != nil {
		b.Fatal(err)
	}
	defer os.Remove(csv)
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := l.LoadFile(context.Background(), csv); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkMetrics runs the full monthly metric set for November 2026 and a
// typical ad hoc group-by on the benchmark history. Goals at ten million
// tickets: metric set at most 30 s, group-by at most 2 s. It also reports
// the database size on disk.
func BenchmarkMetrics(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	m := Metrics{DB: db.DB, Queries: queries.FS}
	p := Period{From: time.Date(2026, 11, 1, 0, 0, 0, 0, cst), To: time.Date(2026, 12, 1, 0, 0, 0, 0, cst), AsOf: time.Date(2026, 12, 1, 0, 0, 0, 0, cst)}
	var set, adhoc time.Duration
	var tickets int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := m.MonthlySet(ctx, p); err != nil {
			b.Fatal(err)
		}
		set += time.Since(t0)
		t0 = time.Now()
		t, err := RunSQL(ctx, db.DB, `SELECT district, category, count(*) AS n,
			avg(CASE WHEN satisfaction IS NOT NULL THEN CAST(satisfaction IN ('满意', '基本满意') AS INT) END) AS satisfaction
			FROM tickets GROUP BY ALL ORDER BY n DESC`, nil)
		if err != nil {
			b.Fatal(err)
		}
		adhoc += time.Since(t0)
		if len(t.Rows) == 0 {
			b.Fatal("group-by returned nothing")
		}
	}
	db.QueryRow(`SELECT count(*) FROM tickets`).Scan(&tickets)
	var size float64
	if st, err := os.Stat(db.Path); err == nil {
		size = float64(st.Size()) / (1 << 30)
	}
	b.ReportMetric(set.Seconds()/float64(b.N), "metric-set-s")
	b.ReportMetric(adhoc.Seconds()/float64(b.N), "groupby-s")
	b.ReportMetric(float64(tickets), "tickets")
	b.ReportMetric(size, "db-GiB")
}
