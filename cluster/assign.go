package cluster

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// Nightly-assignment settings; see doc.go.
const (
	// newClusterMin pending tickets alike (see leaderSimilarity) form a new
	// cluster between full runs.
	newClusterMin = 8
	// leaderSimilarity: a pending ticket joins a forming group when its
	// cosine to the group's running centroid is at least this. It was
	// 0.65; once the common component is removed from term vectors
	// (words.go) cosines run lower, and at 0.65 or 0.55 the issues planted
	// after a window no longer formed new clusters (engine_test); at 0.45,
	// the assignment floor, they do.
	leaderSimilarity = 0.45
)

// AssignResult summarises a nightly assignment.
type AssignResult struct {
	RunID       int64
	Tickets     int // tickets without a cluster before the run
	Assigned    int // joined an existing cluster (the rest joined new clusters or wait)
	NewClusters int // formed from pending tickets
	Pending     int // still waiting
	Suggested   int // given a dispatch suggestion (none until TrainRoute has built a model for the run)
}

// Assign gives every ticket received before `before` that has no cluster
// yet a cluster from the latest model, without re-clustering: the nearest
// centroid if similar enough, else pending. Pending tickets (tonight's and
// earlier) that are alike in number form new clusters. It writes one
// transaction; run twice, the second run changes nothing new.
func (e *Engine) Assign(ctx context.Context, before time.Time) (AssignResult, error) {
	started, lap := time.Now(), e.laps("assign")
	var res AssignResult
	ac, err := e.arrow(ctx)
	if err != nil {
		return res, err
	}
	defer ac.Close()
	n := &nightly{}
	if n.m, n.ids, n.modelRun, err = e.loadModel(ctx, ac); err != nil {
		return res, err
	}
	var last int64
	if n.tk, last, err = e.candidates(ctx, ac, before); err != nil {
		return res, err
	}
	res.Tickets = n.tk.Len()
	if n.tk.Len() == 0 {
		return res, nil
	}
	lap("candidates read and segmented")
	n.docs = n.tk.Docs.Strings() // a night's tickets: small beside a window
	pending := n.nearest()
	res.Assigned = n.tk.Len() - len(pending)
	groups := leaderGroups(n.x, pending)
	if err := ac.Exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, err
	}
	defer ac.Exec(context.Background(), "ROLLBACK")
	if n.runID, err = ac.int(ctx, "engine_next_run_id"); err != nil {
		return res, err
	}
	res.RunID = n.runID
	known := len(n.ids)
	if err := e.formNew(ctx, ac, n, groups); err != nil {
		return res, err
	}
	for _, l := range n.labels {
		if l < 0 {
			res.Pending++
		}
	}
	res.NewClusters = len(n.ids) - known
	lap("nearest and new clusters")
	if err := e.writeAssigned(ctx, ac, n, before); err != nil {
		return res, err
	}
	lap("members written")
	if res.Suggested, err = e.writeSuggestions(ctx, ac, n); err != nil {
		return res, err
	}
	lap("suggestions")
	if err := e.writeAssignRun(ctx, ac, n, last, res, started); err != nil {
		return res, err
	}
	return res, ac.Exec(ctx, "COMMIT")
}

// nightly is an assignment in the making: the candidate tickets and their
// tokens, the latest model (whose run is modelRun) with the stable id of
// each centroid, each ticket's vector, cluster index (-1: pending) and
// similarity, and this run's id.
type nightly struct {
	tk       *Tickets
	docs     [][]string
	m        *vectors.Model
	ids      []int64
	modelRun int64
	x        vectors.Dense
	labels   []int
	sims     []float64
	runID    int64
}

// candidates returns the tickets to assign: those loaded since the last
// assignment and those left pending, less any a clustering run has put in a
// cluster (testing every ticket against cluster_members cost 40 ms a night
// at 120k); and the last load this assignment covers (it starts after the
// last load, or before the first load with a ticket received after before,
// which is not a candidate yet).
func (e *Engine) candidates(ctx context.Context, ac conn, before time.Time) (*Tickets, int64, error) {
	through, err := ac.int(ctx, "engine_assign_through")
	if err != nil {
		return nil, 0, err
	}
	last, err := ac.int(ctx, "engine_assign_last", through, before)
	if err != nil {
		return nil, 0, err
	}
	tk, _, err := e.readTickets(ctx, ac, nil, "engine_select_candidates", before, through)
	return tk, last, err
}

