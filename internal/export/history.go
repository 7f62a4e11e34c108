package export

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// History writes the tickets under dir/tickets, Hive-partitioned by year
// and month of receipt (queries/export_tickets.sql), and the cluster table
// under dir/clusters (export_clusters.sql); dir must be absolute. It
// returns how many tickets the written files hold.
func History(ctx context.Context, d *store.DB, dir string) (int64, error) {
	for _, s := range []struct{ name, dir string }{
		{"export_tickets", filepath.Join(dir, "tickets")},
		{"export_clusters", filepath.Join(dir, "clusters")},
	} {
		q, err := fs.ReadFile(queries.FS, s.name+".sql")
		if err != nil {
			return 0, err
		}
		if _, err := d.ExecContext(ctx, string(q), s.dir); err != nil {
			return 0, fmt.Errorf("export %s: %w", s.dir, err)
		}
	}
	q, err := fs.ReadFile(queries.FS, "export_count.sql")
	if err != nil {
		return 0, err
	}
	var n int64
	glob := filepath.Join(dir, "tickets", "**", "*.parquet")
	if err := d.QueryRowContext(ctx, string(q), glob).Scan(&n); err != nil {
		return 0, fmt.Errorf("export: count %s: %w", glob, err)
	}
	return n, nil
}
