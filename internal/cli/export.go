package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

var exportCmd = &command{
	name:  "export",
	args:  "[--db PATH] --parquet DIR",
	short: "write the history as Hive-partitioned Parquet (year/month) for DuckDB, Spark or Trino",
	long: `Export writes the tickets, with their similar-case cluster and near-duplicate
group, as Parquet files partitioned by year and month of receipt
(DIR/tickets/year=2026/month=11/*.parquet), and the cluster table beside
them (DIR/clusters/*.parquet). DuckDB, Spark and Trino read the layout as it
is. Existing files under DIR/tickets and DIR/clusters are replaced.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		dir := fs.String("parquet", "", "output `dir` (required)")
		return func(e *env, args []string) error {
			if *dir == "" || len(args) > 0 {
				return errUsage
			}
			abs, err := filepath.Abs(*dir)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(abs, 0o755); err != nil {
				return err
			}
			d, err := store.Open(e.ctx, *db, store.Options{ReadOnly: true, Migrations: queries.FS})
			if err != nil {
				return err
			}
			defer d.Close()
			q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
			stmts := []string{
				`COPY (SELECT * EXCLUDE (row_hash), year(timezone('Asia/Shanghai', received_at)) AS year,
				        month(timezone('Asia/Shanghai', received_at)) AS month FROM v_tickets)
				 TO ` + q(filepath.Join(abs, "tickets")) + ` (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)`,
				`COPY clusters TO ` + q(filepath.Join(abs, "clusters")) + ` (FORMAT parquet, PER_THREAD_OUTPUT, OVERWRITE_OR_IGNORE)`,
			}
			for _, s := range stmts {
				if _, err := d.ExecContext(e.ctx, s); err != nil {
					return fmt.Errorf("export: %w", err)
				}
			}
			var n int64
			if err := d.QueryRowContext(e.ctx, `SELECT count(*) FROM read_parquet(`+q(filepath.Join(abs, "tickets", "**", "*.parquet"))+`, hive_partitioning = true)`).Scan(&n); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "exported %d tickets to %s/tickets (year=/month= partitions) and clusters to %s/clusters\n", n, abs, abs)
			return nil
		}
	},
}
