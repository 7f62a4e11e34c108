package cli

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

const defaultDB = "leian.duckdb"

var loadCmd = &command{
	name:  "load",
	args:  "[--db PATH] [--map FILE] [--json] FILE...",
	short: "load ticket exports (CSV/TSV, XLSX, JSON lines, Open311 JSON, Parquet)",
	long: `Load reads each FILE into the database. Encodings (UTF-8 with or without BOM,
GBK/GB18030) and column profiles (canonical names, Chinese export headers,
Open311) are detected; --map names a JSON file mapping other headers to
ticket fields, e.g. {"单号": "ticket_id", "时间": "received_at"}. Columns
that no field takes are kept with the ticket, in extra (a JSON object from
header to value as read; v_tickets shows it).

Each file commits whole or not at all. Loading a file again changes nothing;
a later version of a ticket (later update time) replaces it, and so does one
that differs only in its extra columns; an older one never does. Rows that
cannot be loaded are kept in the rejects table with their line, field and
reason: read = inserted + updated + unchanged + rejected.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		mapFile := fs.String("map", "", "JSON `file` mapping source headers to ticket fields")
		asJSON := fs.Bool("json", false, "print the summary, summed over the files, as one JSON object")
		return func(e *env, args []string) error {
			if len(args) == 0 {
				return errUsage
			}
			var m load.Mapping
			if *mapFile != "" {
				var err error
				if m, err = load.ReadMapping(*mapFile); err != nil {
					return err
				}
			}
			d, err := store.Open(e.ctx, *db, store.Options{Migrations: queries.FS})
			if err != nil {
				return err
			}
			defer d.Close()
			l := &load.Loader{DB: d.DB, Queries: queries.FS, Mapping: m, Log: e.log}
			var total load.Summary
			for _, path := range args {
				res, err := l.LoadFile(e.ctx, path)
				if err != nil {
					return err
				}
				total.Add(res.Summary)
				reportLoad(e, res)
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(total)
			}
			fmt.Fprintf(e.stdout, "read %d: inserted %d, updated %d, unchanged %d, rejected %d\n",
				total.Read, total.Inserted, total.Updated, total.Unchanged, total.Rejected)
			return nil
		}
	},
}

// reportLoad logs one file's outcome and its first rejects to stderr.
func reportLoad(e *env, r load.Result) {
	e.log.Info("loaded", "file", r.Path, "load_id", r.LoadID, "format", r.Format, "encoding", r.Encoding,
		"profile", r.Profile, "read", r.Read, "inserted", r.Inserted, "updated", r.Updated,
		"unchanged", r.Unchanged, "rejected", r.Rejected)
	if r.Inserted == 0 && r.Updated == 0 && r.Rejected == 0 {
		e.log.Info("nothing changed: every row is already loaded", "file", r.Path)
	}
	for _, rj := range r.FirstRejects {
		fmt.Fprintf(e.stderr, "%s line %d field %s: %s\n", r.Path, rj.Line, rj.Field, rj.Reason)
	}
	if r.Rejected > int64(len(r.FirstRejects)) {
		fmt.Fprintf(e.stderr, "%s: %d rejected rows in all; see: leian sql \"SELECT * FROM rejects WHERE load_id = %d\"\n",
			r.Path, r.Rejected, r.LoadID)
	}
}