// nearest embeds every ticket and joins it to its nearest centroid when
// at least vectors.AssignFloor alike; it returns the others (pending).
func (n *nightly) nearest() []int {
	n.x = vectors.Dense{Dim: n.m.Dims, Data: make([]float64, n.tk.Len()*n.m.Dims)}
	n.labels, n.sims = make([]int, n.tk.Len()), make([]float64, n.tk.Len())
	var pending []int
	for i, d := range n.docs {
		copy(n.x.Row(i), n.m.Embed(d))
		n.labels[i] = -1
		if c, s := vectors.Nearest(n.x.Row(i), n.m.Centroids); s >= vectors.AssignFloor {
			n.labels[i], n.sims[i] = c, s
		} else {
			pending = append(pending, i)
		}
	}
	return pending
}

// writeAssignRun records the assignment in cluster_runs.
func (e *Engine) writeAssignRun(ctx context.Context, ac conn, n *nightly, last int64, res AssignResult, started time.Time) error {
	params, err := paramsJSON(e.Cfg, "", last)
	if err != nil {
		return err
	}
	return insert(ctx, ac, "cluster_runs", int64s("run_id", []int64{n.runID}), strs("kind", []string{"assign"}),
		int64s("tickets", []int64{int64(n.tk.Len())}), int32s("clusters", []int32{int32(len(n.ids))}),
		int32s("new_clusters", []int32{int32(res.NewClusters)}), strs("params", params),
		strs("started_at", []string{started.Format(time.RFC3339Nano)}), strs("finished_at", []string{time.Now().Format(time.RFC3339Nano)}))
}

// leaderGroups groups the rows idx of x greedily: each row joins the first
// group whose running centroid it matches with cosine leaderSimilarity, or
// starts a group. It returns groups of at least newClusterMin rows.
func leaderGroups(x vectors.Dense, idx []int) [][]int {
	var groups [][]int
	var cents [][]float64
	for _, i := range idx {
		v := x.Row(i)
		joined := false
		for g, c := range cents {
			if dot(v, c) >= leaderSimilarity {
				groups[g] = append(groups[g], i)
				for j := range c {
					c[j] += v[j]
				}
				vectors.Normalize(c)
				joined = true
				break
			}
		}
		if !joined {
			groups = append(groups, []int{i})
			cents = append(cents, append([]float64(nil), v...))
		}
	}
	var out [][]int
	for _, g := range groups {
		if len(g) >= newClusterMin {
			out = append(out, g)
		}
	}
	return out
}

