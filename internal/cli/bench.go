package cli

import (
	"flag"
	"fmt"
	"os"
	"syscall"
	"text/tabwriter"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/internal/bench"
	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/store"
)

var benchCmd = &command{
	name:  "bench",
	args:  "[--scale N] [--dir DIR] | --day N [--history M] [--dir DIR] | --window N [--dir DIR]",
	short: "measure throughput of every stage at a scale, to size a machine",
	long: `Bench generates N tickets over a year, then measures, in one run: loading
the CSV, segmentation, near-duplicate detection and clustering (a full run
over the first 90% of the year), nightly assignment of the rest, the same
window re-clustered as the weekly job does (from the clusters there are),
the monthly metric set, and all weekly packs plus the monthly briefing; and the peak
memory of the process. Work files go to DIR (default: a temporary
directory, removed after).

With --day N it measures one night instead: M tickets of history over a
year (default 1,000,000) are loaded, their window clustered and the
dispatch-suggestion model built as the weekly job does; then the nightly
job runs end to end on an inbox holding the next day's export of N tickets
(load, assignment, dispatch suggestions, near-duplicates, the job log),
timed with its own peak memory.

With --window N it measures the weekly job's re-clustering of a window of
N tickets (its 26 weeks): loading them, clustering them from scratch (a new
database's first weekly run) and again from the clusters there are (every
later week), each with its own peak memory.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		scale := fs.Int("scale", 100_000, "tickets")
		dir := fs.String("dir", "", "work `dir`")
		day := fs.Int("day", 0, "measure one night of `N` new tickets instead")
		hist := fs.Int("history", 1_000_000, "tickets of history before the night (with --day)")
		window := fs.Int("window", 0, "measure the weekly re-clustering of a window of `N` tickets instead")
		return func(e *env, args []string) error {
			if len(args) > 0 || *scale < 1000 || *day < 0 || *day > 0 && *hist < 1000 || *window < 0 || *day > 0 && *window > 0 {
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
			switch {
			case *day > 0:
				return runNight(e, d, *day, *hist)
			case *window > 0:
				return runWindow(e, d, *window)
			}
			return runBench(e, d, *scale)
		}
	},
}

// benchConfig is a bench of n tickets in dir with this command's engine.
func benchConfig(e *env, dir string, n int) bench.Config {
	return bench.Config{Dir: dir, Tickets: n, Log: e.log,
		Engine: func(db *store.DB) (*cluster.Engine, error) { return newEngine(e, db) }}
}

func runBench(e *env, dir string, n int) error {
	rows, err := bench.Run(e.ctx, benchConfig(e, dir, n))
	if err != nil {
		return err
	}
	if err := printRows(e, rows); err != nil {
		return err
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return fmt.Errorf("peak memory: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "peak memory: %.2f GiB at %d tickets\n", float64(ru.Maxrss)/(1<<20), n)
	return err
}

func runNight(e *env, dir string, n, history int) error {
	night, err := bench.Day(e.ctx, bench.DayConfig{History: history, Config: benchConfig(e, dir, n),
		Runner: func(db *store.DB) *jobs.Runner { return newRunner(e, db, true) }})
	if err != nil {
		return err
	}
	if err := printRows(e, night.Rows); err != nil {
		return err
	}
	c := night.Counts
	since := "the night alone"
	if !night.Reset {
		since = "the whole process (the peak could not be reset)"
	}
	_, err = fmt.Fprintf(e.stdout, "night: %d read, %d assigned, %d in new clusters or pending, %d suggested; peak memory %.2f GiB (%s)\n",
		c.Read, c.Assigned, c.NewClusters+c.Pending, c.Suggested, night.PeakGiB, since)
	return err
}

func runWindow(e *env, dir string, n int) error {
	rows, reset, err := bench.Window(e.ctx, benchConfig(e, dir, n))
	if err != nil {
		return err
	}
	plain := make([]bench.Row, len(rows))
	for i, r := range rows {
		plain[i] = r.Row
	}
	if err := printRows(e, plain); err != nil {
		return err
	}
	for _, r := range rows {
		fmt.Fprintf(e.stdout, "peak memory during %s: %.2f GiB\n", r.Stage, r.PeakGiB)
	}
	if !reset {
		fmt.Fprintln(e.stdout, "(the peak could not be reset between stages: each figure is the peak since start)")
	}
	return nil
}

// printRows prints the measured stages as a table.
func printRows(e *env, rows []bench.Row) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "stage\titems\tseconds\titems/s\t\n")
	for _, r := range rows {
		rate := "—"
		if r.Seconds > 0 {
			rate = fmt.Sprintf("%.0f", float64(r.Items)/r.Seconds)
		}
		fmt.Fprintf(tw, "%s\t%d %s\t%.2f\t%s\t\n", r.Stage, r.Items, r.Unit, r.Seconds, rate)
	}
	return tw.Flush()
}
