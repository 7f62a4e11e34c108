package cluster

import (
	"context"
	"strings"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/ticket"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// clusterNames are the top terms and the name of each cluster of a run.
type clusterNames struct {
	terms [][]string
	names []string
}

// clusterPhrases names each of the len(terms) clusters by PhraseName over
// its documents.
func clusterPhrases(docs *vectors.Docs, labels []int, terms [][]string) []string {
	members := make([][]int, len(terms))
	for i, l := range labels {
		if l >= 0 {
			members[l] = append(members[l], i)
		}
	}
	names := make([]string, len(terms))
	for c := range names {
		names[c] = PhraseName(docs, members[c], terms[c])
	}
	return names
}

// prior returns the term weight TopTerms uses to keep general words and
// people out of names: min(general vectors.IDF, generalIDFCap)/generalIDFCap when
// the segmenter knows general vectors.IDF, and 0 for a personal name (gse's nr
// tags) when it knows parts of speech. Personal names stay in the features:
// dropping them cost THUCNews titles 0.03 NMI at k=10 and split k from the
// data into 182 clusters.
func (e *Engine) prior() func(string) float64 {
	g, gok := e.Tok.Seg.(vectors.GeneralWeigher)
	tg, tok := e.Tok.Seg.(text.Tagger)
	if !gok && !tok {
		return nil
	}
	return func(w string) float64 {
		if tok && strings.HasPrefix(tg.PartOfSpeech(w), "nr") {
			return 0
		}
		if gok {
			return vectors.GeneralPrior(g, w)
		}
		return 1
	}
}

// fullRun is what a full clustering run decided, ready to be written:
// the window's tickets and tokens, the model, each ticket's cluster index
// (-1: outlier) and similarity, its previous cluster id (prior, -1: none)
// and near-duplicate group (groups; nil leaves groups as they are).
type fullRun struct {
	tk              *Tickets
	m               *vectors.Model
	prior           []int64
	labels          []int
	sims            []float64
	groups          []int
	from, to, start time.Time
	runID           int64
	ids             []int64 // stable id of each cluster index
	links           []Link
	names           clusterNames
}

// persist writes a full run in one transaction on ac.
func (e *Engine) persist(ctx context.Context, ac conn, r *fullRun, res *RunResult) error {
	k := r.m.Centroids.Len()
	terms := TopTerms(r.tk.Docs, r.labels, k, topTermsN, e.prior())
	r.names = clusterNames{terms: terms, names: clusterPhrases(r.tk.Docs, r.labels, terms)}
	if err := ac.Exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	defer ac.Exec(context.Background(), "ROLLBACK") // no-op after COMMIT
	if err := e.identify(ctx, ac, r, res); err != nil {
		return err
	}
	steps := []func() error{
		func() error { return e.writeMembers(ctx, ac, r) },
		func() error { return e.writeClusters(ctx, ac, r) },
		func() error { return e.writeReps(ctx, ac, r.tk, r.labels, r.sims, r.ids) },
		func() error { return e.writeModel(ctx, ac, r.m, r.ids, r.runID) },
		func() error {
			if r.groups == nil {
				return nil
			}
			return writeDups(ctx, ac, r.tk, r.groups, r.from, r.to)
		},
		func() error { return e.writeFullRun(ctx, ac, r, res) },
	}
	for i, s := range steps {
		t0 := time.Now()
		if err := s(); err != nil {
			return err
		}
		e.Log.Debug("persist step", "step", i, "seconds", time.Since(t0).Seconds())
	}
	return ac.Exec(ctx, "COMMIT")
}

// identify takes a run id and gives each of r's clusters its stable id by
// matching them to the active previous ones (Match), counting new ids in
// res.
func (e *Engine) identify(ctx context.Context, ac conn, r *fullRun, res *RunResult) error {
	k := r.m.Centroids.Len()
	runID, err := ac.int(ctx, "engine_next_run_id")
	if err != nil {
		return err
	}
	r.runID, res.RunID = runID, runID
	prev, err := e.previous(ctx, ac, r.prior, r.m)
	if err != nil {
		return err
	}
	prev.K, prev.NewOf = k, r.labels
	r.links = Match(prev, func() int64 {
		id, qerr := ac.int(ctx, "engine_next_cluster_id")
		if qerr != nil {
			err = qerr
		}
		return id
	})
	if err != nil {
		return err
	}
	r.ids = make([]int64, k)
	for _, l := range r.links[:k] {
		r.ids[l.New] = l.ID
		if l.Relation != ticket.RelationSame {
			res.New++
		}
	}
	res.Clusters = k
	return nil
}

// writeFullRun records the run in cluster_runs.
func (e *Engine) writeFullRun(ctx context.Context, ac conn, r *fullRun, res *RunResult) error {
	params, err := paramsJSON(e.Cfg, map[bool]string{false: "fresh", true: "warm"}[res.Warm], -1)
	if err != nil {
		return err
	}
	return insert(ctx, ac, "cluster_runs", int64s("run_id", []int64{r.runID}), strs("kind", []string{"full"}),
		strs("window_from", []string{r.from.Format(time.RFC3339)}), strs("window_to", []string{r.to.Format(time.RFC3339)}),
		int64s("tickets", []int64{int64(r.tk.Len())}), int32s("clusters", []int32{int32(len(r.ids))}),
		int32s("new_clusters", []int32{int32(res.New)}), strs("params", params),
		strs("started_at", []string{r.start.Format(time.RFC3339Nano)}), strs("finished_at", []string{time.Now().Format(time.RFC3339Nano)}))
}

// priorOf returns the cluster each of tk's tickets is in now (-1 for none).
func priorOf(ctx context.Context, ac conn, tk *Tickets) ([]int64, error) {
	prior := make([]int64, tk.Len())
	for i := range prior {
		prior[i] = -1
	}
	pos := make(map[string]int, tk.Len())
	for i, id := range tk.IDs {
		pos[id] = i
	}
	rr, err := ac.query(ctx, "engine_prior_clusters")
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		idc, cc := rec.Column(0).(*array.String), rec.Column(1).(*array.Int64)
		for i := 0; i < int(rec.NumRows()); i++ {
			if p, ok := pos[idc.Value(i)]; ok {
				prior[p] = cc.Value(i)
			}
		}
	}
	return prior, rr.Err()
}

