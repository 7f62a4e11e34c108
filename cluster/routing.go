package cluster

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/leian/leian/cluster/route"
	"github.com/leian/leian/cluster/vectors"
)

// routeTrainMax: a route model learns from at most this many tickets, the
// newest. Training is SGD over every class for every ticket, so its time
// grows with tickets x departments; at 60,000 tickets and 40 departments
// it takes about 10 s here, and accuracy on generated tickets is flat
// beyond a few tens of thousands (see route's doc).
const routeTrainMax = 60_000

// RouteResult summarises a route model built by TrainRoute.
type RouteResult struct {
	RunID   int64   `json:"run_id"`  // the full clustering run whose words the model reads
	Tickets int     `json:"tickets"` // tickets learned from (0: nothing to learn, no model)
	Classes int     `json:"classes"` // departments
	Seconds float64 `json:"seconds"`
}

// TrainRoute builds the dispatch-suggestion model of the latest full run:
// a route.Linear learned from where the newest clustered tickets were
// finally handled, stored in route_models, route_classes and route_terms
// (one transaction, replacing the run's earlier model). The weekly job
// calls it after re-clustering; the nightly assignment then stores a
// suggestion for every ticket it assigns (Assign). A database whose
// tickets carry no department gets no model and no suggestions.
func (e *Engine) TrainRoute(ctx context.Context) (RouteResult, error) {
	started := time.Now()
	ac, err := e.arrow(ctx)
	if err != nil {
		return RouteResult{}, err
	}
	defer ac.Close()
	m, run, err := e.latestWords(ctx, ac)
	if err != nil {
		return RouteResult{}, err
	}
	res := RouteResult{RunID: run}
	_, depts, docs, err := routeTraining(ctx, ac, e.Tok.Version(), "", routeTrainMax)
	if err != nil || len(docs) == 0 {
		return res, err
	}
	y, names := route.Labels(depts)
	lin := route.NewLinear(m, docs, y, len(names), e.Cfg.Seed)
	e.routeModel = nil
	if err := ac.Exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return res, err
	}
	defer ac.Exec(context.Background(), "ROLLBACK")
	if err := writeRoute(ctx, ac, m, run, lin, names); err != nil {
		return res, err
	}
	err = insert(ctx, ac, "route_models", int64s("run_id", []int64{run}), int64s("tickets", []int64{int64(len(docs))}),
		int32s("classes", []int32{int32(len(names))}), strs("built_at", []string{time.Now().Format(time.RFC3339Nano)}))
	if err != nil {
		return res, err
	}
	res.Tickets, res.Classes, res.Seconds = len(docs), len(names), time.Since(started).Seconds()
	return res, ac.Exec(ctx, "COMMIT")
}

// writeRoute stores lin's weights under run: per class its department,
// embedding weights and bias; per term with any weight, its weight for
// every class.
func writeRoute(ctx context.Context, ac conn, m *vectors.Model, run int64, lin *route.Linear, names []string) error {
	for _, q := range []string{"engine_route_clear_terms", "engine_route_clear_classes", "engine_route_clear_models"} {
		if err := ac.exec(ctx, q, run); err != nil {
			return err
		}
	}
	w, v := lin.Weights(), len(m.Vocab)
	runs, classes := make([]int64, len(names)), make([]int32, len(names))
	var dense []float64
	bias := make([]float64, len(names))
	for c := range names {
		runs[c], classes[c], bias[c] = run, int32(c), w[c][v+m.Dims]
		dense = append(dense, w[c][v:v+m.Dims]...)
	}
	if err := insert(ctx, ac, "route_classes", int64s("run_id", runs), int32s("class", classes), strs("department", names),
		vectorCol("dense", dense, m.Dims), float64s("bias", bias)); err != nil {
		return err
	}
	var terms []string
	var tw []float64
	for t, term := range m.Vocab {
		row := make([]float64, len(names))
		used := false
		for c := range names {
			row[c] = w[c][t]
			used = used || row[c] != 0
		}
		if used {
			terms, tw = append(terms, term), append(tw, row...)
		}
	}
	trun := make([]int64, len(terms))
	for i := range trun {
		trun[i] = run
	}
	return insert(ctx, ac, "route_terms", int64s("run_id", trun), strs("term", terms), vectorCol("weights", tw, len(names)))
}

