package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Peak is a measured stage with the peak resident memory of the process
// during it (PeakGiB; see Night for how it is read).
type Peak struct {
	Row
	PeakGiB float64
}

// Window measures the weekly job's re-clustering of a window of
// cfg.Tickets tickets (the job's 26 weeks): it generates and loads them,
// then clusters the window from scratch (a new database's first weekly
// run) and again from the clusters there are with the near-duplicate
// groups kept (every later week, the nightly runs keeping them), each
// with its own peak memory; reset is false where the peak could not be
// reset between stages (the figures are then peaks since start). Each
// stage opens the database anew, as the separate jobs would.
func Window(ctx context.Context, cfg Config) (rows []Peak, reset bool, err error) {
	start, err := time.ParseInLocation(time.DateOnly, Start, ticket.Zone)
	if err != nil {
		return nil, false, err
	}
	end := start.Add(jobs.Window)
	csvPath := filepath.Join(cfg.Dir, "window.csv")
	rec := &recorder{log: cfg.Log}
	days := int(jobs.Window / (24 * time.Hour))
	if err := rec.generate("generate the window", csvPath, gen.Config{Rows: cfg.Tickets, Seed: 1, Start: start, Days: days}); err != nil {
		return nil, false, err
	}
	stage := func(name string, fn func() (int, error)) error {
		debug.FreeOSMemory()
		reset = resetPeak()
		t0 := time.Now()
		n, err := fn()
		if err != nil {
			return err
		}
		rec.add(name, n, "tickets", t0)
		rows = append(rows, Peak{rec.rows[len(rec.rows)-1], peakGiB()})
		return nil
	}
	// Each stage opens the database as a process of its own would: the
	// load is the nightly job's, each re-clustering a weekly job's, and
	// none inherits the pages DuckDB kept for the one before.
	err = stage("load (CSV, validated)", func() (int, error) {
		return withDB(ctx, cfg, func(db *store.DB) (int, error) { return loadFile(ctx, cfg, db, csvPath) })
	})
	if err != nil {
		return nil, false, err
	}
	for i, name := range []string{"re-clustering from scratch (first weekly run)", "re-clustering from the clusters there are (weekly job: near-duplicates kept, as when nightly runs keep them)"} {
		err = stage(name, func() (int, error) {
			return withDB(ctx, cfg, func(db *store.DB) (int, error) {
				eng, err := cfg.Engine(db)
				if err != nil {
					return 0, err
				}
				eng.KeepDups = i > 0
				res, err := eng.Run(ctx, start, end)
				return res.Tickets, err
			})
		})
		if err != nil {
			return nil, false, fmt.Errorf("bench: %s: %w", name, err)
		}
	}
	return rows, reset, nil
}
