//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// ArrowBuilt reports whether this binary has DuckDB's Arrow interface (the
// duckdb_arrow build tag). The Makefile always sets it.
const ArrowBuilt = true

// ArrowConn is a connection that moves query results and registered views as
// Arrow record batches. Close it when done.
type ArrowConn struct {
	conn driver.Conn
	a    *duckdb.Arrow
}

// Arrow opens a dedicated connection with DuckDB's Arrow interface.
func (db *DB) Arrow(ctx context.Context) (*ArrowConn, error) {
	c, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	a, err := duckdb.NewArrowFromConn(c)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("arrow: %w", err)
	}
	return &ArrowConn{conn: c, a: a}, nil
}

// Query runs query and returns its result as a stream of record batches.
func (ac *ArrowConn) Query(ctx context.Context, query string, args ...any) (array.RecordReader, error) {
	return ac.a.QueryContext(ctx, query, args...)
}

// RegisterView exposes the batches of r to SQL as a view called name until
// release is called.
func (ac *ArrowConn) RegisterView(r array.RecordReader, name string) (release func(), err error) {
	return ac.a.RegisterView(r, name)
}

// Exec runs a statement on the Arrow connection (for example an INSERT
// from a registered view), binding args to its parameters $1, $2, ... in
// order.
func (ac *ArrowConn) Exec(ctx context.Context, query string, args ...any) error {
	var named []driver.NamedValue
	for i, a := range args {
		named = append(named, driver.NamedValue{Ordinal: i + 1, Value: a})
	}
	_, err := ac.conn.(driver.ExecerContext).ExecContext(ctx, query, named)
	return err
}

// Close closes the connection.
func (ac *ArrowConn) Close() error { return ac.conn.Close() }