// previous returns the stable ids the window's tickets had (prior), and the
// similarity of every active previous cluster's top terms (embedded with the
// new model) to each new centroid.
func (e *Engine) previous(ctx context.Context, ac conn, prior []int64, m *vectors.Model) (MatchInput, error) {
	in := MatchInput{PrevOf: prior, CentroidSm: map[int64][]float64{}}
	rr, err := ac.query(ctx, "engine_active_terms")
	if err != nil {
		return in, err
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		idc, lc := rec.Column(0).(*array.Int64), rec.Column(1).(*array.List)
		vals := lc.ListValues().(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			start, end := lc.ValueOffsets(i)
			var terms []string
			for j := start; j < end; j++ {
				terms = append(terms, vals.Value(int(j)))
			}
			v := m.Embed(terms)
			s := make([]float64, m.Centroids.Len())
			for c := range s {
				for j, x := range m.Centroids.Row(c) {
					s[c] += x * v[j]
				}
			}
			in.CentroidSm[idc.Value(i)] = s
		}
	}
	return in, rr.Err()
}

// writeMembers replaces the memberships of the window's tickets, and
// their facts for the console (cluster_member_facts).
func (e *Engine) writeMembers(ctx context.Context, ac conn, r *fullRun) error {
	if err := ac.exec(ctx, "engine_clear_window_members", r.from, r.to); err != nil {
		return err
	}
	cid := make([]int64, r.tk.Len())
	runs := make([]int64, r.tk.Len())
	for i, l := range r.labels {
		cid[i] = -1
		if l >= 0 {
			cid[i] = r.ids[l]
		}
		runs[i] = r.runID
	}
	err := insert(ctx, ac, "cluster_members", strs("ticket_id", r.tk.IDs), nullableInt64s("cluster_id", cid),
		float64s("similarity", r.sims), int64s("run_id", runs))
	if err != nil {
		return err
	}
	if err := ac.exec(ctx, "engine_member_facts_clear_window", r.from, r.to); err != nil {
		return err
	}
	return ac.exec(ctx, "engine_member_facts_add", r.runID)
}

