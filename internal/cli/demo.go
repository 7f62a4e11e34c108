package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// Demo defaults: a mid-size city's year.
const (
	demoRows  = 150_000
	demoSeed  = 2026
	demoStart = "2025-11-24"
	demoDays  = 364
)

var demoCmd = &command{
	name:  "demo",
	args:  "[--out DIR] [--rows N]",
	short: "run the whole pipeline on a generated year of tickets, with no setup",
	long: `Demo generates a year of tickets for a mid-size city into DIR, loads them
into DIR/leian.duckdb, and prints where to look next. Running it again starts
from scratch.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		out := fs.String("out", "leian-demo", "output `dir`")
		rows := fs.Int("rows", demoRows, "tickets to generate")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return errUsage
			}
			return runDemo(e, *out, *rows)
		}
	},
}

func runDemo(e *env, dir string, rows int) error {
	t0 := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dbPath := filepath.Join(dir, "leian.duckdb")
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	start, _ := time.ParseInLocation("2006-01-02", demoStart, shanghai)
	csvPath := filepath.Join(dir, "tickets.csv")
	files, err := gen.Write(gen.Config{Rows: rows, Seed: demoSeed, Start: start, Days: demoDays}, gen.Output{Path: csvPath})
	if err != nil {
		return err
	}
	e.log.Info("generated", "rows", files.Rows, "file", csvPath, "seconds", time.Since(t0).Seconds())
	db, err := store.Open(e.ctx, dbPath, store.Options{Migrations: queries.FS})
	if err != nil {
		return err
	}
	defer db.Close()
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: e.log}
	res, err := l.LoadFile(e.ctx, csvPath)
	if err != nil {
		return err
	}
	reportLoad(e, res)
	fmt.Fprintf(e.stdout, `leian demo: %d tickets generated and loaded in %.0f s.

  database:      %s
  tickets:       %s (ground truth beside it: %s, %s)

Explore:
  leian load --db %s FILE...     load more exports
`, res.Inserted, time.Since(t0).Seconds(), dbPath, csvPath, files.Truth, files.Surges, dbPath)
	return nil
}
