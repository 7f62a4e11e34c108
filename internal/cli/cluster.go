package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

var clusterCmd = &command{
	name:  "cluster",
	args:  "[--db PATH] --from DATE --to DATE [--k N] [--seed S] [--reps N]",
	short: "re-cluster the tickets of a window into similar cases, keeping cluster ids",
	long: `Cluster groups the tickets received from --from (inclusive) to --to
(exclusive) into similar-case clusters, matches them to the previous run's so
an issue keeps its id, finds near-duplicate groups, and stores clusters,
memberships, representative tickets, lineage and the model in the database.`,
	flags: func(fs *flag.FlagSet) func(*env, []string) error {
		db := fs.String("db", defaultDB, "database `path`")
		from := fs.String("from", "", "first day `YYYY-MM-DD` (required)")
		to := fs.String("to", "", "day after the last `YYYY-MM-DD` (required)")
		k := fs.Int("k", 0, "number of clusters (0: from the data)")
		seed := fs.Uint64("seed", 1, "random seed")
		reps := fs.Int("reps", cluster.Representatives, "representative tickets kept per cluster")
		return func(e *env, args []string) error {
			if *from == "" || *to == "" || len(args) > 0 {
				return errUsage
			}
			f, err := time.ParseInLocation(time.DateOnly, *from, ticket.Zone)
			if err != nil {
				return fmt.Errorf("--from: %w", err)
			}
			t, err := time.ParseInLocation(time.DateOnly, *to, ticket.Zone)
			if err != nil {
				return fmt.Errorf("--to: %w", err)
			}
			d, eng, err := openEngine(e, *db, false)
			if err != nil {
				return err
			}
			defer d.Close()
			eng.Cfg.K, eng.Cfg.Seed, eng.Reps = *k, *seed, *reps
			r, err := eng.Run(e.ctx, f, t)
			if err != nil {
				return err
			}
			flags, err := eng.Surges(e.ctx, queries.FS)
			if err != nil {
				return err
			}
			e.log.Info("surges", "flags", len(flags))
			e.log.Info("clustered", "run", r.RunID, "tickets", r.Tickets, "clusters", r.Clusters, "new", r.New, "in_dup_groups", r.Dups, "seconds", r.Seconds)
			fmt.Fprintf(e.stdout, "run %d: %d tickets, %d clusters (%d new ids), %d tickets in near-duplicate groups\n",
				r.RunID, r.Tickets, r.Clusters, r.New, r.Dups)
			return nil
		}
	},
}

// openEngine opens the database (read-only or migrated for writing) and
// returns it with a cluster engine; the caller closes the database.
func openEngine(e *env, path string, readOnly bool) (*store.DB, *cluster.Engine, error) {
	d, err := store.Open(e.ctx, path, store.Options{ReadOnly: readOnly, Migrations: queries.FS})
	if err != nil {
		return nil, nil, err
	}
	eng, err := newEngine(e, d)
	if err != nil {
		d.Close()
		return nil, nil, err
	}
	return d, eng, nil
}

// newEngine loads the segmenter once and returns a cluster engine.
func newEngine(e *env, d *store.DB) (*cluster.Engine, error) {
	t0 := time.Now()
	seg, err := text.LoadGSE()
	if err != nil {
		return nil, err
	}
	st := seg.Cache()
	e.log.Debug("dictionary loaded", "seconds", time.Since(t0).Seconds(), "cache", st.Path, "hit", st.Hit)
	if st.Err != nil {
		e.log.Warn("segmentation dictionary not cached: every start builds it (about 1.5 s)", "cache", st.Path, "err", st.Err)
	}
	return &cluster.Engine{DB: d, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: e.log}, nil
}
