package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chzyer/readline"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/internal/export"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

type paramList []string

func (p *paramList) String() string     { return strings.Join(*p, ",") }
func (p *paramList) Set(s string) error { *p = append(*p, s); return nil }

var sqlCmd = &command{
	name:  "sql",
	args:  "[--db PATH] [QUERY | -f FILE | --saved NAME] [--param k=v]... [--format table|csv|json|parquet|arrow] [--out FILE] | --list",
	short: "run ad hoc SQL on the database, read-only (interactive without a query)",
	long: `Sql opens the database read-only: a statement that writes fails and changes
nothing. A query comes as an argument, from a file (-f), or from the saved
metric queries (--saved NAME; --list shows them with their parameters).
Parameters become DuckDB variables (--param period_from=2026-11-01), as the
saved queries read them with getvariable(). Without a query, an interactive
prompt starts, with history in ~/.leian_history.

Formats: table (default), csv, json (one array of objects), parquet and
arrow (Arrow IPC file, for pandas, polars and R); parquet and arrow need --out.
The database file also opens in the standalone DuckDB CLI.

File access is off: a query cannot read or write any file but the database
(read_csv, read_text, COPY ... TO, ATTACH, INSTALL fail) nor change a
setting. --allow-files turns it on, for reading other files beside the
database or for --format parquet (DuckDB writes the Parquet file itself).`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		file := fs.String("f", "", "read the query from `file`")
		saved := fs.String("saved", "", "run the saved query `name`")
		list := fs.Bool("list", false, "list the saved queries")
		format := fs.String("format", "table", "table, csv, json, parquet or arrow")
		out := fs.String("out", "", "write to `file` instead of standard output")
		allowFiles := fs.Bool("allow-files", false, "let the query read and write files (needed by --format parquet)")
		var params paramList
		fs.Var(&params, "param", "`name=value` variable for the query (repeatable)")
		return func(e *env, args []string) error {
			if *list {
				return listSaved(e.stdout)
			}
			query, err := pickQuery(args, *file, *saved)
			if err != nil {
				return err
			}
			ps := analysis.Params{}
			for _, p := range params {
				k, v, ok := strings.Cut(p, "=")
				if !ok {
					return fmt.Errorf("--param %q: want name=value", p)
				}
				ps[k] = v
			}
			if *format == "parquet" && !*allowFiles {
				return errors.New("--format parquet lets DuckDB write the file: add --allow-files (or use --format arrow)")
			}
			d, err := store.Open(e.ctx, *db, store.Options{ReadOnly: true, NoFiles: !*allowFiles, Migrations: queries.FS})
			if err != nil {
				return err
			}
			defer d.Close()
			if query == "" {
				return interactive(e, d, ps)
			}
			return runQuery(e.ctx, e.stdout, d, query, ps, output{*format, *out})
		}
	},
}

func pickQuery(args []string, file, saved string) (string, error) {
	n := 0
	for _, s := range []string{file, saved} {
		if s != "" {
			n++
		}
	}
	if len(args) > 1 || n+len(args) > 1 {
		return "", errUsage
	}
	switch {
	case len(args) == 1:
		return args[0], nil
	case file != "":
		b, err := os.ReadFile(file)
		return string(b), err
	case saved != "":
		b, err := queries.FS.ReadFile(saved + ".sql")
		if err != nil {
			return "", fmt.Errorf("no saved query %q; leian sql --list shows them", saved)
		}
		return string(b), nil
	}
	return "", nil
}

func listSaved(w io.Writer) error {
	saved, err := analysis.List(queries.FS)
	if err != nil {
		return err
	}
	for _, s := range saved {
		fmt.Fprintf(w, "%s\n    %s\n", s.Name, s.Description)
		if s.Params != "" {
			fmt.Fprintf(w, "    %s\n", s.Params)
		}
	}
	return nil
}

// output is where leian sql writes a result and how: format is table,
// csv, json, parquet or arrow; path "" means standard output.
type output struct {
	format, path string
}

// runQuery runs one query and writes its result as o says.
func runQuery(ctx context.Context, stdout io.Writer, d *store.DB, query string, ps analysis.Params, o output) error {
	format, out := o.format, o.path
	query = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(query), ";"))
	switch format {
	case "parquet", "arrow":
		if out == "" {
			return fmt.Errorf("--format %s needs --out FILE", format)
		}
		if format == "parquet" {
			return readOnlyHint(export.Parquet(ctx, d, query, ps, out))
		}
		return readOnlyHint(export.Arrow(ctx, d, query, ps, out))
	case "table", "csv", "json":
	default:
		return fmt.Errorf("--format %q: want table, csv, json, parquet or arrow", format)
	}
	t, err := analysis.RunSQL(ctx, d.DB, query, ps)
	if err != nil {
		return readOnlyHint(err)
	}
	if out == "" {
		return writeTable(stdout, t, format)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := writeTable(f, t, format); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readOnlyHint(err error) error {
	switch {
	case err == nil:
	case strings.Contains(err.Error(), "read-only"):
		return fmt.Errorf("%w (leian sql opens the database read-only; nothing was changed)", err)
	case strings.Contains(err.Error(), "disabled by configuration"), strings.Contains(err.Error(), "configuration has been locked"):
		return fmt.Errorf("%w (leian sql keeps file access and settings off; --allow-files turns them on)", err)
	}
	return err
}

func writeTable(w io.Writer, t *analysis.Table, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.Columns); err != nil {
			return err
		}
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cell(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "json":
		objs := make([]map[string]any, len(t.Rows))
		for i, r := range t.Rows {
			objs[i] = map[string]any{}
			for j, c := range t.Columns {
				objs[i][c] = jsonValue(r[j])
			}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(objs)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.Columns, "\t"))
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = cell(v)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	fmt.Fprintf(tw, "(%d rows)\n", len(t.Rows))
	return tw.Flush()
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.In(ticket.Zone).Format(ticket.TimeLayout)
	case float64:
		return fmt.Sprintf("%.6g", x)
	case map[string]any, []any: // JSON, STRUCT, MAP and LIST values
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err == nil {
			return strings.TrimSuffix(b.String(), "\n")
		}
	}
	return fmt.Sprint(v)
}

func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.In(ticket.Zone).Format(time.RFC3339)
	}
	return v
}

// interactive reads statements ending in ";" at a prompt with history.
func interactive(e *env, d *store.DB, ps analysis.Params) error {
	home, _ := os.UserHomeDir()
	rl, err := readline.NewEx(&readline.Config{Prompt: "leian> ", HistoryFile: filepath.Join(home, ".leian_history"),
		Stdin: io.NopCloser(e.stdin), Stdout: e.stdout, Stderr: e.stderr})
	if err != nil {
		return err
	}
	defer rl.Close()
	fmt.Fprintln(e.stdout, "leian sql (read-only). End statements with ;  Ctrl-D quits.")
	var buf strings.Builder
	for {
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			buf.Reset()
			continue
		}
		if err != nil { // io.EOF
			return nil
		}
		buf.WriteString(line + "\n")
		if !strings.HasSuffix(strings.TrimSpace(line), ";") {
			rl.SetPrompt("   ...> ")
			continue
		}
		rl.SetPrompt("leian> ")
		if err := runQuery(e.ctx, e.stdout, d, buf.String(), ps, output{format: "table"}); err != nil {
			fmt.Fprintf(e.stdout, "error: %v\n", err)
		}
		buf.Reset()
	}
}
