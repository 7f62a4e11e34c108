package load

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/leian/leian/ticket"
)

// Summary counts what a load did with the rows it read. For every load,
// Read = Inserted + Updated + Unchanged + Rejected.
type Summary struct {
	Read      int64 `json:"read"`
	Inserted  int64 `json:"inserted"`
	Updated   int64 `json:"updated"`
	Unchanged int64 `json:"unchanged"`
	Rejected  int64 `json:"rejected"`
}

// Add adds o's counts to s.
func (s *Summary) Add(o Summary) {
	s.Read += o.Read
	s.Inserted += o.Inserted
	s.Updated += o.Updated
	s.Unchanged += o.Unchanged
	s.Rejected += o.Rejected
}

// Reject is one rejected row.
type Reject struct {
	Line   int64
	Field  string
	Reason string
}

// Result is the outcome of loading one file.
type Result struct {
	LoadID   int64
	Path     string
	SHA256   string
	Format   string
	Encoding string
	Profile  string
	Summary
	FirstRejects []Reject // up to MaxRejectsShown, by line

	fast bool // loaded by the fast path (loadFast)
}

// MaxRejectsShown is how many rejects a Result carries for display; all of
// them are in the rejects table.
const MaxRejectsShown = 10

// Loader loads files into a database.
type Loader struct {
	DB      *sql.DB
	Queries fs.FS   // queries.FS
	Mapping Mapping // optional user mapping
	TempDir string  // for transcoded copies; "" means os.TempDir()
	Log     *slog.Logger
	// beforeCommit, if set, runs inside the transaction just before commit
	// (tests use it to kill a load half done).
	beforeCommit func()
	// classifyOnly skips the fast path (tests compare the two paths).
	classifyOnly bool
}

// LoadFile loads one file. All its rows commit together or none do.
func (l *Loader) LoadFile(ctx context.Context, path string) (Result, error) {
	res := Result{Path: path}
	format, err := Format(path)
	if err != nil {
		return res, err
	}
	res.Format = format
	c, err := l.DB.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer c.Close()
	p := pending{started: time.Now(), sum: hashAsync(path)}
	defer p.sum() // the hashing reads the file; let it finish
	done, cleanup, err := l.classifyFile(ctx, c, &res, p)
	defer cleanup()
	if err != nil {
		return res, err
	}
	if done {
		return res, nil
	}
	if res.SHA256, err = p.sum(); err != nil {
		return res, fmt.Errorf("load %s: %w", path, err)
	}
	if err := l.merge(ctx, c, &res, p.started); err != nil {
		return res, fmt.Errorf("load %s: %w", path, err)
	}
	return res, nil
}

// classifyFile stages the file and loads it by the fast path if it can
// (done), else checks and classifies its rows (the temp table classified)
// for the merge. The encoding of a text file is guessed from its head;
// DuckDB's reader checks that the rest is UTF-8 as it reads, and if it finds
// otherwise the file is done again from a UTF-8 copy of it read as GB18030.
// cleanup removes that copy once the load is over (a CSV file is read where
// it lies, until the merge).
func (l *Loader) classifyFile(ctx context.Context, c *sql.Conn, res *Result, p pending) (done bool, cleanup func(), err error) {
	enc := "utf8"
	if res.Format == "csv" {
		if enc, err = headEncoding(res.Path); err != nil {
			return false, func() {}, fmt.Errorf("load %s: %w", res.Path, err)
		}
	}
	done, cleanup, err = l.classifyAs(ctx, c, res, enc, p)
	if err != nil || done || res.Format != "csv" || enc == "gb18030" {
		return done, cleanup, err
	}
	var bad int64
	if err := l.scan(ctx, c, "load_bad_encoding.sql", nil, &bad); err != nil || bad == 0 {
		return false, cleanup, err
	}
	cleanup()
	return l.classifyAs(ctx, c, res, "gb18030", p)
}

