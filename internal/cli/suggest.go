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
learned from where past tickets were finally handled: a linear classifier
over the same features "cases like this" uses (leian eval --task route
measures it), the one the weekly job stores, or learned on the spot before
the first weekly job. Each suggestion shows its confidence, the catalogue
item most of its evidence carries and, as evidence, the most similar past
tickets that ended there, masked.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		text := fs.String("text", "", "query `text` instead of a ticket id")
		n := fs.Int("n", 3, "how many departments")
		asJSON := fs.Bool("json", false, "print JSON")
		return func(e *env, args []string) error {
			id, err := ticketOrText(args, *text)
			if err != nil {
				return err
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
