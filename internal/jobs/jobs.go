package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/reports"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Window is how much history the weekly job re-clusters: the 26 weeks
// ending with the report week (half a year: seasonal issues stay clusters).
const Window = 26 * 7 * 24 * time.Hour

// dedupDays is how far back the nightly job looks for duplicates of new tickets.
const dedupDays = 14

// ErrDone reports a period already done (use force to run it again).
var ErrDone = errors.New("already done")

// Progress reports the steps of a long job; it may be nil.
type Progress interface {
	Step(name string, done, total int)
}

// Runner runs jobs against one database.
type Runner struct {
	DB       *store.DB
	Segment  func() (text.Segmenter, error) // loads the segmenter on first use
	Zone     *time.Location
	Log      *slog.Logger
	Progress Progress
	Force    bool
	Queries  fs.FS // the SQL of queries/; nil means queries.FS
	// hook, if set, is called at named points (tests kill the process there).
	hook func(point string)

	engine *cluster.Engine
	lap    time.Time // when the last point was passed
}

// query returns the statement of queries/name.sql.
func (r *Runner) query(name string) (string, error) {
	fsys := r.Queries
	if fsys == nil {
		fsys = queries.FS
	}
	b, err := fs.ReadFile(fsys, name+".sql")
	if err != nil {
		return "", fmt.Errorf("query %s: %w", name, err)
	}
	return string(b), nil
}

