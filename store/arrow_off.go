//go:build !duckdb_arrow

package store

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// ArrowBuilt reports whether this binary has DuckDB's Arrow interface (the
// duckdb_arrow build tag). The Makefile always sets it.
const ArrowBuilt = false

// ArrowConn is unavailable in this build.
type ArrowConn struct{}

// Arrow fails: this build has no Arrow interface.
func (db *DB) Arrow(ctx context.Context) (*ArrowConn, error) { return nil, ErrNoArrow }

// Query fails: this build has no Arrow interface.
func (ac *ArrowConn) Query(ctx context.Context, query string, args ...any) (array.RecordReader, error) {
	return nil, ErrNoArrow
}

// RegisterView fails: this build has no Arrow interface.
func (ac *ArrowConn) RegisterView(r array.RecordReader, name string) (func(), error) {
	return nil, ErrNoArrow
}

// Exec fails: this build has no Arrow interface.
func (ac *ArrowConn) Exec(ctx context.Context, query string, args ...any) error { return ErrNoArrow }

// Close does nothing.
func (ac *ArrowConn) Close() error { return nil }
