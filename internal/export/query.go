package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/store"
)

// ErrArrowParams reports parameters given with the Arrow format, which
// does not take them yet.
var ErrArrowParams = errors.New("--format arrow does not take --param yet; inline the values")

// Parquet lets DuckDB write the result of query, with the DuckDB
// variables ps set, to the Parquet file out. The statement wraps the
// caller's own query text (leian sql's), so it is built here rather than
// read from queries/; the path is bound as an argument.
func Parquet(ctx context.Context, d *store.DB, query string, ps analysis.Params, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	c, err := d.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := analysis.SetParams(ctx, c, ps); err != nil {
		return err
	}
	_, err = c.ExecContext(ctx, "COPY ("+query+") TO $1 (FORMAT parquet)", abs)
	return err
}

// Arrow streams the record batches of query's result into the Arrow IPC
// file out. It takes no parameters (ErrArrowParams).
func Arrow(ctx context.Context, d *store.DB, query string, ps analysis.Params, out string) error {
	if len(ps) > 0 {
		return ErrArrowParams
	}
	ac, err := d.Arrow(ctx)
	if err != nil {
		return err
	}
	defer ac.Close()
	rr, err := ac.Query(ctx, query)
	if err != nil {
		return err
	}
	defer rr.Release()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := ipc.NewFileWriter(f, ipc.WithSchema(rr.Schema()))
	if err != nil {
		return err
	}
	for rr.Next() {
		if err := w.Write(rr.RecordBatch()); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Close()
}
