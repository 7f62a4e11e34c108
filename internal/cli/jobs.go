package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/leian/leian/cluster/text"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Exit codes, for cron and systemd (README, "Running unattended").
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	exitLocked = 3 // another leian run holds the database; try again later
)

// progress shows bars on a terminal and slog lines elsewhere.
type progress struct {
	log  *slog.Logger
	w    io.Writer
	tty  bool
	bars map[string]*progressbar.ProgressBar
}

func newProgress(e *env) *progress {
	tty := false
	if f, ok := e.stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &progress{log: e.log, w: e.stderr, tty: tty, bars: map[string]*progressbar.ProgressBar{}}
}

func (p *progress) Step(name string, done, total int) {
	if !p.tty {
		if done == 0 || done == total {
			p.log.Info("step", "name", name, "done", done, "total", total)
		}
		return
	}
	b := p.bars[name]
	if b == nil || done == 0 {
		b = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription(name),
			progressbar.OptionClearOnFinish(), progressbar.OptionShowCount())
		p.bars[name] = b
	}
	_ = b.Set(done) // a bar that cannot be drawn is no reason to stop the job
}

func newRunner(e *env, d *store.DB, force bool) *jobs.Runner {
	return &jobs.Runner{DB: d, Zone: ticket.Zone, Log: e.log, Progress: newProgress(e), Force: force,
		Segment: func() (text.Segmenter, error) { return text.LoadGSE() }}
}

// jobCommand builds nightly, weekly and monthly, which share their flags.
func jobCommand(name, args, short, long string, run func(e *env, r *jobs.Runner, period, inbox, out string) (any, error)) *command {
	return &command{name: name, args: args, short: short, long: long,
		flags: func(fs *flag.FlagSet) func(*env, []string) error {
			db := fs.String("db", defaultDB, "database `path`")
			period := fs.String(map[string]string{"nightly": "day", "weekly": "week", "monthly": "month"}[name], "",
				"period (default: the one just ended)")
			inbox := fs.String("inbox", "", "`dir` of the platform's exports (nightly)")
			out := fs.String("out", "reports", "report `dir` (weekly, monthly)")
			force := fs.Bool("force", false, "run again a period already done")
			return func(e *env, a []string) error {
				if len(a) > 0 || (name == "nightly" && *inbox == "") {
					return errUsage
				}
				d, err := store.Open(e.ctx, *db, store.Options{Migrations: queries.FS})
				if err != nil {
					return err
				}
				defer d.Close()
				counts, err := run(e, newRunner(e, d, *force), *period, *inbox, *out)
				if errors.Is(err, jobs.ErrDone) {
					fmt.Fprintf(e.stdout, "%v\n", err)
					return nil
				}
				if err != nil {
					return err
				}
				line, err := countsLine(counts)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s done: %s\n", name, line)
				return nil
			}
		}}
}

// countsLine prints a job's counts as the JSON stored in job_runs.counts
// names them, keys sorted: map[assigned:12 files:1 ...].
func countsLine(counts any) (string, error) {
	b, err := json.Marshal(counts)
	if err != nil {
		return "", err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return "", err
	}
	return fmt.Sprint(m), nil
}

// lastPeriod returns the day, ISO week or month that ended before now.
func lastPeriod(kind string, now time.Time) string {
	now = now.In(ticket.Zone)
	switch kind {
	case "day":
		return now.AddDate(0, 0, -1).Format(time.DateOnly)
	case "week":
		return ticket.WeekName(now.AddDate(0, 0, -7))
	}
	return ticket.MonthName(now.AddDate(0, 0, -now.Day()))
}

var nightlyCmd = jobCommand("nightly", "[--db PATH] --inbox DIR [--day YYYY-MM-DD] [--force]",
	"nightly job: load new exports, assign them to clusters, refresh duplicates",
	`Nightly loads every file in --inbox whose content was not loaded before,
puts the new tickets into similar-case clusters (the first night clusters the
last 26 weeks; later nights assign without re-clustering) and refreshes the
near-duplicate groups of the last two weeks (surges are flagged weekly). --day
is the day the export covers (default: yesterday). A day already done is skipped
unless --force; a killed run can simply be run again.`,
	func(e *env, r *jobs.Runner, period, inbox, _ string) (any, error) {
		if period == "" {
			period = lastPeriod("day", time.Now())
		}
		day, err := time.ParseInLocation(time.DateOnly, period, ticket.Zone)
		if err != nil {
			return nil, fmt.Errorf("--day: %w", err)
		}
		return r.Nightly(e.ctx, day, inbox)
	})

var weeklyCmd = jobCommand("weekly", "[--db PATH] [--week 2026-W47] [--out DIR] [--force]",
	"weekly job: re-cluster the last 26 weeks, flag surges, write every review pack",
	`Weekly re-clusters the 26 weeks ending with --week (default: last week),
keeping cluster ids, flags new and surging clusters, and writes under --out,
with index.html, the week's review packs as report weekly does: the
city-wide pack and one per department and district (per category when the
week's tickets name neither).`,
	func(e *env, r *jobs.Runner, period, _, out string) (any, error) {
		if period == "" {
			period = lastPeriod("week", time.Now())
		}
		return r.Weekly(e.ctx, period, out)
	})

var monthlyCmd = jobCommand("monthly", "[--db PATH] [--month 2026-11] [--out DIR] [--force]",
	"monthly job: write the mayor briefing",
	`Monthly writes the city-wide mayor briefing of --month (default: last month)
under --out and updates index.html.`,
	func(e *env, r *jobs.Runner, period, _, out string) (any, error) {
		if period == "" {
			period = lastPeriod("month", time.Now())
		}
		return r.Monthly(e.ctx, period, out)
	})
