package serve

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// fixtureWeek is the week whose packs the fixture writes: the last full
// week of its tickets.
const fixtureWeek = "2026-W10"

// testData is a database of 3,000 generated tickets over ten weeks,
// loaded, clustered and surge-checked, and the weekly packs of
// fixtureWeek and the briefing of 2026-02 written by the reports package:
// what the jobs leave behind. dept and other are the two departments with
// most tickets in fixtureWeek (each has a pack); district the district
// with most.
type testData struct {
	dir, db, reports      string
	dept, other, district string
}

var (
	fixtureOnce sync.Once
	fixtureData testData
	fixtureErr  error
)

func fixture(t testing.TB) testData {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a clustered database")
	}
	fixtureOnce.Do(func() { fixtureData, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureData
}

func buildFixture() (testData, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "leian-serve")
	if err != nil {
		return testData{}, err
	}
	td := testData{dir: dir, db: filepath.Join(dir, "t.duckdb"), reports: filepath.Join(dir, "reports")}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, ticket.Zone)
	csv := filepath.Join(dir, "t.csv")
	if _, err := gen.Write(gen.Config{Rows: 3000, Seed: 5, Start: start, Days: 70}, gen.Output{Path: csv}); err != nil {
		return td, err
	}
	db, err := store.Open(ctx, td.db, store.Options{Migrations: queries.FS})
	if err != nil {
		return td, err
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(ctx, csv); err != nil {
		return td, err
	}
	seg, err := text.LoadGSE()
	if err != nil {
		return td, err
	}
	eng := &cluster.Engine{DB: db, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: log}
	if _, err := eng.Run(ctx, start, start.AddDate(0, 0, 70)); err != nil {
		return td, err
	}
	if _, err := eng.Surges(ctx, queries.FS); err != nil {
		return td, err
	}
	if err := writeReports(ctx, db, td.reports); err != nil {
		return td, err
	}
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT department FROM tickets WHERE department IS NOT NULL AND received_at >= '2026-03-02' AND received_at < '2026-03-09' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
		(SELECT department FROM tickets WHERE department IS NOT NULL AND received_at >= '2026-03-02' AND received_at < '2026-03-09' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 1),
		(SELECT district FROM tickets WHERE district IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`).Scan(&td.dept, &td.other, &td.district)
	return td, err
}

// writeReports writes the packs of fixtureWeek and the briefing of
// 2026-02 as the weekly and monthly jobs do.
func writeReports(ctx context.Context, db *store.DB, dir string) error {
	b := &reports.Builder{DB: db.DB, Queries: queries.FS, Zone: ticket.Zone}
	scopes, err := b.Scopes(ctx, fixtureWeek)
	if err != nil {
		return err
	}
	reps, err := b.WeeklyPacks(ctx, fixtureWeek, scopes)
	if err != nil {
		return err
	}
	m, err := b.Monthly(ctx, "2026-02")
	if err != nil {
		return err
	}
	files, err := reports.RenderAll(append(reps, m))
	if err != nil {
		return err
	}
	return reports.Write(dir, files)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureData.dir != "" {
		os.RemoveAll(fixtureData.dir)
	}
	os.Exit(code)
}