// classifyAs stages the file read in encoding enc (text formats only) and
// maps its columns; then it tries the fast path (loadFast) and, when that
// leaves the file, checks its rows and classifies them.
func (l *Loader) classifyAs(ctx context.Context, c *sql.Conn, res *Result, enc string, p pending) (done bool, cleanup func(), err error) {
	read, cleanup, err := l.readable(res, enc)
	if err != nil {
		return false, cleanup, err
	}
	s, err := l.stageFile(ctx, c, res, read, enc)
	if err != nil {
		return false, cleanup, err
	}
	if done, err = l.loadFast(ctx, c, res, s, p); err != nil || done {
		return done, cleanup, wrapLoad(res.Path, err)
	}
	if res.Format == "csv" { // the fast path may have read csv_src: stage afresh
		if s, err = l.stageFile(ctx, c, res, read, enc); err != nil {
			return false, cleanup, err
		}
	}
	if err := l.check(ctx, c, s.headers, s.fields, "source"); err != nil {
		return false, cleanup, fmt.Errorf("load %s: check: %w", res.Path, err)
	}
	if err := l.exec(ctx, c, "load_classify.sql"); err != nil {
		return false, cleanup, fmt.Errorf("load %s: read: %w", res.Path, err)
	}
	if res.Format == "csv" {
		err = l.exec(ctx, c, "load_csv_rejects.sql")
	}
	return false, cleanup, err
}

// readable returns the path DuckDB reads for a file in encoding enc: the
// file itself, or for a GB18030 CSV file a UTF-8 copy, which cleanup removes.
func (l *Loader) readable(res *Result, enc string) (read string, cleanup func(), err error) {
	cleanup = func() {}
	if res.Format != "csv" {
		return res.Path, cleanup, nil
	}
	res.Encoding = enc
	switch enc {
	case "utf16":
		return "", cleanup, fmt.Errorf("load %s: %w: UTF-16; save it as UTF-8 or GBK", res.Path, ErrEncoding)
	case "gb18030":
		if read, err = transcode(res.Path, l.TempDir); err != nil {
			return "", cleanup, fmt.Errorf("load %s: %w", res.Path, err)
		}
		return read, func() {
			if err := os.Remove(read); err != nil {
				l.Log.Warn("transcoded copy not removed", "path", read, "err", err)
			}
		}, nil
	}
	return res.Path, cleanup, nil
}

// staged is a staged file: its headers, and the source header of each
// ticket field the file has.
type staged struct {
	headers []string
	fields  map[string]string
}

// stageFile stages the file at read (res.Path or its UTF-8 copy) and maps
// its headers to fields, setting res.Profile.
func (l *Loader) stageFile(ctx context.Context, c *sql.Conn, res *Result, read, enc string) (staged, error) {
	t0 := time.Now()
	headers, err := l.stage(ctx, c, read, res.Format)
	l.Log.Debug("load step", "step", "stage", "encoding", enc, "seconds", time.Since(t0).Seconds())
	if err != nil {
		return staged{}, fmt.Errorf("load %s: read: %w", res.Path, err)
	}
	fields, profile, err := resolve(headers, l.Mapping)
	if err != nil {
		return staged{}, fmt.Errorf("load %s line 1: %w", res.Path, err)
	}
	res.Profile = profile
	return staged{headers, fields}, nil
}

func wrapLoad(path string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("load %s: %w", path, err)
}

// check builds the raw view (source columns renamed to ticket fields,
// unmapped ones gathered into extra) over from and runs load_check.sql over
// it. from is the view source, whose rows carry their line, or for a CSV
// file one of its readers, csv_src or csv_strict (see stageCSV), whose rows
// have no line: numbering them keeps DuckDB to one thread for the whole
// read and check.
func (l *Loader) check(ctx context.Context, c execer, headers []string, fields map[string]string, from string) error {
	used := map[string]bool{}
	line := "_line AS line"
	if from != "source" {
		line = "CAST(NULL AS BIGINT) AS line"
	}
	sel := []string{line}
	for _, f := range ticket.Fields {
		if h, ok := fields[f.Name]; ok {
			sel = append(sel, fmt.Sprintf("CAST(%s AS VARCHAR) AS %s", ident(h), f.Name))
			used[h] = true
		} else {
			sel = append(sel, "CAST(NULL AS VARCHAR) AS "+f.Name)
		}
	}
	sel = append(sel, extraColumn(headers, used))
	if _, err := c.ExecContext(ctx, "CREATE OR REPLACE TEMP VIEW raw AS SELECT "+strings.Join(sel, ", ")+" FROM "+from); err != nil {
		return err
	}
	return l.exec(ctx, c, "load_check.sql")
}

