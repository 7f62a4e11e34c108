package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/leian/leian/queries"
)

var similarCmd = &command{
	name:  "similar",
	args:  "[--db PATH] [-n N] [--json] (TICKET_ID | --text \"...\")",
	short: "show the tickets most similar to a ticket or a text",
	long: `Similar ranks tickets by the cosine of their TF-IDF vectors ("show me cases
like this one"), from the token table the clustering runs keep in DuckDB.
Titles and excerpts are masked.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		text := fs.String("text", "", "query `text` instead of a ticket id")
		n := fs.Int("n", 10, "how many tickets")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			id := ""
			switch {
			case len(args) == 1 && *text == "":
				id = args[0]
			case len(args) == 0 && *text != "":
			default:
				return errUsage
			}
			d, eng, err := openEngine(e, *db, true)
			if err != nil {
				return err
			}
			defer d.Close()
			res, err := eng.Similar(e.ctx, queries.FS, id, *text, *n)
			if err != nil {
				return err
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(res)
			}
			for _, s := range res {
				fmt.Fprintf(e.stdout, "%.3f  %s  %s  %s｜%s\n", s.Score, s.TicketID, s.Received, s.Title, s.Excerpt)
			}
			return nil
		}
	},
}

var assignCmd = &command{
	name:  "assign",
	args:  "[--db PATH]",
	short: "assign new tickets to existing clusters (nightly), forming new ones from alike leftovers",
	long: `Assign embeds every ticket without a cluster with the latest model and
joins it to its nearest cluster when similar enough; the rest wait as pending,
and enough alike pending tickets form a new cluster. No re-clustering.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		return func(e *env, args []string) error {
			if len(args) > 0 {
				return errUsage
			}
			d, eng, err := openEngine(e, *db, false)
			if err != nil {
				return err
			}
			defer d.Close()
			r, err := eng.Assign(e.ctx, time.Now())
			if err != nil {
				return err
			}
			if r.Tickets == 0 {
				fmt.Fprintln(e.stdout, "nothing to assign: every ticket has a cluster")
				return nil
			}
			fmt.Fprintf(e.stdout, "run %d: %d tickets: %d assigned, %d new clusters, %d pending\n", r.RunID, r.Tickets, r.Assigned, r.NewClusters, r.Pending)
			return nil
		}
	},
}
