package serve

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/store"
)

// querier is what a page queries: the leased database, the statements
// and the result cache (nil: none).
type querier struct {
	db    *store.DB
	fsys  fs.FS
	cache *resultCache
}

// fetch runs the statement name (queries/NAME.sql) with args bound to $1,
// $2, ... and returns its rows.
func fetch(ctx context.Context, d *store.DB, fsys fs.FS, name string, args ...any) (*analysis.Table, error) {
	q, err := fs.ReadFile(fsys, name+".sql")
	if err != nil {
		return nil, err
	}
	rows, err := d.QueryContext(ctx, string(q), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	t := &analysis.Table{Columns: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.Rows = append(t.Rows, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// queryAs runs the statement name (through the result cache, when not
// nil) and fills a T per row by the `col` tags of its fields
// (analysis.Scan).
func queryAs[T any](ctx context.Context, q querier, name string, args ...any) ([]T, error) {
	run := func() (*analysis.Table, error) { return fetch(ctx, q.db, q.fsys, name, args...) }
	var t *analysis.Table
	var err error
	if q.cache != nil {
		t, err = q.cache.get(key(name, args), run)
	} else {
		t, err = run()
	}
	if err != nil {
		return nil, err
	}
	out, err := analysis.Scan[T](t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
