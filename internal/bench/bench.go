package bench

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/cluster"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Start is the first day of the generated year, a Monday.
const Start = "2025-11-24"

// Config says what to measure.
type Config struct {
	Dir     string // work files go here
	Tickets int    // tickets generated over a year
	Log     *slog.Logger
	// Engine returns the cluster engine for the bench's database.
	Engine func(db *store.DB) (*cluster.Engine, error)
}

// Row is one measured stage.
type Row struct {
	Stage   string
	Items   int
	Unit    string // what Items counts: tickets, queries, reports
	Seconds float64
}

// recorder collects the rows of a run.
type recorder struct {
	log  *slog.Logger
	rows []Row
}

func (r *recorder) add(stage string, items int, unit string, t0 time.Time) {
	r.rows = append(r.rows, Row{stage, items, unit, time.Since(t0).Seconds()})
	r.log.Info("bench", "stage", stage, "seconds", time.Since(t0).Seconds())
}

// generate writes gc's tickets (and their truth) to path, timed as stage.
func (r *recorder) generate(stage, path string, gc gen.Config) error {
	t0 := time.Now()
	if _, err := gen.Write(gc, gen.Output{Path: path}); err != nil {
		return err
	}
	r.add(stage, gc.Rows, "tickets", t0)
	return nil
}

// openDB opens (creating) the bench's database in cfg.Dir.
func openDB(ctx context.Context, cfg Config) (*store.DB, error) {
	return store.Open(ctx, filepath.Join(cfg.Dir, "bench.duckdb"), store.Options{Migrations: queries.FS})
}

// withDB opens the bench's database, runs fn on it and closes it,
// returning fn's count and the first error.
func withDB(ctx context.Context, cfg Config, fn func(*store.DB) (int, error)) (n int, err error) {
	db, err := openDB(ctx, cfg)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	return fn(db)
}

// loadFile loads path into db as leian load does and returns the tickets
// inserted.
func loadFile(ctx context.Context, cfg Config, db *store.DB, path string) (int, error) {
	s, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: cfg.Log}).LoadFile(ctx, path)
	return int(s.Inserted), err
}

// Run generates cfg.Tickets tickets, loads them, clusters the first 90% of
// the year, assigns the rest, re-clusters as the weekly job does, and builds
// the monthly metric set and the reports, timing each stage.
func Run(ctx context.Context, cfg Config) ([]Row, error) {
	start, err := time.ParseInLocation(time.DateOnly, Start, ticket.Zone)
	if err != nil {
		return nil, err
	}
	rec := &recorder{log: cfg.Log}
	csvPath := filepath.Join(cfg.Dir, "tickets.csv")
	if err := rec.generate("generate", csvPath, gen.Config{Rows: cfg.Tickets, Seed: 1, Start: start, Days: 364}); err != nil {
		return nil, err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	t0 := time.Now()
	if _, err := loadFile(ctx, cfg, db, csvPath); err != nil {
		return nil, err
	}
	rec.add("load (CSV, validated)", cfg.Tickets, "tickets", t0)
	cutoff := start.AddDate(0, 0, 364*9/10)
	if err := clustering(ctx, cfg, db, rec, start, cutoff); err != nil {
		return nil, err
	}
	if err := reporting(ctx, db, rec, cutoff); err != nil {
		return nil, err
	}
	return rec.rows, nil
}

// clustering times a full run up to cutoff, the nightly assignment of the
// rest of the year and the weekly job's warm re-clustering.
func clustering(ctx context.Context, cfg Config, db *store.DB, rec *recorder, start, cutoff time.Time) error {
	eng, err := cfg.Engine(db)
	if err != nil {
		return err
	}
	t0 := time.Now()
	res, err := eng.Run(ctx, start, cutoff)
	if err != nil {
		return err
	}
	rec.rows = append(rec.rows, Row{"segmentation", res.Tickets, "tickets", res.Seconds["segment"]},
		Row{"features + clustering", res.Tickets, "tickets", res.Seconds["features"] + res.Seconds["cluster"]},
		Row{"near-duplicates", res.Tickets, "tickets", res.Seconds["dups"]})
	rec.add("full clustering run (all stages, stored)", res.Tickets, "tickets", t0)
	t0 = time.Now()
	a, err := eng.Assign(ctx, start.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	rec.add("nightly assignment", a.Tickets, "tickets", t0)
	// The weekly job's re-clustering: warm, near-duplicates kept.
	eng.KeepDups = true
	t0 = time.Now()
	w, err := eng.Run(ctx, start, cutoff)
	if err != nil {
		return err
	}
	if !w.Warm {
		return fmt.Errorf("bench: the second clustering run did not start warm")
	}
	rec.add("re-clustering from the clusters there are (weekly job)", w.Tickets, "tickets", t0)
	return nil
}

// reporting times the monthly metric set and the reports of the last full
// week and month before cutoff.
func reporting(ctx context.Context, db *store.DB, rec *recorder, cutoff time.Time) error {
	month := ticket.MonthName(cutoff.AddDate(0, -1, 0))
	from, to, err := ticket.MonthBounds(month, ticket.Zone)
	if err != nil {
		return err
	}
	m := analysis.Metrics{DB: db.DB, Queries: queries.FS}
	t0 := time.Now()
	if err := m.MonthlySet(ctx, analysis.Period{From: from, To: to, AsOf: to}); err != nil {
		return err
	}
	rec.add("monthly metric set", 9, "queries", t0)
	week := ticket.WeekName(cutoff.AddDate(0, 0, -7))
	t0 = time.Now()
	b := &reports.Builder{DB: db.DB, Queries: queries.FS, Zone: ticket.Zone}
	n, err := buildReports(ctx, b, week, month)
	if err != nil {
		return err
	}
	rec.add("all weekly packs + monthly briefing", n, "reports", t0)
	return nil
}

// buildReports renders every weekly pack of week and the briefing of
// month, as the jobs do (without writing them), and returns how many.
func buildReports(ctx context.Context, b *reports.Builder, week, month string) (int, error) {
	scopes, err := b.Scopes(ctx, week)
	if err != nil {
		return 0, err
	}
	reps, err := b.WeeklyPacks(ctx, week, scopes)
	if err != nil {
		return 0, err
	}
	files, err := reports.RenderAll(reps)
	if err != nil {
		return 0, err
	}
	mr, err := b.Monthly(ctx, month)
	if err != nil {
		return 0, err
	}
	mf, err := reports.Render(mr)
	if err != nil {
		return 0, err
	}
	return (len(files) + len(mf)) / 3, nil
}
