package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/leian/leian/internal/export"
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
			n, err := export.History(e.ctx, d, abs)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "exported %d tickets to %s/tickets (year=/month= partitions) and clusters to %s/clusters\n", n, abs, abs)
			return nil
		}
	},
}
