package cluster

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// conn is an Arrow connection with the engine's statements: each method
// below takes the name of a file of queries/ (engine_*.sql and the like),
// binding args to its $1, $2, ... The embedded ArrowConn still runs
// transaction control and the Arrow inserts (insert).
type conn struct {
	*store.ArrowConn
	sql fs.FS
}

// arrow opens an Arrow connection on e's database with e's statements
// (queries.FS unless e.Queries is set).
func (e *Engine) arrow(ctx context.Context) (conn, error) {
	ac, err := e.DB.Arrow(ctx)
	if err != nil {
		return conn{}, err
	}
	q := e.Queries
	if q == nil {
		q = queries.FS
	}
	return conn{ac, q}, nil
}

// text returns the statement in name.sql.
func (c conn) text(name string) (string, error) {
	b, err := fs.ReadFile(c.sql, name+".sql")
	if err != nil {
		return "", fmt.Errorf("cluster: statement %s: %w", name, err)
	}
	return string(b), nil
}

// exec runs the statement (or statements) of name.sql.
func (c conn) exec(ctx context.Context, name string, args ...any) error {
	q, err := c.text(name)
	if err != nil {
		return err
	}
	if err := c.Exec(ctx, q, args...); err != nil {
		return fmt.Errorf("cluster: %s: %w", name, err)
	}
	return nil
}

// query runs the query of name.sql and returns its record batches.
func (c conn) query(ctx context.Context, name string, args ...any) (array.RecordReader, error) {
	q, err := c.text(name)
	if err != nil {
		return nil, err
	}
	rr, err := c.Query(ctx, strings.TrimSpace(q), args...)
	if err != nil {
		return nil, fmt.Errorf("cluster: %s: %w", name, err)
	}
	return rr, nil
}

// int returns the first column of the first row of name.sql's result, a
// BIGINT; a query that gives no row is an error, and so is a failed stream.
func (c conn) int(ctx context.Context, name string, args ...any) (int64, error) {
	rr, err := c.query(ctx, name, args...)
	if err != nil {
		return 0, err
	}
	defer rr.Release()
	if !rr.Next() || rr.RecordBatch().NumRows() == 0 {
		if err := rr.Err(); err != nil {
			return 0, fmt.Errorf("cluster: %s: %w", name, err)
		}
		return 0, fmt.Errorf("cluster: %s: no rows", name)
	}
	return rr.RecordBatch().Column(0).(*array.Int64).Value(0), nil
}

// statements returns the statements of the files name.sql of fsys, in
// order, for code that runs them through database/sql.
func statements(fsys fs.FS, names ...string) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		b, err := fs.ReadFile(fsys, n+".sql")
		if err != nil {
			return nil, fmt.Errorf("cluster: statement %s: %w", n, err)
		}
		out[i] = string(b)
	}
	return out, nil
}
