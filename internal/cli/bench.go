package cli

import (
	"flag"
	"fmt"
	"os"
	"syscall"
	"text/tabwriter"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/internal/bench"
	"github.com/leian/leian/store"
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

func runBench(e *env, dir string, n int) error {
	rows, err := bench.Run(e.ctx, bench.Config{Dir: dir, Tickets: n, Log: e.log,
		Engine: func(db *store.DB) (*cluster.Engine, error) { return newEngine(e, db) }})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "stage\titems\tseconds\titems/s\t\n")
	for _, r := range rows {
		rate := "—"
		if r.Seconds > 0 {
			rate = fmt.Sprintf("%.0f", float64(r.Items)/r.Seconds)
		}
		fmt.Fprintf(tw, "%s\t%d %s\t%.2f\t%s\t\n", r.Stage, r.Items, r.Unit, r.Seconds, rate)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return fmt.Errorf("peak memory: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "peak memory: %.2f GiB at %d tickets\n", float64(ru.Maxrss)/(1<<20), n)
	return err
}
