package cli

import (
	"flag"
	"time"

	"github.com/leian/leian/internal/serve"
)

// defaultUsers is the users file leian serve and leian user read and write
// when --users is not given to leian user.
const defaultUsers = "leian-users.json"

var serveCmd = &command{
	name:  "serve",
	args:  "[--db PATH] --reports DIR [--addr HOST:PORT] [--users FILE]",
	short: "serve the browser console: overview, report archive, clusters, SQL",
	long: `Serve answers the browser console of the weekly review meeting: an
overview of the latest week and month, the archive of written reports with
filters, the cluster explorer (trend, representative tickets, places,
near-duplicates, lineage, members page by page, masked), "cases like this",
and for the city role a SQL page with the saved metric queries and free
SQL (CSV, XLSX and Parquet downloads).

The database is opened read-only with file access off, only while pages are
being served (it is closed after 2 idle seconds), so the nightly job can
write it; while a job holds it, pages answer 503 and ask to retry. At start
and whenever the file has changed (looked at every minute), the overview,
cluster list and top clusters of every department and district are
computed ahead into a cache, so a meeting does not wait for them.

With --users FILE (see leian user add) users log in; a department or district
user sees only its own tickets, members, packs and downloads, and no SQL
page. Without --users there is no login, everyone is the city role, and the
console listens on a loopback address only.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		reports := fs.String("reports", "", "folder of the written reports (`dir`, required)")
		addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
		users := fs.String("users", "", "users `file` (leian user add); without it, local use only")
		return func(e *env, args []string) error {
			if len(args) > 0 || *reports == "" {
				return errUsage
			}
			if err := serve.CheckAddr(*addr, *users != ""); err != nil {
				return err
			}
			cfg := serve.Config{DB: *db, Reports: *reports, Log: e.log}
			if *users != "" {
				us, err := serve.ReadUsers(*users)
				if err != nil {
					return err
				}
				cfg.Users = us
			}
			s, err := serve.New(cfg)
			if err != nil {
				return err
			}
			defer s.Close()
			go s.Watch(e.ctx, time.Minute)
			return serve.Serve(e.ctx, *addr, s.Handler(), e.log)
		}
	},
}
