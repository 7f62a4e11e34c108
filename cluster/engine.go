package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"syscall"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/leian/leian/cluster/dup"
	"github.com/leian/leian/cluster/route"
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/store"
)

// Representatives is how many representative tickets a cluster keeps by
// default.
const Representatives = 5

// Engine runs the similar-case pipeline against a database. It owns the
// tables of migration 0002_cluster.sql. Not safe for concurrent use.
type Engine struct {
	DB   *store.DB
	Tok  *text.Tokenizer
	Cl   *text.Cleaner
	Cfg  vectors.Config
	Reps int // representatives per cluster; 0 means Representatives
	Log  *slog.Logger
	// KeepDups makes Run leave the near-duplicate groups as they are, for
	// a caller that keeps them current itself (the nightly job's Dedup).
	KeepDups bool
	// Queries holds the statements (queries/*.sql); nil means queries.FS.
	Queries fs.FS

	words    *vectors.Model // vocabulary and word vectors of run wordsRun, kept by loadModel
	wordsRun int64
	// the route model of run routeRun, kept by route
	routeModel *route.Linear
	routeNames []string
	routeRun   int64
	sigs       dup.Cache // MinHash signatures kept by Dedup
	partSize   int       // tickets read at a time; 0 means partTickets
}

// partTickets returns how many tickets the engine reads at a time.
func (e *Engine) partTickets() int {
	if e.partSize > 0 {
		return e.partSize
	}
	return partTickets
}

// RunResult summarises a full run.
type RunResult struct {
	RunID    int64
	Tickets  int
	Clusters int
	New      int  // clusters with fresh ids
	Dups     int  // tickets in near-duplicate groups
	Warm     bool // started from the clusters there were (vectors.FitFrom)
	Seconds  map[string]float64
}