func dot(a, b []float64) float64 {
	var s float64
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// formNew turns pending groups into clusters with fresh ids, added to the
// model's centroids so later nights assign to them too.
func (e *Engine) formNew(ctx context.Context, ac conn, n *nightly, groups [][]int) error {
	m, x, docs, labels, sims, modelRun, runID := n.m, n.x, n.docs, n.labels, n.sims, n.modelRun, n.runID
	for _, g := range groups {
		id, err := ac.int(ctx, "engine_next_cluster_id")
		if err != nil {
			return err
		}
		c := make([]float64, m.Dims)
		var gdocs [][]string
		for _, i := range g {
			for j, v := range x.Row(i) {
				c[j] += v
			}
			gdocs = append(gdocs, docs[i])
		}
		vectors.Normalize(c)
		k := m.Centroids.Len()
		m.Centroids.Data = append(m.Centroids.Data, c...)
		n.ids = append(n.ids, id)
		for _, i := range g {
			labels[i], sims[i] = k, dot(x.Row(i), c)
		}
		gd, members := vectors.DocsOf(gdocs), make([]int, len(gdocs))
		for i := range members {
			members[i] = i
		}
		terms := TopTerms(gd, make([]int, len(gdocs)), 1, topTermsN, e.prior())[0] // all in cluster 0
		err = ac.exec(ctx, "engine_insert_new_cluster", id, PhraseName(gd, members, terms), terms, int64(len(g)), runID)
		if err != nil {
			return err
		}
		if err := insert(ctx, ac, "cluster_centroids", int64s("run_id", []int64{modelRun}), int64s("cluster_id", []int64{id}), vectorCol("centroid", c, m.Dims)); err != nil {
			return err
		}
		if err := ac.exec(ctx, "engine_lineage_new", runID, id); err != nil {
			return err
		}
	}
	return nil
}

// writeAssigned replaces the memberships of the pending tickets received
// before `before` with this assignment's, and adds the facts of those
// now in a cluster (pending ones have none).
func (e *Engine) writeAssigned(ctx context.Context, ac conn, n *nightly, before time.Time) error {
	tk, labels, sims, ids, runID := n.tk, n.labels, n.sims, n.ids, n.runID
	if err := ac.exec(ctx, "engine_clear_pending", before); err != nil {
		return err
	}
	cid, runs := make([]int64, tk.Len()), make([]int64, tk.Len())
	for i, l := range labels {
		cid[i], runs[i] = -1, runID
		if l >= 0 {
			cid[i] = ids[l]
		}
	}
	if err := insert(ctx, ac, "cluster_members", strs("ticket_id", tk.IDs), nullableInt64s("cluster_id", cid),
		float64s("similarity", sims), int64s("run_id", runs)); err != nil {
		return err
	}
	if err := ac.exec(ctx, "engine_member_facts_add", runID); err != nil {
		return err
	}
	if err := ac.exec(ctx, "engine_cluster_sizes"); err != nil {
		return err
	}
	return nil
}

// loadModel reads the latest full run's model and the centroids of the
// clusters still active (including those formed by later assignments). The
// vocabulary and word vectors, which a run never changes once written, are
// kept between calls; the centroids are read every time.
func (e *Engine) loadModel(ctx context.Context, ac conn) (*vectors.Model, []int64, int64, error) {
	m, run, err := e.latestWords(ctx, ac)
	if err != nil {
		return nil, nil, 0, err
	}
	ids, err := loadCentroids(ctx, ac, m, run)
	return m, ids, run, err
}

// latestWords returns the latest full run's vocabulary, vectors.IDF and word
// vectors (no centroids) and the run's id, read once per run and kept.
func (e *Engine) latestWords(ctx context.Context, ac conn) (*vectors.Model, int64, error) {
	run, err := ac.int(ctx, "engine_latest_full_run")
	if err != nil {
		return nil, 0, err
	}
	if run < 0 {
		return nil, 0, fmt.Errorf("cluster: no clustering run yet; run leian cluster (or leian weekly) first")
	}
	if e.words == nil || e.wordsRun != run {
		if e.words, err = loadWords(ctx, ac, run); err != nil {
			e.words = nil
			return nil, 0, err
		}
		e.wordsRun = run
	}
	w := e.words
	return w.Words(), run, nil
}

// loadWords reads the vocabulary, IDF and word vectors of a run.
func loadWords(ctx context.Context, ac conn, run int64) (*vectors.Model, error) {
	var vocab []string
	var idf []float64
	var vecs []float32
	var dims int
	rr, err := ac.query(ctx, "engine_model_terms", run)
	if err != nil {
		return nil, err
	}
	for rr.Next() {
		rec := rr.RecordBatch()
		tc, ic, vc := rec.Column(0).(*array.String), rec.Column(1).(*array.Float64), rec.Column(2).(*array.List)
		vals := vc.ListValues().(*array.Float32)
		for i := 0; i < int(rec.NumRows()); i++ {
			s, e := vc.ValueOffsets(i)
			dims = int(e - s)
			vocab = append(vocab, strings.Clone(tc.Value(i))) // the batch is freed after Release
			idf = append(idf, ic.Value(i))
			for j := s; j < e; j++ {
				vecs = append(vecs, vals.Value(int(j)))
			}
		}
	}
	err = rr.Err()
	rr.Release()
	return vectors.NewWords(vocab, idf, dims, vecs), err
}

// loadCentroids sets m's centroids to those of run's active clusters and
// returns their ids.
func loadCentroids(ctx context.Context, ac conn, m *vectors.Model, run int64) ([]int64, error) {
	m.Centroids = vectors.Dense{Dim: m.Dims}
	var ids []int64
	rr, err := ac.query(ctx, "engine_model_centroids", run)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		idc, vc := rec.Column(0).(*array.Int64), rec.Column(1).(*array.List)
		vals := vc.ListValues().(*array.Float32)
		for i := 0; i < int(rec.NumRows()); i++ {
			ids = append(ids, idc.Value(i))
			s, e := vc.ValueOffsets(i)
			for j := s; j < e; j++ {
				m.Centroids.Data = append(m.Centroids.Data, float64(vals.Value(int(j))))
			}
		}
	}
	return ids, rr.Err()
}
