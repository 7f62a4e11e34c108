package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

var benchCmd = &command{
	name:  "bench",
	args:  "[--scale N] [--dir DIR]",
	short: "measure throughput of every stage at a scale, to size a machine",
	long: `Bench generates N tickets over a year, then measures, in one run: loading
the CSV, segmentation, near-duplicate detection and clustering (a full run
over the first 90% of the year), nightly assignment of the rest, the same
window re-clustered as the weekly job does (from the clusters there are),
the monthly metric set, and all weekly packs plus the monthly briefing; and the peak
memory of the process. Work files go to DIR (default: a temporary
directory, removed after).`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		scale := fs.Int("scale", 100_000, "tickets")
		dir := fs.String("dir", "", "work `dir`")
		return func(e *env, args []string) error {
			if len(args) > 0 || *scale < 1000 {
				return errUsage
			}
			d := *dir
			if d == "" {
				var err error
				if d, err = os.MkdirTemp("", "leian-bench"); err != nil {
					return err
				}
				defer os.RemoveAll(d)
			}
			return runBench(e, d, *scale)
		}
	},
}

type benchRow struct {
	stage   string
	items   int
	unit    string
	seconds float64
}

func runBench(e *env, dir string, n int) error {
	ctx := e.ctx
	start, err := time.ParseInLocation(time.DateOnly, "2025-11-24", ticket.Zone)
	if err != nil {
		return err
	}
	var rows []benchRow
	add := func(stage string, items int, unit string, t0 time.Time) {
		rows = append(rows, benchRow{stage, items, unit, time.Since(t0).Seconds()})
		e.log.Info("bench", "stage", stage, "seconds", time.Since(t0).Seconds())
	}
	csvPath := filepath.Join(dir, "tickets.csv")
	t0 := time.Now()
	if _, err := gen.Write(gen.Config{Rows: n, Seed: 1, Start: start, Days: 364}, gen.Output{Path: csvPath}); err != nil {
		return err
	}
	add("generate", n, "tickets", t0)
	db, err := store.Open(ctx, filepath.Join(dir, "bench.duckdb"), store.Options{Migrations: queries.FS})
	if err != nil {
		return err
	}
	defer db.Close()
	t0 = time.Now()
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: e.log}).LoadFile(ctx, csvPath); err != nil {
		return err
	}
	add("load (CSV, validated)", n, "tickets", t0)
	eng, err := newEngine(e, db)
	if err != nil {
		return err
	}
	cutoff := start.AddDate(0, 0, 364*9/10)
	t0 = time.Now()
	res, err := eng.Run(ctx, start, cutoff)
	if err != nil {
		return err
	}
	rows = append(rows, benchRow{"segmentation", res.Tickets, "tickets", res.Seconds["segment"]},
		benchRow{"features + clustering", res.Tickets, "tickets", res.Seconds["features"] + res.Seconds["cluster"]},
		benchRow{"near-duplicates", res.Tickets, "tickets", res.Seconds["dups"]})
	add("full clustering run (all stages, stored)", res.Tickets, "tickets", t0)
	t0 = time.Now()
	a, err := eng.Assign(ctx, start.AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	add("nightly assignment", a.Tickets, "tickets", t0)
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
	add("re-clustering from the clusters there are (weekly job)", w.Tickets, "tickets", t0)
	if err := benchReports(ctx, e, db, cutoff, add); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "stage\titems\tseconds\titems/s\t\n")
	for _, r := range rows {
		rate := "—"
		if r.seconds > 0 {
			rate = fmt.Sprintf("%.0f", float64(r.items)/r.seconds)
		}
		fmt.Fprintf(tw, "%s\t%d %s\t%.2f\t%s\t\n", r.stage, r.items, r.unit, r.seconds, rate)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return fmt.Errorf("peak memory: %w", err)
	}
	fmt.Fprintf(e.stdout, "peak memory: %.2f GiB at %d tickets\n", float64(ru.Maxrss)/(1<<20), n)
	return nil
}

// benchReports times the monthly metric set and the reports of the last
// full week and month before cutoff.
func benchReports(ctx context.Context, e *env, db *store.DB, cutoff time.Time, add func(string, int, string, time.Time)) error {
	month := ticket.MonthName(cutoff.AddDate(0, -1, 0))
	from, to, err := ticket.MonthBounds(month, ticket.Zone)
	if err != nil {
		return err
	}
	m := analysis.Metrics{DB: db.DB, Queries: queries.FS}
	p := analysis.Period{From: from, To: to, AsOf: to}
	t0 := time.Now()
	if err := m.MonthlySet(ctx, p); err != nil {
		return err
	}
	add("monthly metric set", 9, "queries", t0)
	week := ticket.WeekName(cutoff.AddDate(0, 0, -7))
	t0 = time.Now()
	files, err := weeklyFiles(ctx, &reports.Builder{DB: db.DB, Queries: queries.FS, Zone: ticket.Zone}, week, nil)
	if err != nil {
		return err
	}
	mf, err := monthlyFiles(ctx, &reports.Builder{DB: db.DB, Queries: queries.FS, Zone: ticket.Zone}, month)
	if err != nil {
		return err
	}
	add("all weekly packs + monthly briefing", (len(files)+len(mf))/3, "reports", t0)
	return nil
}