// loadRoute reads run's route model over m's words; ok is false when the
// run has none.
func loadRoute(ctx context.Context, ac conn, m *vectors.Model, run int64) (lin *route.Linear, names []string, ok bool, err error) {
	var w [][]float64
	if w, names, err = loadRouteClasses(ctx, ac, m, run); err != nil || len(names) == 0 {
		return nil, nil, false, err
	}
	rr, err := ac.query(ctx, "engine_route_terms", run)
	if err != nil {
		return nil, nil, false, err
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		tc, lc := rec.Column(0).(*array.String), rec.Column(1).(*array.List)
		vals := lc.ListValues().(*array.Float32)
		for i := 0; i < int(rec.NumRows()); i++ {
			t, known := m.Term(tc.Value(i))
			s, end := lc.ValueOffsets(i)
			if !known || int(end-s) != len(names) {
				return nil, nil, false, fmt.Errorf("cluster: route model of run %d does not fit its words (term %q)", run, tc.Value(i))
			}
			for c := range names {
				w[c][t] = float64(vals.Value(int(s) + c))
			}
		}
	}
	if err := rr.Err(); err != nil {
		return nil, nil, false, err
	}
	lin, err = route.LinearFrom(m, w)
	return lin, names, err == nil, err
}

// loadRouteClasses reads the departments of run's route model and returns
// their weights with the embedding part and bias filled in.
func loadRouteClasses(ctx context.Context, ac conn, m *vectors.Model, run int64) ([][]float64, []string, error) {
	rr, err := ac.query(ctx, "engine_route_classes", run)
	if err != nil {
		return nil, nil, err
	}
	defer rr.Release()
	var w [][]float64
	var names []string
	v := len(m.Vocab)
	for rr.Next() {
		rec := rr.RecordBatch()
		dc, lc, bc := rec.Column(1).(*array.String), rec.Column(2).(*array.List), rec.Column(3).(*array.Float64)
		vals := lc.ListValues().(*array.Float32)
		for i := 0; i < int(rec.NumRows()); i++ {
			s, end := lc.ValueOffsets(i)
			if int(end-s) != m.Dims {
				return nil, nil, fmt.Errorf("cluster: route model of run %d has %d dimensions, its words %d", run, end-s, m.Dims)
			}
			row := make([]float64, v+m.Dims+1)
			for j := 0; j < m.Dims; j++ {
				row[v+j] = float64(vals.Value(int(s) + j))
			}
			row[v+m.Dims] = bc.Value(i)
			w, names = append(w, row), append(names, strings.Clone(dc.Value(i)))
		}
	}
	return w, names, rr.Err()
}

// writeSuggestions stores a suggestion for every ticket of the night's
// assignment n when its model run has a route model; it runs inside the
// assignment's transaction, after the memberships are written (the
// evidence is the ticket's cluster's members).
func (e *Engine) writeSuggestions(ctx context.Context, ac conn, n *nightly) (int, error) {
	lin, names, ok, err := e.route(ctx, ac, n.m, n.modelRun)
	if err != nil || !ok {
		return 0, err
	}
	ranked := rankAll(lin, n.docs)
	k := n.tk.Len()
	runs, depts, second, conf, at := make([]int64, k), make([]string, k), make([]string, k), make([]float64, k), make([]string, k)
	now := time.Now().Format(time.RFC3339Nano)
	for i, r := range ranked {
		runs[i], depts[i], conf[i], at[i] = n.modelRun, names[r[0].Label], r[0].Confidence, now
		if len(r) > 1 {
			second[i] = names[r[1].Label]
		}
	}
	if err := ac.exec(ctx, "engine_suggestions_stage"); err != nil {
		return 0, err
	}
	if err := insert(ctx, ac, "engine_suggested", strs("ticket_id", n.tk.IDs), int64s("model_run", runs), strs("department", depts),
		float64s("confidence", conf), strs("runner_up", second), strs("suggested_at", at)); err != nil {
		return 0, err
	}
	return k, ac.exec(ctx, "engine_suggestions_write")
}

// route returns the route model of run, read once and kept.
func (e *Engine) route(ctx context.Context, ac conn, m *vectors.Model, run int64) (*route.Linear, []string, bool, error) {
	if e.routeModel != nil && e.routeRun == run {
		return e.routeModel, e.routeNames, true, nil
	}
	lin, names, ok, err := loadRoute(ctx, ac, m.Words(), run)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	e.routeModel, e.routeNames, e.routeRun = lin, names, run
	return lin, names, true, nil
}

// rankAll ranks every document (the two best labels of each), on
// GOMAXPROCS goroutines.
func rankAll(lin route.Ranker, docs [][]string) [][]route.Ranked {
	out := make([][]route.Ranked, len(docs))
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				r := lin.Rank(docs[i])
				out[i] = r[:min(2, len(r))]
			}
		}(w)
	}
	wg.Wait()
	return out
}
