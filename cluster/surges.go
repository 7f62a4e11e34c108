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
	var run int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(run_id), 0) FROM cluster_runs`).Scan(&run); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM cluster_surges`); err != nil {
		return nil, err
	}
	for _, f := range flags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cluster_surges VALUES (?, ?, ?, ?, ?, ?, ?)`,
			f.ClusterID, f.Week, f.Count, f.Baseline, f.P, f.Kind, run); err != nil {
			return nil, err
		}
	}
	return flags, tx.Commit()
}
