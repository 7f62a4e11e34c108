package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

var reportCmd = &command{
	name:  "report",
	args:  "weekly --week 2026-W47 [--department NAME | --district NAME | --category NAME] --out DIR | monthly --month 2026-11 --out DIR  [--db PATH]",
	short: "write the weekly similar-case review packs or the monthly mayor briefing",
	long: `Report weekly writes, for an ISO week, the city-wide review pack and one
per department and one per district the week's tickets name; when they name
neither, one per category (问题大类) instead. --department, --district or
--category writes only that pack. Report monthly writes the city-wide mayor
briefing of a month. A section whose fields the data lacks says so in one
line. Each report is an HTML page (self-contained, prints on A4), a Markdown
file and an XLSX appendix with the tables behind it; DIR/index.html links
every report in DIR. The same database and period always give byte-identical
files.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		week := fs.String("week", "", "ISO `week`, e.g. 2026-W47 (weekly)")
		month := fs.String("month", "", "`month`, e.g. 2026-11 (monthly)")
		dept := fs.String("department", "", "only this department's pack (weekly)")
		district := fs.String("district", "", "only this district's pack (weekly)")
		category := fs.String("category", "", "only this category's pack (weekly)")
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
			b := &reports.Builder{DB: d.DB, Queries: queries.FS, Zone: ticket.Zone}
			var files []reports.File
			switch args[0] {
			case "weekly":
				sc, ok := onlyScope(*dept, *district, *category)
				if *week == "" || !ok {
					return errUsage
				}
				files, err = weeklyFiles(e.ctx, b, *week, sc)
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

// onlyScope is the one scope the flags ask for, nil for every pack of the
// week; ok is false when more than one is set.
func onlyScope(dept, district, category string) (sc *reports.Scope, ok bool) {
	for _, f := range []reports.Scope{{Kind: ticket.ScopeDepartment, Value: dept}, {Kind: ticket.ScopeDistrict, Value: district}, {Kind: ticket.ScopeCategory, Value: category}} {
		if f.Value == "" {
			continue
		}
		if sc != nil {
			return nil, false
		}
		sc = &f
	}
	return sc, true
}

// weeklyFiles renders the packs of a week: only sc's if set, else those of
// every scope the weekly job writes (reports.Builder.Scopes).
func weeklyFiles(ctx context.Context, b *reports.Builder, week string, sc *reports.Scope) ([]reports.File, error) {
	var scopes []reports.Scope
	if sc != nil {
		scopes = []reports.Scope{*sc}
	} else {
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