// exec runs the statement of queries/name.sql with args.
func (r *Runner) exec(ctx context.Context, name string, args ...any) error {
	q, err := r.query(name)
	if err != nil {
		return err
	}
	if _, err := r.DB.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// queryRow runs the query of queries/name.sql with args; a missing file
// shows as the row's Scan error.
func (r *Runner) queryRow(ctx context.Context, name string, args ...any) rowScanner {
	q, err := r.query(name)
	if err != nil {
		return errRow{err}
	}
	return r.DB.QueryRowContext(ctx, q, args...)
}

// rowScanner is a *sql.Row or an error in its place.
type rowScanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// at marks a named point of a run: tests kill the process there, and the
// debug log gets the seconds since the previous point.
func (r *Runner) at(point string) {
	if r.hook != nil {
		r.hook(point)
	}
	now := time.Now()
	if !r.lap.IsZero() {
		r.Log.Debug("step", "point", point, "seconds", now.Sub(r.lap).Seconds())
	}
	r.lap = now
}

func (r *Runner) step(name string, done, total int) {
	if r.Progress != nil {
		r.Progress.Step(name, done, total)
	}
}

func (r *Runner) eng() (*cluster.Engine, error) {
	if r.engine == nil {
		seg, err := r.Segment()
		if err != nil {
			return nil, err
		}
		r.engine = &cluster.Engine{DB: r.DB, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: r.Log}
	}
	return r.engine, nil
}

// NightlyCounts is what a nightly run did; it is stored as JSON in
// job_runs.counts. Fields go in the order of their JSON names.
type NightlyCounts struct {
	Assigned    int   `json:"assigned"`            // tickets that joined a cluster
	Clustered   *int  `json:"clustered,omitempty"` // tickets of the first night's full run
	Clusters    *int  `json:"clusters,omitempty"`  // clusters of the first night's full run
	Files       int   `json:"files"`               // files loaded (not seen before)
	InDupGroups int   `json:"in_dup_groups"`       // tickets in near-duplicate groups of the dedup window
	Inserted    int64 `json:"inserted"`
	NewClusters int   `json:"new_clusters"` // formed from pending tickets
	Pending     int   `json:"pending"`      // tickets still waiting for a cluster
	Read        int64 `json:"read"`
	Rejected    int64 `json:"rejected"`
	Suggested   int   `json:"suggested"` // tickets given a dispatch suggestion
	Updated     int64 `json:"updated"`
}

// WeeklyCounts is what a weekly run did.
type WeeklyCounts struct {
	Clustered  int `json:"clustered"`   // tickets of the re-clustered window
	Clusters   int `json:"clusters"`    // clusters of the re-clustering
	NewIDs     int `json:"new_ids"`     // clusters given fresh ids
	Packs      int `json:"packs"`       // review packs written
	Routed     int `json:"routed"`      // tickets the new dispatch-suggestion model learned from
	SurgeFlags int `json:"surge_flags"` // surge and new flags raised
}

// MonthlyCounts is what a monthly run did.
type MonthlyCounts struct {
	Reports int `json:"reports"` // briefings written (1)
}

// run records a job run around fn: skipped if done (unless Force), marked
// running, then done with fn's counts or failed with its error. Runs an
// earlier process left running are first marked abandoned.
func run[C any](ctx context.Context, r *Runner, job, period string, fn func(*C) error) (*C, error) {
	var done int
	if err := r.queryRow(ctx, "job_done", job, period).Scan(&done); err != nil {
		return nil, err
	}
	if done > 0 && !r.Force {
		return nil, fmt.Errorf("%s %s: %w (use --force to run it again)", job, period, ErrDone)
	}
	if err := r.abandon(ctx); err != nil {
		return nil, err
	}
	started := time.Now()
	r.lap = started
	if err := r.exec(ctx, "job_start", job, period, started); err != nil {
		return nil, err
	}
	counts := new(C)
	err := fn(counts)
	status, msg := "done", ""
	if err != nil {
		status, msg = "failed", err.Error()
	}
	b, merr := json.Marshal(counts)
	if merr != nil && err == nil {
		err = fmt.Errorf("%s %s: counts: %w", job, period, merr)
	}
	if uerr := r.exec(context.WithoutCancel(ctx), "job_finish", job, period, started, time.Now(), status, string(b), msg); uerr != nil && err == nil {
		err = uerr
	}
	return counts, err
}

// abandon marks the runs still recorded as running abandoned: they died
// without recording their end (killed, or the machine went down). No live
// run can be among them: a writing process holds the database's lock, and
// a Runner runs one job at a time.
func (r *Runner) abandon(ctx context.Context) error {
	q, err := r.query("job_abandon")
	if err != nil {
		return err
	}
	res, err := r.DB.ExecContext(ctx, q)
	if err != nil {
		return fmt.Errorf("job_abandon: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		r.Log.Info("runs that died marked abandoned", "runs", n)
	}
	return nil
}

// Nightly loads every file of inbox not loaded before (by content hash),
// then puts the new tickets into clusters: the first night re-clusters the
// trailing Window, later nights assign without re-clustering. It then
// refreshes near-duplicate groups over the last dedupDays days. (Surges are
// weekly counts: the weekly job flags them.) day is the day the export
// covers.
func (r *Runner) Nightly(ctx context.Context, day time.Time, inbox string) (*NightlyCounts, error) {
	return run(ctx, r, "nightly", day.Format(time.DateOnly), func(c *NightlyCounts) error {
		sum, files, err := r.loadInbox(ctx, inbox)
		if err != nil {
			return err
		}
		c.Files, c.Read, c.Inserted, c.Updated, c.Rejected = files, sum.Read, sum.Inserted, sum.Updated, sum.Rejected
		r.at("loaded")
		return r.clusterNight(ctx, day, c)
	})
}

// clusterNight runs the first night's full clustering, then assigns the
// new tickets and refreshes the near-duplicate groups.
func (r *Runner) clusterNight(ctx context.Context, day time.Time, c *NightlyCounts) error {
	e, err := r.eng()
	if err != nil {
		return err
	}
	end := day.AddDate(0, 0, 1)
	var runs int
	if err := r.queryRow(ctx, "job_full_runs").Scan(&runs); err != nil {
		return err
	}
	r.step("cluster", 0, 1)
	if runs == 0 {
		res, err := e.Run(ctx, end.Add(-Window), end)
		if err != nil {
			return err
		}
		c.Clustered, c.Clusters = &res.Tickets, &res.Clusters
		if _, err := e.TrainRoute(ctx); err != nil {
			return err
		}
	}
	r.at("clustered")
	// Always assign, so a run killed after clustering and run again
	// does exactly what an uninterrupted run does.
	res, err := e.Assign(ctx, end)
	if err != nil {
		return err
	}
	c.Assigned, c.NewClusters, c.Pending, c.Suggested = res.Assigned, res.NewClusters, res.Pending, res.Suggested
	r.at("assigned")
	if c.InDupGroups, err = e.Dedup(ctx, day.AddDate(0, 0, -dedupDays), end); err != nil {
		return err
	}
	r.at("deduped")
	r.step("cluster", 1, 1)
	return nil
}

// loadInbox loads the inbox's files in name order, skipping files whose
// content was loaded before (by sha256; a file already loaded from the same
// path and unmodified since is not even read).
func (r *Runner) loadInbox(ctx context.Context, inbox string) (load.Summary, int, error) {
	var sum load.Summary
	entries, err := os.ReadDir(inbox)
	if err != nil {
		return sum, 0, fmt.Errorf("inbox: %w", err)
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() {
			if _, err := load.Format(e.Name()); err == nil {
				paths = append(paths, filepath.Join(inbox, e.Name()))
			}
		}
	}
	sort.Strings(paths)
	l := &load.Loader{DB: r.DB.DB, Queries: queries.FS, Log: r.Log}
	lastLoad, err := r.lastLoads(ctx)
	if err != nil {
		return sum, 0, err
	}
	loaded := 0
	for i, p := range paths {
		r.step("load", i, len(paths))
		// A file loaded from this path and not modified since is skipped
		// without reading it, so a long-lived inbox costs nothing nightly.
		if st, err := os.Stat(p); err == nil {
			if last, ok := lastLoad[p]; ok && st.ModTime().Before(last) {
				continue
			}
		}
		sha, err := load.HashFile(p)
		if err != nil {
			return sum, loaded, err
		}
		var seen int
		if err := r.queryRow(ctx, "load_seen", sha).Scan(&seen); err != nil {
			return sum, loaded, err
		}
		if seen > 0 {
			r.Log.Debug("already loaded", "file", p)
			continue
		}
		res, err := l.LoadFile(ctx, p)
		if err != nil {
			return sum, loaded, err
		}
		sum.Add(res.Summary)
		loaded++
	}
	r.step("load", len(paths), len(paths))
	return sum, loaded, nil
}

// lastLoads returns when each path was last loaded.
func (r *Runner) lastLoads(ctx context.Context) (map[string]time.Time, error) {
	q, err := r.query("load_last")
	if err != nil {
		return nil, err
	}
	rows, err := r.DB.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var p string
		var t sql.NullTime
		if err := rows.Scan(&p, &t); err != nil {
			return nil, err
		}
		if t.Valid {
			out[p] = t.Time
		}
	}
	return out, rows.Err()
}

// Weekly re-clusters the trailing Window up to the end of ISO week, flags
// surges and writes the week's review packs to out: the city-wide pack and
// those of reports.Builder.Scopes (each department and district, or each
// category when the week's tickets name neither), as leian report weekly
// does.
func (r *Runner) Weekly(ctx context.Context, week, out string) (*WeeklyCounts, error) {
	return run(ctx, r, "weekly", week, func(c *WeeklyCounts) error {
		_, to, err := ticket.WeekBounds(week, r.Zone)
		if err != nil {
			return err
		}
		if err := r.recluster(ctx, to, c); err != nil {
			return err
		}
		return r.weeklyPacks(ctx, week, out, c)
	})
}

// recluster re-clusters the Window ending at to and flags surges.
func (r *Runner) recluster(ctx context.Context, to time.Time, c *WeeklyCounts) error {
	e, err := r.eng()
	if err != nil {
		return err
	}
	r.step("re-cluster", 0, 1)
	// Where nightly runs keep the near-duplicate groups current, the
	// weekly run leaves them be.
	var nightlies int
	if err := r.queryRow(ctx, "job_done", "nightly", "").Scan(&nightlies); err != nil {
		return err
	}
	e.KeepDups = nightlies > 0
	res, err := e.Run(ctx, to.Add(-Window), to)
	e.KeepDups = false
	if err != nil {
		return err
	}
	r.Log.Debug("re-clustered", "seconds", res.Seconds)
	c.Clustered, c.Clusters, c.NewIDs = res.Tickets, res.Clusters, res.New
	r.at("clustered")
	flags, err := e.Surges(ctx, queries.FS)
	if err != nil {
		return err
	}
	c.SurgeFlags = len(flags)
	r.at("surges")
	rt, err := e.TrainRoute(ctx)
	if err != nil {
		return err
	}
	c.Routed = rt.Tickets
	r.at("route model")
	r.step("re-cluster", 1, 1)
	return nil
}

// weeklyPacks writes the week's review packs to out.
func (r *Runner) weeklyPacks(ctx context.Context, week, out string, c *WeeklyCounts) error {
	b := &reports.Builder{DB: r.DB.DB, Queries: queries.FS, Zone: r.Zone}
	scopes, err := b.Scopes(ctx, week)
	if err != nil {
		return err
	}
	r.step("weekly packs", 0, len(scopes))
	reps, err := b.WeeklyPacks(ctx, week, scopes)
	if err != nil {
		return err
	}
	files, err := reports.RenderAll(reps)
	if err != nil {
		return err
	}
	r.step("weekly packs", len(scopes), len(scopes))
	c.Packs = len(scopes)
	r.at("packs built")
	err = reports.Write(out, files)
	r.at("packs written")
	return err
}

// Monthly writes the mayor briefing of month to out.
func (r *Runner) Monthly(ctx context.Context, month, out string) (*MonthlyCounts, error) {
	return run(ctx, r, "monthly", month, func(c *MonthlyCounts) error {
		b := &reports.Builder{DB: r.DB.DB, Queries: queries.FS, Zone: r.Zone}
		rep, err := b.Monthly(ctx, month)
		if err != nil {
			return err
		}
		files, err := reports.Render(rep)
		if err != nil {
			return err
		}
		c.Reports = 1
		return reports.Write(out, files)
	})
}
