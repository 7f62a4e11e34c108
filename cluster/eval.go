package cluster

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"time"

	"github.com/leian/leian/cluster/route"
	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"
)

// EvalResult is what Evaluate measured.
type EvalResult struct {
	vectors.Scores
	Clusters     int        `json:"clusters"`
	LargestShare float64    `json:"largest_share"` // the largest cluster's share of the rows
	Seconds      EvalTiming `json:"seconds"`
}

// SimilarEval is what EvaluateSimilar measured.
type SimilarEval struct {
	Rows           int     `json:"rows"`
	PrecisionAt10  float64 `json:"precision_at_10"`
	RowsWithNoHits int     `json:"rows_without_neighbours"`
	Seconds        struct {
		Dictionary float64 `json:"dictionary"`
		Segment    float64 `json:"segmentation"`
		Features   float64 `json:"features"`
		Rank       float64 `json:"ranking"`
		Total      float64 `json:"total"`
	} `json:"seconds"`
}

// EvalTiming is the time of each stage in seconds. Total excludes the
// one-time dictionary load.
type EvalTiming struct {
	Dictionary float64 `json:"dictionary"`
	Segment    float64 `json:"segmentation"`
	Features   float64 `json:"features"`
	Cluster    float64 `json:"clustering"`
	Total      float64 `json:"total"`
}

// Evaluate clusters texts with the full pipeline and scores the result
// against labels.
func Evaluate(ctx context.Context, texts, labels []string, cfg vectors.Config) (EvalResult, error) {
	var r EvalResult
	docs, seg, err := evalTokens(ctx, texts, &r.Seconds.Dictionary, &r.Seconds.Segment)
	if err != nil {
		return r, err
	}
	cfg.General = seg
	t0 := time.Now()
	_, pred, tm, err := vectors.Fit(ctx, docs, cfg)
	if err != nil {
		return r, err
	}
	// Features is all of Fit but its clustering: tm.Features leaves out
	// numbering the tokens' words (vectors.DocsOf), which a run does too.
	r.Seconds.Features, r.Seconds.Cluster = time.Since(t0).Seconds()-tm.Cluster, tm.Cluster
	r.Seconds.Total = r.Seconds.Segment + r.Seconds.Features + r.Seconds.Cluster
	truth := labelIndex(labels)
	sizes := map[int]int{}
	for _, p := range pred {
		if p >= 0 {
			sizes[p]++
		}
	}
	r.Clusters = len(sizes)
	for _, n := range sizes {
		r.LargestShare = max(r.LargestShare, float64(n)/float64(max(len(pred), 1)))
	}
	r.Scores = vectors.Compare(truth, pred)
	return r, nil
}

// evalTokens loads the dictionary and tokenises texts for an evaluation,
// recording the seconds of each in dict and segment.
func evalTokens(ctx context.Context, texts []string, dict, segment *float64) ([][]string, *text.GSE, error) {
	t0 := time.Now()
	seg, err := text.LoadGSE()
	if err != nil {
		return nil, nil, err
	}
	*dict = time.Since(t0).Seconds()
	t0 = time.Now()
	docs, err := text.Tokenize(ctx, text.NewTokenizer(seg), text.NewCleaner(), texts, nil, 0)
	*segment = time.Since(t0).Seconds()
	return docs, seg, err
}

// labelIndex numbers labels in order of first appearance.
func labelIndex(labels []string) []int {
	y, _ := route.Labels(labels)
	return y
}