// Run re-clusters the tickets received in [from, to): it segments them
// (or reads the tokens stored when they were), fits a model (starting from
// the clusters the tickets are in now, if most are in one), matches the
// clusters to the previous run's so an issue keeps its id, finds
// near-duplicate groups (unless KeepDups), and writes everything in one
// transaction, with text in and results out as Arrow record batches.
func (e *Engine) Run(ctx context.Context, from, to time.Time) (RunResult, error) {
	started := time.Now()
	res := RunResult{Seconds: map[string]float64{}}
	var mem runMemory
	defer mem.done()
	// lap records a stage's seconds; release hands what the stage dropped
	// back before the next stage grows (not after the last: at 1M tickets
	// that took 0.6 s and lowered no peak).
	lap := func(stage string, t0 time.Time, release bool) {
		res.Seconds[stage] = time.Since(t0).Seconds()
		if release {
			mem.release()
		}
		if e.Log.Enabled(ctx, slog.LevelDebug) { // reading the heap stops the world
			e.Log.Debug("run", "stage", stage, "seconds", res.Seconds[stage], "go_heap_mib", heapMiB(), "rss_peak_mib", peakRSSMiB())
		}
	}
	ac, err := e.arrow(ctx)
	if err != nil {
		return res, err
	}
	defer ac.Close()
	t0 := time.Now()
	tk, seg, err := e.readTickets(ctx, ac, &mem, "engine_select_window", from, to)
	if err != nil {
		return res, err
	}
	if res.Tickets = tk.Len(); tk.Len() == 0 {
		return res, fmt.Errorf("cluster: no tickets received from %s to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	res.Seconds["segment"] = seg.Seconds()
	e.Log.Debug("run", "stage", "segment", "seconds", res.Seconds["segment"])
	lap("read", t0.Add(seg), true) // read and segmented part by part: the reading is the rest
	t0 = time.Now()
	run := &fullRun{tk: tk, from: from, to: to, start: started}
	if err := e.fitRun(ctx, ac, run, &res); err != nil {
		return res, err
	}
	mem.release()    // the fit's matrices, before near-duplicates
	if !e.KeepDups { // else run.groups stays nil: groups are left as they are
		t0 = time.Now()
		if run.groups, err = dup.Groups(ctx, dupDocs(tk, tk.Docs)); err != nil {
			return res, err
		}
		lap("dups", t0, true)
		for _, g := range run.groups {
			if g >= 0 {
				res.Dups++
			}
		}
	}
	t0 = time.Now()
	if err := e.persist(ctx, ac, run, &res); err != nil {
		return res, err
	}
	lap("persist", t0, false)
	e.keepWords(run.m, res.RunID)
	return res, nil
}

// fitRun fits r's tickets: warm from their present clusters unless the
// window needs a fresh start (needsFresh), with the latest words when warm
// and the segmenter's general-corpus weights. It sets r.m, r.prior,
// r.labels and r.sims, and res.Warm and the stage seconds.
func (e *Engine) fitRun(ctx context.Context, ac conn, r *fullRun, res *RunResult) error {
	var err error
	if r.prior, err = priorOf(ctx, ac, r.tk); err != nil {
		return err
	}
	fitPrior := r.prior
	if fresh, err := e.needsFresh(ctx, ac, r.tk.Len(), r.to); err != nil {
		return err
	} else if fresh {
		fitPrior = nil
	}
	res.Warm = vectors.WarmFrom(fitPrior, e.Cfg)
	var words *vectors.Model
	if res.Warm {
		if words, _, err = e.latestWords(ctx, ac); err != nil {
			return err
		}
	}
	cfg := e.Cfg
	if g, ok := e.Tok.Seg.(vectors.GeneralWeigher); ok && cfg.General == nil {
		cfg.General = g
	}
	var tm vectors.Timings
	if r.m, r.labels, r.sims, tm, err = vectors.FitWarm(ctx, r.tk.Docs, cfg, fitPrior, words); err != nil {
		return err
	}
	e.Log.Debug("fitted", "warm", res.Warm, "reused_words", tm.Reused, "oov", tm.OOV, "features_seconds", tm.Features, "cluster_seconds", tm.Cluster)
	res.Seconds["features"], res.Seconds["cluster"] = tm.Features, tm.Cluster
	return nil
}

// runGCPercent is the Go collector's GOGC during a full run, set before
// the window is read. A run holds its window's tickets and tokens live
// (when it was measured, about 1.3 GB of Go heap at a million tickets,
// tokens as strings; about 360 MB since they are word ids); with the
// default of 100 the heap grows to twice the live data between
// collections, and what a stage frees stays with the process. At 50, with
// the freed memory handed back after each stage, a cold run of a million
// tickets peaked at 2.45 GiB instead of 3.3-3.6 GiB, in the same time
// (package doc, "Memory of a full run").
const runGCPercent = 50

// bigRun is the window from which a run keeps its memory down (runMemory):
// below it the run's memory is small, and handing it back after every
// stage cost more in page faults and collections than it saved (the demo's
// 52 weekly runs of 20,000-ticket windows: 172 s before, 199 s with).
const bigRun = 100_000

// runMemory keeps a big run's memory down: GOGC runGCPercent for the run
// (tightGC) and freed memory handed back after each stage (release).
type runMemory struct {
	restore func()
}

// sized starts keeping memory down if a run of n tickets is big.
func (m *runMemory) sized(n int) {
	if n >= bigRun && m.restore == nil {
		m.restore = tightGC()
	}
}

// release hands freed memory back to the system during a big run.
func (m *runMemory) release() {
	if m.restore != nil {
		debug.FreeOSMemory()
	}
}

// done restores the collector's setting.
func (m *runMemory) done() {
	if m.restore != nil {
		m.restore()
	}
}

// tightGC sets the collector to runGCPercent for a run, unless the user
// set GOGC, and returns what restores it. The setting is the process's:
// runs of one process must not overlap (the jobs run one at a time).
func tightGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(runGCPercent)
	return func() { debug.SetGCPercent(prev) }
}

// keepWords keeps the words just written as run's (as stored: the model's
// vectors are float32), so the next assignment or run need not read them
// back and gets what another process would read.
func (e *Engine) keepWords(m *vectors.Model, run int64) {
	e.words = m.Words()
	e.wordsRun = run
}

// dupDocs prepares near-duplicate input from tickets and their tokens,
// hashing each distinct word once.
func dupDocs(tk *Tickets, docs *vectors.Docs) []dup.Doc {
	hashes := make([]uint64, len(docs.Words))
	for w, t := range docs.Words {
		hashes[w] = dup.TermHash(t)
	}
	out := make([]dup.Doc, tk.Len())
	for i := range out {
		h := make([]uint64, len(docs.IDs[i]))
		for j, w := range docs.IDs[i] {
			h[j] = hashes[w]
		}
		out[i] = dup.Doc{Terms: dup.HashSet(h), Place: tk.Street[i], Address: tk.Places[i][placeAddress], Lat: tk.Lat[i], Lon: tk.Lon[i],
			Caller: tk.Callers[i], Received: tk.Received[i]}
	}
	return out
}

// representatives returns per cluster the indices of the n documents most
// similar to its centroid (ties by ticket id, which is the index order).
func representatives(labels []int, sims []float64, k, n int) [][]int {
	out := make([][]int, k)
	for i, l := range labels {
		if l >= 0 {
			out[l] = append(out[l], i)
		}
	}
	for c := range out {
		sort.SliceStable(out[c], func(a, b int) bool { return sims[out[c][a]] > sims[out[c][b]] })
		out[c] = out[c][:min(n, len(out[c]))]
	}
	return out
}

// A full run clusters from scratch, not from the clusters there are, when
// the window holds more than freshGrowth times the tickets of the last run
// from scratch (structure learned on a new database's first days is learned
// again on more), or when the last run from scratch ended freshEvery or
// more before this window ends (warm runs merge clusters but seldom split
// one; a quarterly fresh start lets issues merged early come apart).
const (
	freshGrowth = 2.0
	freshEvery  = 13 * 7 * 24 * time.Hour
)

// needsFresh reports whether a full run of n tickets over a window ending
// at to should cluster from scratch.
func (e *Engine) needsFresh(ctx context.Context, ac conn, n int, to time.Time) (bool, error) {
	rr, err := ac.query(ctx, "engine_last_fresh_run")
	if err != nil {
		return false, err
	}
	defer rr.Release()
	if !rr.Next() || rr.RecordBatch().NumRows() == 0 {
		return true, rr.Err()
	}
	rec := rr.RecordBatch()
	last := rec.Column(0).(*array.Int64).Value(0)
	lastTo := time.Unix(rec.Column(1).(*array.Int64).Value(0), 0)
	return float64(n) > freshGrowth*float64(last) || to.Sub(lastTo) >= freshEvery, nil
}

// paramsJSON is the record of a run's settings: the vectors.Config and, for full
// runs, whether it started fresh or warm; for assignments, the last load
// whose tickets it considered (through >= 0).
func paramsJSON(cfg vectors.Config, start string, through int64) ([]string, error) {
	var t *int64
	if through >= 0 {
		t = &through
	}
	b, err := json.Marshal(struct {
		vectors.Config
		Start   string `json:"start,omitempty"`
		Through *int64 `json:"through_load,omitempty"`
	}{cfg, start, t})
	if err != nil {
		return nil, fmt.Errorf("cluster: run parameters: %w", err)
	}
	return []string{string(b)}, nil
}

func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// Dedup recomputes the near-duplicate groups of the tickets received in
// [from, to) and returns how many tickets are in a group. Nightly runs call
// it on the last days, so new tickets join the events they repeat.
func (e *Engine) Dedup(ctx context.Context, from, to time.Time) (int, error) {
	ac, err := e.arrow(ctx)
	if err != nil {
		return 0, err
	}
	defer ac.Close()
	tk, _, err := e.readTickets(ctx, ac, nil, "engine_select_window", from, to)
	if err != nil || tk.Len() == 0 {
		return 0, err
	}
	if e.sigs == nil || len(e.sigs) > 4*tk.Len() {
		e.sigs = dup.Cache{} // keep it about the window's size
	}
	groups, err := dup.GroupsCached(ctx, dupDocs(tk, tk.Docs), e.sigs, tk.IDs...)
	if err != nil {
		return 0, err
	}
	if err := ac.Exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return 0, err
	}
	defer ac.Exec(context.Background(), "ROLLBACK")
	if err := writeDups(ctx, ac, tk, groups, from, to); err != nil {
		return 0, err
	}
	n := 0
	for _, g := range groups {
		if g >= 0 {
			n++
		}
	}
	return n, ac.Exec(ctx, "COMMIT")
}

// heapMiB returns the Go heap in use, in MiB (reading it stops the world
// briefly: call it between stages only).
func heapMiB() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse >> 20
}

// peakRSSMiB returns the process's peak resident memory so far, in MiB
// (Go heap and DuckDB's memory both), or 0 where the OS does not say.
func peakRSSMiB() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss >> 10 // Linux reports KiB
}

// laps returns a function that logs, at debug level, the seconds since its
// previous call (or since laps) under stage and the step named.
func (e *Engine) laps(stage string) func(step string) {
	t := time.Now()
	return func(step string) {
		now := time.Now()
		e.Log.Debug(stage, "step", step, "seconds", now.Sub(t).Seconds())
		t = now
	}
}