// extraColumn returns the select item that gathers the source columns not
// in used into extra: a JSON object from header to value as read (text, or
// null for an empty cell), keys sorted so that the same columns give the same
// object whatever their order in the file or its format. With no such column
// extra is NULL.
func extraColumn(headers []string, used map[string]bool) string {
	var rest []string
	for _, h := range headers {
		if !used[h] {
			rest = append(rest, h)
		}
	}
	if len(rest) == 0 {
		return "CAST(NULL AS JSON) AS extra"
	}
	sort.Strings(rest)
	args := make([]string, 0, 2*len(rest))
	for _, h := range rest {
		args = append(args, quote(h), "CAST("+ident(h)+" AS VARCHAR)")
	}
	return "json_object(" + strings.Join(args, ", ") + ") AS extra"
}

// merge settles the classified rows and writes tickets, rejects, the loads
// row and new catalogue items in one transaction.
func (l *Loader) merge(ctx context.Context, c *sql.Conn, res *Result, started time.Time) error {
	if err := l.exec(ctx, c, "load_supersede.sql"); err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := l.scan(ctx, tx, "load_next_id.sql", nil, &res.LoadID); err != nil {
		return err
	}
	steps, err := l.mergeSteps(ctx, tx, res, started)
	if err != nil {
		return err
	}
	for _, s := range steps {
		if err := l.exec(ctx, tx, s.file, s.args...); err != nil {
			return err
		}
	}
	if err := l.scan(ctx, tx, "load_counts.sql", []any{res.LoadID},
		&res.Read, &res.Inserted, &res.Updated, &res.Unchanged, &res.Rejected); err != nil {
		return err
	}
	if res.FirstRejects, err = l.firstRejects(ctx, tx, res.LoadID); err != nil {
		return err
	}
	if l.beforeCommit != nil {
		l.beforeCommit()
	}
	return tx.Commit()
}

// mergeStep is one statement of the merge transaction.
type mergeStep struct {
	file string
	args []any
}

// mergeSteps returns the statements that write the load: the tickets (and
// the console's copy of the updated ones' fields, load_member_facts), the
// rejects, the loads row and the catalogue. The updates run only if there
// are any (on a million new tickets they took 0.9 and 2.3 s for nothing),
// the classified rejects likewise (for a CSV file they read it again).
func (l *Loader) mergeSteps(ctx context.Context, tx *sql.Tx, res *Result, started time.Time) ([]mergeStep, error) {
	var rejected, updated int64
	if err := l.scan(ctx, tx, "load_action_counts.sql", nil, &rejected, &updated); err != nil {
		return nil, err
	}
	id := []any{res.LoadID}
	steps := []mergeStep{{"load_upsert.sql", id}}
	if updated > 0 {
		steps = append(steps, mergeStep{"load_update.sql", id}, mergeStep{"load_member_facts.sql", id})
	}
	if rejected > 0 {
		steps = append(steps, mergeStep{"load_rejects.sql", id})
	}
	return append(steps,
		mergeStep{"load_rejects_structural.sql", id},
		mergeStep{"load_record.sql", []any{res.LoadID, res.Path, res.SHA256, res.Format, nullable(res.Encoding), res.Profile, started}},
		mergeStep{"load_catalogue.sql", nil}), nil
}

// firstRejects returns the first MaxRejectsShown rejects of load id.
func (l *Loader) firstRejects(ctx context.Context, tx *sql.Tx, id int64) ([]Reject, error) {
	q, err := l.query("load_first_rejects.sql")
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, q, id, MaxRejectsShown)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var r Reject
		if err := rows.Scan(&r.Line, &r.Field, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// execer runs statements: a *sql.Conn, or a *sql.Tx begun on it.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// exec runs the statement (or script) of the queries file with args.
func (l *Loader) exec(ctx context.Context, c execer, file string, args ...any) error {
	q, err := l.query(file)
	if err != nil {
		return err
	}
	t0 := time.Now()
	_, err = c.ExecContext(ctx, q, args...)
	l.Log.Debug("load step", "query", file, "seconds", time.Since(t0).Seconds())
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// query returns the text of the queries file.
func (l *Loader) query(file string) (string, error) {
	q, err := fs.ReadFile(l.Queries, file)
	if err != nil {
		return "", fmt.Errorf("query %s: %w", file, err)
	}
	return string(q), nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
