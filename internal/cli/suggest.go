package cli

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/leian/leian/queries"
)

var suggestCmd = &command{
	name:  "suggest",
	args:  "[--db PATH] [-n N] [--json] (TICKET_ID | --text \"...\")",
	short: "suggest which department should own a ticket, from where similar past tickets ended",
	long: `Suggest ranks the departments most likely to own a ticket (or a text),
learned from the final department of every clustered ticket: a linear
classifier over the same features "cases like this" uses (leian eval --task
route measures it). Each suggestion shows its confidence and, as evidence,
the most similar past tickets that ended there, masked.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		text := fs.String("text", "", "query `text` instead of a ticket id")
		n := fs.Int("n", 3, "how many departments")
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
			res, err := eng.Suggest(e.ctx, queries.FS, id, *text, *n)
			if err != nil {
				return err
			}
			if *asJSON {
				return json.NewEncoder(e.stdout).Encode(res)
			}
			for _, s := range res {
				item := ""
				if s.Item != "" {
					item = "  目录项：" + s.Item
				}
				fmt.Fprintf(e.stdout, "%s  %.0f%%%s\n", s.Department, 100*s.Confidence, item)
				for _, ev := range s.Evidence {
					fmt.Fprintf(e.stdout, "    %s  %s  %s｜%s\n", ev.TicketID, ev.Received, ev.Title, ev.Excerpt)
				}
			}
			return nil
		}
	},
}
