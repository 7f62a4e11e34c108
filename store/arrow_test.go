//go:build duckdb_arrow

package store

import (
	"context"
	"testing"
)

func TestArrowExecBindsArguments(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ac, err := db.Arrow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ac.Close()
	if err := ac.Exec(ctx, `CREATE TABLE t (n BIGINT, s VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	if err := ac.Exec(ctx, `INSERT INTO t VALUES ($1, $2)`, int64(7), "it's"); err != nil {
		t.Fatal(err)
	}
	var n int64
	var s string
	if err := db.QueryRowContext(ctx, `SELECT n, s FROM t`).Scan(&n, &s); err != nil {
		t.Fatal(err)
	}
	if n != 7 || s != "it's" {
		t.Errorf("got %d, %q; want 7, \"it's\"", n, s)
	}
}
