package cluster

import (
	"context"
	"io/fs"

	"github.com/leian/leian/cluster/surge"
)

// Surges recomputes the surge and new-issue flags of every cluster over its
// whole history and stores them in cluster_surges (one transaction).
func (e *Engine) Surges(ctx context.Context, queries fs.FS) ([]surge.Flag, error) {
	series, err := surge.WeeklySeries(ctx, e.DB.DB, queries)
	if err != nil {
		return nil, err
	}
	flags := surge.Detect(series)
	tx, err := e.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stmt, err := statements(queries, "engine_surge_run", "engine_clear_surges", "engine_insert_surge")
	if err != nil {
		return nil, err
	}
	var run int64
	if err := tx.QueryRowContext(ctx, stmt[0]).Scan(&run); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, stmt[1]); err != nil {
		return nil, err
	}
	for _, f := range flags {
		if _, err := tx.ExecContext(ctx, stmt[2], f.ClusterID, f.Week, f.Count, f.Baseline, f.P, string(f.Kind), run); err != nil {
			return nil, err
		}
	}
	return flags, tx.Commit()
}
