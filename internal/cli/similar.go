package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"time"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/queries"
)

var similarCmd = &command{
	name:  "similar",
	args:  "[--db PATH] [-n N] [--json] (TICKET_ID | --text \"...\")",
	short: "show the tickets most similar to a ticket or a text",
	long: `Similar ranks tickets like a ticket or a text ("show me cases like this
one"): the best by the cosine of their TF-IDF vectors, from the token table
the clustering runs keep in DuckDB, re-ranked with the cosine of their
embeddings under the latest run's words.
Titles and excerpts are masked. --json also gives each ticket's extra
columns (those of its export that no ticket field names), values masked.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		text := fs.String("text", "", "query `text` instead of a ticket id")
		n := fs.Int("n", 10, "how many tickets")
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
			res, err := eng.Similar(e.ctx, queries.FS, id, *text, *n)
			if err != nil {
				return err
			}
			if *asJSON {
				out, err := withExtra(e.ctx, d.DB, queries.FS, res)
				if err != nil {
					return err
				}
				return json.NewEncoder(e.stdout).Encode(out)
			}
			if len(res) == 0 {
				fmt.Fprintln(e.stderr, "leian: no ticket shares a word with this one (the latest clustering run knows none of its words)")
			}
			for _, s := range res {
				fmt.Fprintf(e.stdout, "%.3f  %s  %s  %s｜%s\n", s.Score, s.TicketID, s.Received, s.Title, s.Excerpt)
			}
			return nil
		}
	},
}

// ticketOrText reads the arguments of a command that takes a ticket id or
// --text, not both: the ticket id, "" for the text.
func ticketOrText(args []string, text string) (string, error) {
	switch {
	case len(args) == 1 && text == "":
		return args[0], nil
	case len(args) == 0 && text != "":
		return "", nil
	}
	return "", errUsage
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

// similarJSON is one answer of similar --json: the ticket as Similar ranks
// it, and its extra columns (null when it has none).
type similarJSON struct {
	cluster.SimilarTicket
	Extra json.RawMessage `json:"extra"`
}

// withExtra adds to each answer its extra columns, read with
// ticket_extra.sql, their values masked like titles and excerpts.
func withExtra(ctx context.Context, db *sql.DB, q fs.FS, res []cluster.SimilarTicket) ([]similarJSON, error) {
	text, err := fs.ReadFile(q, "ticket_extra.sql")
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res))
	for i, s := range res {
		ids[i] = s.TicketID
	}
	rows, err := db.QueryContext(ctx, string(text), ids)
	if err != nil {
		return nil, fmt.Errorf("ticket_extra.sql: %w", err)
	}
	defer rows.Close()
	extra := map[string]json.RawMessage{}
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		if extra[id], err = maskExtra(raw); err != nil {
			return nil, fmt.Errorf("extra of ticket %s: %w", id, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]similarJSON, len(res))
	for i, s := range res {
		out[i] = similarJSON{SimilarTicket: s, Extra: extra[s.TicketID]}
	}
	return out, nil
}

// maskExtra masks the text values of a JSON object of extra columns (phone
// numbers, ID card numbers, plates, as text.Mask does). Keys come out
// sorted; null values stay null.
func maskExtra(raw string) (json.RawMessage, error) {
	var m map[string]*string
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	for k, v := range m {
		if v != nil {
			masked := text.Mask(*v)
			m[k] = &masked
		}
	}
	return json.Marshal(m)
}
