package cli

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/internal/jobs"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Demo defaults: a mid-size city's year.
const (
	demoRows  = 50_000
	demoSeed  = 2026
	demoStart = "2025-11-24"
	demoDays  = 364
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
		rows := fs.Int("rows", demoRows, "tickets to generate")
		weeks := fs.Int("weeks", demoDays/7, "weeks run day by day through the jobs (fewer: the earlier ones are imported at once)")
		return func(e *env, args []string) error {
			if len(args) > 0 || *weeks < 1 || *weeks > demoDays/7 {
				return errUsage
			}
			return runDemo(e, *out, *rows, *weeks)
		}
	},
}

func runDemo(e *env, dir string, rows, weeks int) error {
	t0 := time.Now()
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	start, err := time.ParseInLocation(time.DateOnly, demoStart, ticket.Zone)
	if err != nil {
		return err
	}
	cutoff := start.AddDate(0, 0, demoDays-7*weeks) // a Monday: demoStart is one
	exports := filepath.Join(dir, "exports")
	days, planted, err := writeDemoExports(exports, rows, start, cutoff)
	if err != nil {
		return err
	}
	e.log.Info("generated", "rows", rows, "seconds", time.Since(t0).Seconds())
	dbPath := filepath.Join(dir, "leian.duckdb")
	db, err := store.Open(e.ctx, dbPath, store.Options{Migrations: queries.FS})
	if err != nil {
		return err
	}
	defer db.Close()
	if history := filepath.Join(exports, "history.csv"); fileExists(history) {
		res, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: e.log}).LoadFile(e.ctx, history)
		if err != nil {
			return err
		}
		e.log.Info("history imported", "tickets", res.Inserted, "seconds", time.Since(t0).Seconds())
	}
	r := newRunner(e, db, false)
	reportsDir := filepath.Join(dir, "reports")
	if err := liveDays(e, r, days, exports, filepath.Join(dir, "inbox"), reportsDir); err != nil {
		return err
	}
	var tickets, clusters int
	if err := db.QueryRowContext(e.ctx, `SELECT count(*) FROM tickets`).Scan(&tickets); err != nil {
		return err
	}
	if err := db.QueryRowContext(e.ctx, `SELECT count(*) FROM clusters WHERE status = 'active'`).Scan(&clusters); err != nil {
		return err
	}
	score, err := plantedScore(db, planted)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, `
leian demo: %d tickets, %d active similar-case clusters, in %.0f s.
  the clusters against the issue types the generator planted: NMI %.3f, ARI %.3f

  reports:   %s/index.html  (weekly review packs, mayor briefing; HTML, Markdown, XLSX)
  database:  %s

Explore:
  bin/leian sql --db %s "SELECT cluster_name, week, events FROM v_cluster_weekly ORDER BY events DESC LIMIT 10"
  bin/leian sql --db %s --list
  bin/leian similar --db %s --text "小区井盖丢失"
`, tickets, clusters, time.Since(t0).Seconds(), score.NMI, score.ARI, reportsDir, dbPath, dbPath, dbPath, dbPath)
	return nil
}

// liveDays runs the nightly job for each day (its export copied into the
// inbox first), the weekly job after each Sunday and the monthly job after
// each month's last day.
func liveDays(e *env, r *jobs.Runner, days []time.Time, exports, inbox, out string) error {
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	for _, day := range days {
		name := day.Format(time.DateOnly) + ".csv"
		b, err := os.ReadFile(filepath.Join(exports, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(inbox, name), b, 0o644); err != nil {
			return err
		}
		if _, err := r.Nightly(e.ctx, day, inbox); err != nil {
			return err
		}
		if day.Weekday() == time.Sunday {
			if _, err := r.Weekly(e.ctx, ticket.WeekName(day), out); err != nil {
				return err
			}
		}
		if day.AddDate(0, 0, 1).Day() == 1 {
			if _, err := r.Monthly(e.ctx, ticket.MonthName(day), out); err != nil {
				return err
			}
		}
		e.log.Info("day done", "day", day.Format(time.DateOnly))
	}
	return nil
}

// writeDemoExports writes the tickets received before cutoff to
// history.csv and the later ones to one file per day, as the platform's
// daily exports; it returns the days, in order, and each ticket's planted
// issue type.
func writeDemoExports(dir string, rows int, start, cutoff time.Time) ([]time.Time, map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	planted := map[string]string{}
	type sink struct {
		f *os.File
		b *bufio.Writer
		w *csv.Writer
	}
	sinks := map[string]*sink{}
	open := func(name string) (*sink, error) {
		if s := sinks[name]; s != nil {
			return s, nil
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		s := &sink{f: f, b: bufio.NewWriter(f)}
		s.w = csv.NewWriter(s.b)
		sinks[name] = s
		return s, s.w.Write(ticket.Names())
	}
	_, err := gen.Generate(gen.Config{Rows: rows, Seed: demoSeed, Start: start, Days: demoDays, Messy: gen.DefaultMessy}, func(t *gen.Ticket, tr gen.Truth) error {
		planted[t[ticket.ColTicketID]] = tr.IssueType
		at, err := time.ParseInLocation(ticket.TimeLayout, t[ticket.ColReceivedAt], ticket.Zone)
		if err != nil {
			return err
		}
		name := "history.csv"
		if !at.Before(cutoff) {
			name = at.Format(time.DateOnly) + ".csv"
		}
		s, err := open(name)
		if err != nil {
			return err
		}
		return s.w.Write(t[:])
	})
	if err != nil {
		return nil, nil, err
	}
	var days []time.Time
	for name, s := range sinks {
		s.w.Flush()
		if err := s.b.Flush(); err != nil {
			return nil, nil, err
		}
		if err := s.f.Close(); err != nil {
			return nil, nil, err
		}
		if name != "history.csv" {
			d, err := time.ParseInLocation(time.DateOnly, name[:10], ticket.Zone)
			if err != nil {
				return nil, nil, err
			}
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	return days, planted, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// plantedScore compares each clustered ticket's cluster with the issue type
// the generator planted in it.
func plantedScore(db *store.DB, planted map[string]string) (cluster.Scores, error) {
	rows, err := db.Query(`SELECT ticket_id, cluster_id FROM cluster_members WHERE cluster_id IS NOT NULL`)
	if err != nil {
		return cluster.Scores{}, err
	}
	defer rows.Close()
	types := map[string]int{}
	var truth, pred []int
	for rows.Next() {
		var id string
		var c int64
		if err := rows.Scan(&id, &c); err != nil {
			return cluster.Scores{}, err
		}
		ty := planted[id]
		if _, ok := types[ty]; !ok {
			types[ty] = len(types)
		}
		truth, pred = append(truth, types[ty]), append(pred, int(c))
	}
	if err := rows.Err(); err != nil {
		return cluster.Scores{}, err
	}
	return cluster.Compare(truth, pred), nil
}
