package bench

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// DayConfig says what one night's measurement runs on.
type DayConfig struct {
	Config
	History int // tickets over the year before the night (the window re-clustered before it)
	// Runner returns the job runner for the bench's database.
	Runner func(db *store.DB) *jobs.Runner
}

// Night is what Day measured.
type Night struct {
	Rows   []Row
	Counts *jobs.NightlyCounts
	// PeakGiB is the peak resident memory of the process during the night
	// (Linux: VmHWM, reset once the history's database is closed and the
	// memory of its stages given back), or since start where the peak
	// cannot be reset (Reset false).
	PeakGiB float64
	Reset   bool
}

// Day measures one night of cfg.Tickets new tickets on top of a history:
// it generates cfg.History tickets over a year and the night's tickets on
// the day after, loads the history, clusters its window and builds the
// dispatch-suggestion model as the weekly job does, then times the nightly
// job end to end on the night's export in an inbox: load, assignment with
// dispatch suggestions, near-duplicates, the job log.
func Day(ctx context.Context, cfg DayConfig) (Night, error) {
	var night Night
	start, err := time.ParseInLocation(time.DateOnly, Start, ticket.Zone)
	if err != nil {
		return night, err
	}
	day := start.AddDate(0, 0, 364)
	rec := &recorder{log: cfg.Log}
	db, err := history(ctx, cfg, rec, start, day)
	if err != nil {
		return night, err
	}
	// The night starts as a nightly process would: the database closed
	// and opened again, the memory of the history's stages given back.
	if err := db.Close(); err != nil {
		return night, err
	}
	debug.FreeOSMemory()
	if db, err = openDB(ctx, cfg.Config); err != nil {
		return night, err
	}
	defer db.Close()
	inbox := filepath.Join(cfg.Dir, "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return night, err
	}
	err = rec.generate("generate the night's export", filepath.Join(inbox, day.Format(time.DateOnly)+".csv"),
		gen.Config{Rows: cfg.Tickets, Seed: 2, Start: day, Days: 1})
	if err != nil {
		return night, err
	}
	for _, p := range []string{"truth", "surges"} { // the inbox holds the export alone
		if err := os.Remove(filepath.Join(inbox, day.Format(time.DateOnly)+"."+p+".csv")); err != nil {
			return night, err
		}
	}
	night.Reset = resetPeak()
	t0 := time.Now()
	if night.Counts, err = cfg.Runner(db).Nightly(ctx, day, inbox); err != nil {
		return night, err
	}
	rec.add("nightly job: load, assign, dispatch suggestions, near-duplicates, log", cfg.Tickets, "tickets", t0)
	night.PeakGiB, night.Rows = peakGiB(), rec.rows
	return night, nil
}

// history builds the database the night runs on: the year's tickets
// loaded, the window clustered and the route model built.
func history(ctx context.Context, cfg DayConfig, rec *recorder, start, day time.Time) (db *store.DB, err error) {
	csvPath := filepath.Join(cfg.Dir, "history.csv")
	if err := rec.generate("generate the history", csvPath, gen.Config{Rows: cfg.History, Seed: 1, Start: start, Days: 364}); err != nil {
		return nil, err
	}
	if db, err = openDB(ctx, cfg.Config); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	t0 := time.Now()
	if _, err := loadFile(ctx, cfg.Config, db, csvPath); err != nil {
		return nil, err
	}
	rec.add("load the history", cfg.History, "tickets", t0)
	eng, err := cfg.Engine(db)
	if err != nil {
		return nil, err
	}
	t0 = time.Now()
	res, err := eng.Run(ctx, day.Add(-jobs.Window), day)
	if err != nil {
		return nil, err
	}
	rec.add("cluster the history's window (weekly job)", res.Tickets, "tickets", t0)
	t0 = time.Now()
	a, err := eng.Assign(ctx, day) // the history before the window, as earlier nights left it
	if err != nil {
		return nil, err
	}
	rec.add("assign the history before the window", a.Tickets, "tickets", t0)
	t0 = time.Now()
	rt, err := eng.TrainRoute(ctx)
	if err != nil {
		return nil, err
	}
	rec.add("build the dispatch-suggestion model (weekly job)", rt.Tickets, "tickets", t0)
	return db, nil
}

// resetPeak resets the process's peak resident memory (Linux's VmHWM, by
// writing 5 to /proc/self/clear_refs) and says whether it could.
func resetPeak() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakGiB returns the process's peak resident memory in GiB: VmHWM from
// /proc/self/status, or 0 where there is none.
func peakGiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			if err != nil {
				return 0
			}
			return kb / (1 << 20)
		}
	}
	return 0
}
