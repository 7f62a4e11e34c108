package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/ticket"
)

var genCmd = &command{
	name:  "gen",
	args:  "--rows N --seed S --out FILE [--format csv|xlsx|jsonl|parquet] [--encoding utf8|gbk] [--headers en|zh]",
	short: "generate realistic demo tickets with their ground truth",
	long: `Gen writes N generated 12345 tickets to FILE, and beside it FILE's base name
with .truth.csv (issue type, event, owning department and first dispatch of
each ticket; a first dispatch elsewhere is a planted misdispatch) and
.surges.csv (the planted surges). Every ticket is received within the days
generated. The same flags always give the same bytes.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		rows := fs.Int("rows", 10000, "number of tickets")
		seed := fs.Uint64("seed", 1, "random seed")
		out := fs.String("out", "", "output `file` (required)")
		format := fs.String("format", "", "csv, xlsx, jsonl or parquet (default: from the file extension, else csv)")
		encoding := fs.String("encoding", "utf8", "utf8 or gbk (csv only)")
		headers := fs.String("headers", "en", "en (canonical names) or zh (Chinese export headers and 2024/1/5 8:03 times)")
		start := fs.String("start", "2025-11-24", "first day `YYYY-MM-DD`")
		days := fs.Int("days", 365, "number of days")
		messy := fs.Float64("messy", gen.DefaultMessy, "`share` of tickets written as citizens write letters (salutations, places as A3区, padding, several matters), 0 to 1")
		misdispatch := fs.Float64("misdispatch", gen.DefaultMisdispatch, "mean `share` of tickets first dispatched to a plausible wrong department, then returned or reassigned, 0 to 1")
		return func(e *env, args []string) error {
			if *out == "" || len(args) > 0 {
				return errUsage
			}
			mis := *misdispatch
			if mis == 0 {
				mis = gen.NoMisdispatch
			}
			day, err := time.ParseInLocation(time.DateOnly, *start, ticket.Zone)
			if err != nil {
				return fmt.Errorf("gen: --start: %w", err)
			}
			f := *format
			if f == "" {
				f = formatOf(*out)
			}
			t0 := time.Now()
			files, err := gen.Write(gen.Config{Rows: *rows, Seed: *seed, Start: day, Days: *days, Messy: *messy, Misdispatch: mis},
				gen.Output{Path: *out, Format: f, Encoding: *encoding, Headers: *headers})
			if err != nil {
				return err
			}
			e.log.Info("generated", "rows", files.Rows, "file", files.Tickets, "truth", files.Truth,
				"surges", files.Surges, "seconds", time.Since(t0).Seconds())
			return nil
		}
	},
}

func formatOf(path string) string {
	for _, f := range []string{"xlsx", "jsonl", "parquet"} {
		if len(path) > len(f) && path[len(path)-len(f)-1:] == "."+f {
			return f
		}
	}
	return "csv"
}
