package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
)

var reportCmd = &command{
	name:  "report",
	args:  "weekly --week 2026-W47 [--department NAME | --district NAME] --out DIR | monthly --month 2026-11 --out DIR  [--db PATH]",
	short: "write the weekly similar-case review packs or the monthly mayor briefing",
	long: `Report weekly writes, for an ISO week, one review pack per department and one
per district (or only the one asked for); report monthly writes the city-wide
mayor briefing of a month. Each report is an HTML page (self-contained,
prints on A4), a Markdown file and an XLSX appendix with the tables behind
it; DIR/index.html links every report in DIR. The same database and period
always give byte-identical files.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		week := fs.String("week", "", "ISO `week`, e.g. 2026-W47 (weekly)")
		month := fs.String("month", "", "`month`, e.g. 2026-11 (monthly)")
		dept := fs.String("department", "", "only this department's pack (weekly)")
		district := fs.String("district", "", "only this district's pack (weekly)")
		out := fs.String("out", "", "output `dir` (required)")
		return func(e *env, args []string) error {
			if len(args) != 1 || *out == "" {
				return errUsage
			}
			d, err := store.Open(e.ctx, *db, store.Options{ReadOnly: true, Migrations: queries.FS})
			if err != nil {
				return err
			}
			defer d.Close()
			b := &reports.Builder{DB: d.DB, Queries: queries.FS, Zone: shanghai}
			var files []reports.File
			switch args[0] {
			case "weekly":
				if *week == "" || (*dept != "" && *district != "") {
					return errUsage
				}
				files, err = weeklyFiles(e.ctx, b, *week, *dept, *district)
			case "monthly":
				if *month == "" {
					return errUsage
				}
				files, err = monthlyFiles(e.ctx, b, *month)
			default:
				return errUsage
			}
			if err != nil {
				return err
			}
			if err := reports.Write(*out, files); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %d reports (%d files) under %s; open %s/index.html\n", len(files)/3, len(files), *out, *out)
			return nil
		}
	},
}

func weeklyFiles(ctx context.Context, b *reports.Builder, week, dept, district string) ([]reports.File, error) {
	var scopes []reports.Scope
	switch {
	case dept != "":
		scopes = []reports.Scope{{Kind: "department", Value: dept}}
	case district != "":
		scopes = []reports.Scope{{Kind: "district", Value: district}}
	default:
		var err error
		if scopes, err = b.Scopes(ctx, week); err != nil {
			return nil, err
		}
	}
	reps, err := b.WeeklyPacks(ctx, week, scopes)
	if err != nil {
		return nil, err
	}
	return reports.RenderAll(reps)
}

func monthlyFiles(ctx context.Context, b *reports.Builder, month string) ([]reports.File, error) {
	r, err := b.Monthly(ctx, month)
	if err != nil {
		return nil, err
	}
	return reports.Render(r)
}
