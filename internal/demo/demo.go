package demo

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Defaults: a mid-size city's year.
const (
	Rows  = 50_000       // tickets generated
	Seed  = 2026         // the generator's seed
	Start = "2025-11-24" // the first day, a Monday
	Days  = 364          // 52 weeks
)

// Config says what to live through.
type Config struct {
	Dir   string // everything goes under it; it is removed first
	Rows  int    // tickets to generate
	Weeks int    // the last Weeks weeks run day by day; earlier ones are imported at once (1..Days/7)
	Log   *slog.Logger
	// Runner returns the job runner for the demo's database.
	Runner func(db *store.DB) *jobs.Runner
}

// Result is what a demo left behind.
type Result struct {
	Tickets, Clusters int                    // tickets, active clusters at the end
	Score             vectors.Scores         // the clusters against the planted issue types
	Dispatch          cluster.DispatchScores // the stored dispatch suggestions against the planted dispatch
	ReportsDir        string
	DBPath            string
}

// Run generates the year's exports under cfg.Dir, imports the history
// before the lived weeks, then runs the jobs day by day.
func Run(ctx context.Context, cfg Config) (Result, error) {
	t0 := time.Now()
	res := Result{ReportsDir: filepath.Join(cfg.Dir, "reports"), DBPath: filepath.Join(cfg.Dir, "leian.duckdb")}
	if err := os.RemoveAll(cfg.Dir); err != nil {
		return res, err
	}
	start, err := time.ParseInLocation(time.DateOnly, Start, ticket.Zone)
	if err != nil {
		return res, err
	}
	cutoff := start.AddDate(0, 0, Days-7*cfg.Weeks) // a Monday: Start is one
	exports := filepath.Join(cfg.Dir, "exports")
	days, planted, err := writeExports(exports, cfg.Rows, start, cutoff)
	if err != nil {
		return res, err
	}
	cfg.Log.Info("generated", "rows", cfg.Rows, "seconds", time.Since(t0).Seconds())
	db, err := store.Open(ctx, res.DBPath, store.Options{Migrations: queries.FS})
	if err != nil {
		return res, err
	}
	defer db.Close()
	if err := importHistory(ctx, cfg.Log, db, filepath.Join(exports, historyFile)); err != nil {
		return res, err
	}
	if err := liveDays(ctx, cfg, cfg.Runner(db), days, exports, res.ReportsDir); err != nil {
		return res, err
	}
	q, err := query("demo_totals")
	if err != nil {
		return res, err
	}
	if err := db.QueryRowContext(ctx, q).Scan(&res.Tickets, &res.Clusters); err != nil {
		return res, fmt.Errorf("demo_totals: %w", err)
	}
	if res.Score, err = cluster.PlantedScore(ctx, db.DB, queries.FS, planted.types); err != nil {
		return res, err
	}
	res.Dispatch, err = cluster.DispatchScore(ctx, db.DB, queries.FS, planted.dispatch)
	return res, err
}

// importHistory loads the history file at once, if there is one.
func importHistory(ctx context.Context, log *slog.Logger, db *store.DB, path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil // every week is lived through
	}
	t0 := time.Now()
	res, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(ctx, path)
	if err != nil {
		return err
	}
	log.Info("history imported", "tickets", res.Inserted, "seconds", time.Since(t0).Seconds())
	return nil
}

// liveDays runs the nightly job for each day (its export copied into the
// inbox first), the weekly job after each Sunday and the monthly job after
// each month's last day.
func liveDays(ctx context.Context, cfg Config, r *jobs.Runner, days []time.Time, exports, out string) error {
	inbox := filepath.Join(cfg.Dir, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	for _, day := range days {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := day.Format(time.DateOnly) + ".csv"
		b, err := os.ReadFile(filepath.Join(exports, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(inbox, name), b, 0o644); err != nil {
			return err
		}
		if _, err := r.Nightly(ctx, day, inbox); err != nil {
			return err
		}
		if day.Weekday() == time.Sunday {
			if _, err := r.Weekly(ctx, ticket.WeekName(day), out); err != nil {
				return err
			}
		}
		if day.AddDate(0, 0, 1).Day() == 1 {
			if _, err := r.Monthly(ctx, ticket.MonthName(day), out); err != nil {
				return err
			}
		}
		cfg.Log.Info("day done", "day", day.Format(time.DateOnly))
	}
	return nil
}

// query returns the statement of queries/name.sql.
func query(name string) (string, error) {
	b, err := fs.ReadFile(queries.FS, name+".sql")
	if err != nil {
		return "", fmt.Errorf("query %s: %w", name, err)
	}
	return string(b), nil
}