// EvaluateSimilar measures "cases like this" on labelled texts: for each
// row, the share of its 10 nearest other rows, as vectors.Index.Like ranks them
// (the ranking of `leian similar`), that carry its label, averaged over
// the rows that have any neighbour. Rows with no known word are counted
// apart (RowsWithNoHits). Fewer than 11 rows: precision over the rows there are.
func EvaluateSimilar(ctx context.Context, texts, labels []string, cfg vectors.Config) (SimilarEval, error) {
	r := SimilarEval{Rows: len(texts)}
	docs, seg, err := evalTokens(ctx, texts, &r.Seconds.Dictionary, &r.Seconds.Segment)
	if err != nil {
		return r, err
	}
	t0 := time.Now()
	cfg.General = seg
	m, _ := vectors.LearnWords(vectors.DocsOf(docs), cfg)
	ix := vectors.NewIndex(m, docs)
	r.Seconds.Features = time.Since(t0).Seconds()
	t0 = time.Now()
	truth := labelIndex(labels)
	var hit, all float64
	for i := range docs {
		if i%256 == 0 && ctx.Err() != nil {
			return r, ctx.Err()
		}
		hits := ix.Like(i, 10)
		if len(hits) == 0 {
			r.RowsWithNoHits++
			continue
		}
		var h float64
		for _, x := range hits {
			if truth[x.Doc] == truth[i] {
				h++
			}
		}
		hit += h / float64(len(hits))
		all++
	}
	if all > 0 {
		r.PrecisionAt10 = hit / all
	}
	r.Seconds.Rank = time.Since(t0).Seconds()
	r.Seconds.Total = r.Seconds.Segment + r.Seconds.Features + r.Seconds.Rank
	return r, nil
}

// PlantedScore compares each clustered ticket's cluster in db with the
// type planted says it has (by ticket id; a ticket planted lacks counts as
// type ""), as leian demo scores its clusters against the generator's
// issue types. Tickets waiting for a cluster are left out.
func PlantedScore(ctx context.Context, db *sql.DB, queries fs.FS, planted map[string]string) (vectors.Scores, error) {
	q, err := statements(queries, "engine_membership")
	if err != nil {
		return vectors.Scores{}, err
	}
	rows, err := db.QueryContext(ctx, q[0])
	if err != nil {
		return vectors.Scores{}, err
	}
	defer rows.Close()
	types := map[string]int{}
	var truth, pred []int
	for rows.Next() {
		var id string
		var c int64
		if err := rows.Scan(&id, &c); err != nil {
			return vectors.Scores{}, err
		}
		ty := planted[id]
		if _, ok := types[ty]; !ok {
			types[ty] = len(types)
		}
		truth, pred = append(truth, types[ty]), append(pred, int(c))
	}
	if err := rows.Err(); err != nil {
		return vectors.Scores{}, fmt.Errorf("planted score: %w", err)
	}
	return vectors.Compare(truth, pred), nil
}

// Dispatch is what the generator planted about a ticket's dispatch: the
// department that owns it and where it was first sent.
type Dispatch struct {
	Department, First string
}

// DispatchScores scores the stored suggestions against planted dispatch.
type DispatchScores struct {
	Suggested int     `json:"suggested"` // dispatched tickets with a suggestion and a planted truth
	Accuracy  float64 `json:"accuracy"`  // share whose suggestion is the owning department
	Planted   int     `json:"planted"`   // of them, first dispatched elsewhere (misdispatch)
	Flagged   int     `json:"flagged"`   // flagged by the 派单复核 section
	Precision float64 `json:"precision"` // flagged that were misdispatched
	Recall    float64 `json:"recall"`    // misdispatched that were flagged
}

// DispatchScore compares the suggestions in db (v_suggestions) with the
// planted dispatch of each ticket, as leian demo scores them: how often
// the suggestion names the owning department, and how well the flag of
// the weekly 派单复核 section (a confident suggestion against the first
// dispatch) finds the planted misdispatch.
func DispatchScore(ctx context.Context, db *sql.DB, queries fs.FS, planted map[string]Dispatch) (DispatchScores, error) {
	var s DispatchScores
	q, err := statements(queries, "engine_suggestion_scores")
	if err != nil {
		return s, err
	}
	rows, err := db.QueryContext(ctx, q[0])
	if err != nil {
		return s, err
	}
	defer rows.Close()
	var right, hit int
	for rows.Next() {
		var id, suggested string
		var flagged bool
		if err := rows.Scan(&id, &suggested, &flagged); err != nil {
			return s, err
		}
		p, ok := planted[id]
		if !ok || p.First == "" {
			continue
		}
		s.Suggested++
		wrong := p.First != p.Department
		right += b2i(suggested == p.Department)
		s.Planted += b2i(wrong)
		s.Flagged += b2i(flagged)
		hit += b2i(flagged && wrong)
	}
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("dispatch score: %w", err)
	}
	s.Accuracy, s.Precision, s.Recall = ratio(right, s.Suggested), ratio(hit, s.Flagged), ratio(hit, s.Planted)
	return s, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
