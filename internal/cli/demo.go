package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/leian/leian/internal/demo"
	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/store"
)

var demoCmd = &command{
	name:  "demo",
	args:  "[--out DIR] [--rows N] [--weeks N]",
	short: "run the whole system on a generated year of tickets, with no setup",
	long: `Demo generates a year of tickets for a mid-size city and lives through it
as the platform would: the platform's export of each day lands in an inbox
and the nightly job runs; after each Sunday the weekly job re-clusters and writes
every department's and district's review pack; after each month's end the
monthly job writes the mayor briefing. With --weeks N only the last N
weeks are lived through and the earlier ones imported at once. Everything
is under DIR (started afresh); it ends by printing where to look.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		out := fs.String("out", "leian-demo", "output `dir`")
		rows := fs.Int("rows", demo.Rows, "tickets to generate")
		weeks := fs.Int("weeks", demo.Days/7, "weeks run day by day through the jobs (fewer: the earlier ones are imported at once)")
		return func(e *env, args []string) error {
			if len(args) > 0 || *weeks < 1 || *weeks > demo.Days/7 {
				return errUsage
			}
			return runDemo(e, *out, *rows, *weeks)
		}
	},
}

func runDemo(e *env, dir string, rows, weeks int) error {
	t0 := time.Now()
	res, err := demo.Run(e.ctx, demo.Config{Dir: dir, Rows: rows, Weeks: weeks, Log: e.log,
		Runner: func(db *store.DB) *jobs.Runner { return newRunner(e, db, false) }})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, `
leian demo: %d tickets, %d active similar-case clusters, in %.0f s.
  the clusters against the issue types the generator planted: NMI %.3f, ARI %.3f
  dispatch suggestions against the planted dispatch: the owning department for %.1f%% of %d tickets;
  派单复核 flags %d tickets, precision %.3f, recall %.3f on %d planted misdispatches

  reports:   %s/index.html  (weekly review packs, mayor briefing; HTML, Markdown, XLSX)
  database:  %s

Explore:
  bin/leian sql --db %s "SELECT cluster_name, week, events FROM v_cluster_weekly ORDER BY events DESC LIMIT 10"
  bin/leian sql --db %s --list
  bin/leian similar --db %s --text "小区井盖丢失"
`, res.Tickets, res.Clusters, time.Since(t0).Seconds(), res.Score.NMI, res.Score.ARI,
		100*res.Dispatch.Accuracy, res.Dispatch.Suggested, res.Dispatch.Flagged, res.Dispatch.Precision, res.Dispatch.Recall, res.Dispatch.Planted, res.ReportsDir, res.DBPath, res.DBPath, res.DBPath, res.DBPath)
	return err
}
