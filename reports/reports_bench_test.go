package reports

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// benchMonthDB is a database holding a month of generated tickets
// (LEIAN_BENCH_ROWS, default one million, received 2026-11-02 to 2026-12-06),
// loaded and clustered, built outside the timer; LEIAN_BENCH_DB keeps it
// for later runs.
func benchMonthDB(b *testing.B) *store.DB {
	b.Helper()
	ctx := context.Background()
	path := os.Getenv("LEIAN_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "month.duckdb")
	}
	_, statErr := os.Stat(path)
	db, err := store.Open(ctx, path, store.Options{Migrations: queries.FS})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if statErr == nil {
		return db
	}
	rows := 1_000_000
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		rows = n
	}
	start := time.Date(2026, 11, 2, 0, 0, 0, 0, cst)
	csv := filepath.Join(filepath.Dir(path), "month.csv")
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 2, Start: start, Days: 35}, gen.Output{Path: csv}); err != nil {
		b.Fatal(err)
	}
	defer os.Remove(csv)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(ctx, csv); err != nil {
		b.Fatal(err)
	}
	seg, err := text.LoadGSE()
	if err != nil {
		b.Fatal(err)
	}
	eng := &cluster.Engine{DB: db, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: log}
	if _, err := eng.Run(ctx, start, start.AddDate(0, 0, 35)); err != nil {
		b.Fatal(err)
	}
	if _, err := eng.Surges(ctx, queries.FS); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkAllReports builds, renders and writes every weekly pack (each
// department and district) of 2026-W47 and the November 2026 briefing.
// Goal, for a month of one million tickets: at most 60 s.
func BenchmarkAllReports(b *testing.B) {
	db := benchMonthDB(b)
	ctx := context.Background()
	bl := builder(db)
	out := b.TempDir()
	var n int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		scopes, err := bl.Scopes(ctx, "2026-W47")
		if err != nil {
			b.Fatal(err)
		}
		var files []File
		for _, sc := range scopes {
			r, err := bl.Weekly(ctx, "2026-W47", sc)
			if err != nil {
				b.Fatal(err)
			}
			fs, err := Render(r)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, fs...)
		}
		m, err := bl.Monthly(ctx, "2026-11")
		if err != nil {
			b.Fatal(err)
		}
		fs, err := Render(m)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, fs...)
		if err := Write(out, files); err != nil {
			b.Fatal(err)
		}
		n = len(files) / 3
	}
	var tickets int64
	db.QueryRow(`SELECT count(*) FROM tickets`).Scan(&tickets)
	b.ReportMetric(float64(n), "reports")
	b.ReportMetric(float64(tickets), "tickets")
}
