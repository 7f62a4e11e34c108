package analysis

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Params are a query's variables, by name.
type Params map[string]any

// Table is a query result as loosely typed rows.
type Table struct {
	Columns []string
	Rows    [][]any
	// Truncated reports that the query had more rows than the cap of
	// RunSQLCapped, which kept the first ones.
	Truncated bool
}

// Saved describes a saved query: a .sql file of queries/ with a header.
type Saved struct {
	Name        string // file name without .sql
	Description string // the header comment, joined
	Params      string // the "Parameters:" part of the header, if any
}

// internalPrefixes mark the statements of queries/ that belong to one
// package's steps, not to analysts: the loader's (load_), the jobs' (job_),
// the exports' (export_), the demo's (demo_), the similar-case engine's
// (engine_), the migrations' bookkeeping (migrate_) and the browser
// console's (serve_).
var internalPrefixes = []string{"load_", "job_", "export_", "demo_", "engine_", "migrate_", "serve_"}

// List returns the saved queries in fsys (the metric and view files; the
// internal statements, see internalPrefixes, are left out), by name.
func List(fsys fs.FS) ([]Saved, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Saved
	for _, f := range files {
		if internal(f) {
			continue
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		out = append(out, header(strings.TrimSuffix(path.Base(f), ".sql"), string(b)))
	}
	return out, nil
}

func internal(file string) bool {
	for _, p := range internalPrefixes {
		if strings.HasPrefix(file, p) {
			return true
		}
	}
	return false
}

func header(name, body string) Saved {
	s := Saved{Name: name}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, "--") {
			break
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(l, "--")))
	}
	text := strings.Join(lines, " ")
	text = strings.TrimPrefix(text, name+":")
	if i := strings.Index(text, "Parameters"); i >= 0 {
		s.Params = strings.TrimSpace(text[i:])
		text = text[:i]
	}
	s.Description = strings.TrimSpace(text)
	return s
}

// Querier is what Run needs of a database: a dedicated connection, so the
// variables it sets are seen by the query.
type Querier interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// Run sets params as DuckDB variables and runs the saved query name from
// fsys on one connection. Times are passed as TIMESTAMPTZ, strings as text.
func Run(ctx context.Context, db Querier, fsys fs.FS, name string, params Params) (*Table, error) {
	q, err := fs.ReadFile(fsys, name+".sql")
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	return RunSQL(ctx, db, string(q), params)
}

// RunSQL is Run for a query text.
func RunSQL(ctx context.Context, db Querier, query string, params Params) (*Table, error) {
	return RunSQLCapped(ctx, db, query, params, 0)
}

// RunSQLCapped is RunSQL keeping at most maxRows rows (0 means all): with
// more, it stops reading, keeps the first maxRows in the query's order and
// sets Truncated.
func RunSQLCapped(ctx context.Context, db Querier, query string, params Params, maxRows int) (*Table, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := SetParams(ctx, c, params); err != nil {
		return nil, err
	}
	rows, err := c.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	t := &Table{Columns: cols}
	for rows.Next() {
		if maxRows > 0 && len(t.Rows) == maxRows {
			t.Truncated = true
			break
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, vals)
	}
	return t, rows.Err()
}

// SetParams sets each parameter as a DuckDB variable on c, in name order.
func SetParams(ctx context.Context, c *sql.Conn, params Params) error {
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !validName(n) {
			return fmt.Errorf("parameter name %q: use letters, digits and _", n)
		}
		v := params[n]
		if t, ok := v.(time.Time); ok {
			v = t.Format("2006-01-02 15:04:05.999999-07:00")
		}
		if _, err := c.ExecContext(ctx, "SET VARIABLE "+n+" = ?", v); err != nil {
			return fmt.Errorf("parameter %s: %w", n, err)
		}
	}
	return nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// ErrScanType reports a value Scan cannot store in its field: a query
// returns a type its struct does not expect.
var ErrScanType = errors.New("value of unexpected type")

// Scan fills a slice of structs from t, matching columns to fields by their
// `col` tag (also the fields of embedded structs). Columns without a field
// are ignored; NULL leaves the zero value (use pointer fields to tell NULL
// apart). A string field takes text as it is and numbers and times as
// fmt.Sprint prints them; other fields take a value that converts to their
// type. Any other value is an error (ErrScanType) that names the row (from
// 0) and the column.
func Scan[T any](t *Table) ([]T, error) {
	var out []T
	idx := map[string][]int{}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[T]()) {
		if tag := f.Tag.Get("col"); tag != "" {
			idx[tag] = f.Index
		}
	}
	for i, row := range t.Rows {
		var v T
		rv := reflect.ValueOf(&v).Elem()
		for c, name := range t.Columns {
			fi, ok := idx[name]
			if !ok || row[c] == nil {
				continue
			}
			if err := setField(rv.FieldByIndex(fi), row[c]); err != nil {
				return nil, fmt.Errorf("scan row %d column %s: %w", i, name, err)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func setField(f reflect.Value, v any) error {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := setField(p.Elem(), v); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	rv := reflect.ValueOf(v)
	switch {
	case f.Kind() == reflect.Slice && rv.Kind() == reflect.Slice:
		s := reflect.MakeSlice(f.Type(), rv.Len(), rv.Len())
		for i := 0; i < rv.Len(); i++ {
			if e := rv.Index(i).Interface(); e != nil {
				if err := setField(s.Index(i), e); err != nil {
					return fmt.Errorf("element %d: %w", i, err)
				}
			}
		}
		f.Set(s)
	case f.Kind() == reflect.String && rv.Kind() != reflect.String && rv.Kind() != reflect.Slice:
		f.SetString(fmt.Sprint(v)) // not Convert: it makes an integer a rune
	case rv.Type().ConvertibleTo(f.Type()):
		f.Set(rv.Convert(f.Type()))
	default:
		return fmt.Errorf("%w: %T into %s", ErrScanType, v, f.Type())
	}
	return nil
}