// writeClusters writes the run's clusters and lineage; previous clusters
// not carried on are merged or retired.
func (e *Engine) writeClusters(ctx context.Context, ac conn, r *fullRun) error {
	terms, names, ids, links, runID, labels := r.names.terms, r.names.names, r.ids, r.links, r.runID, r.labels
	k := len(ids)
	sizes := make([]int64, k)
	for _, l := range labels {
		if l >= 0 {
			sizes[l]++
		}
	}
	runs := make([]int64, k)
	status := make([]string, k)
	for c := range runs {
		runs[c], status[c] = runID, "active"
	}
	// Previous ids not carried on are merged (if they went into one cluster) or retired.
	if err := ac.exec(ctx, "engine_retire_active"); err != nil {
		return err
	}
	for _, l := range links[k:] {
		if err := ac.exec(ctx, "engine_mark_merged", l.Prev); err != nil {
			return err
		}
	}
	if err := ac.exec(ctx, "engine_stage_clusters"); err != nil {
		return err
	}
	if err := insert(ctx, ac, "cluster_stage", int64s("cluster_id", ids), strs("name", names), stringLists("top_terms", terms),
		int64s("size", sizes), int64s("run", runs), strs("status", status)); err != nil {
		return err
	}
	err := ac.exec(ctx, "engine_upsert_clusters")
	if err != nil {
		return err
	}
	return writeLineage(ctx, ac, links, runID)
}

func writeLineage(ctx context.Context, ac conn, links []Link, runID int64) error {
	n := len(links)
	run, cid, prev := make([]int64, n), make([]int64, n), make([]int64, n)
	rel := make([]string, n)
	ov, sm := make([]float64, n), make([]float64, n)
	for i, l := range links {
		run[i], cid[i], prev[i], rel[i], ov[i], sm[i] = runID, l.ID, l.Prev, string(l.Relation), finite(l.Overlap), finite(l.Sim)
	}
	return insert(ctx, ac, "cluster_lineage", int64s("run_id", run), int64s("cluster_id", cid),
		nullableInt64s("prev_cluster_id", prev), strs("relation", rel), float64s("overlap", ov), float64s("similarity", sm))
}

func (e *Engine) writeReps(ctx context.Context, ac conn, tk *Tickets, labels []int, sims []float64, ids []int64) error {
	n := e.Reps
	if n <= 0 {
		n = Representatives
	}
	var cid []int64
	var rank []int32
	var tid []string
	var sim []float64
	for c, idx := range representatives(labels, sims, len(ids), n) {
		for r, i := range idx {
			cid, rank, tid, sim = append(cid, ids[c]), append(rank, int32(r+1)), append(tid, tk.IDs[i]), append(sim, sims[i])
		}
	}
	if err := ac.exec(ctx, "engine_clear_representatives"); err != nil {
		return err
	}
	return insert(ctx, ac, "cluster_representatives", int64s("cluster_id", cid), int32s("rank", rank), strs("ticket_id", tid), float64s("similarity", sim))
}

func (e *Engine) writeModel(ctx context.Context, ac conn, m *vectors.Model, ids []int64, runID int64) error {
	runs := make([]int64, len(m.Vocab))
	for i := range runs {
		runs[i] = runID
	}
	if err := insert(ctx, ac, "cluster_model_terms", int64s("run_id", runs), strs("term", m.Vocab), float64s("idf", m.IDF),
		vectorCol("vec", m.WordVecs, m.Dims)); err != nil {
		return err
	}
	cr := make([]int64, len(ids))
	for i := range cr {
		cr[i] = runID
	}
	return insert(ctx, ac, "cluster_centroids", int64s("run_id", cr), int64s("cluster_id", ids), vectorCol("centroid", m.Centroids.Data, m.Dims))
}

func writeDups(ctx context.Context, ac conn, tk *Tickets, groups []int, from, to time.Time) error {
	if err := ac.exec(ctx, "engine_clear_window_dups", from, to); err != nil {
		return err
	}
	first := map[int]string{}
	for i, g := range groups {
		if _, ok := first[g]; g >= 0 && !ok {
			first[g] = tk.IDs[i] // IDs are sorted: the first is the smallest
		}
	}
	var tid, gid []string
	for i, g := range groups {
		if g >= 0 {
			tid, gid = append(tid, tk.IDs[i]), append(gid, first[g])
		}
	}
	return insert(ctx, ac, "dup_groups", strs("ticket_id", tid), strs("group_id", gid))
}
