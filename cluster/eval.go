package cluster

import (
	"context"
	"time"
)

// EvalResult is what Evaluate measured.
type EvalResult struct {
	Scores
	Clusters int        `json:"clusters"`
	Seconds  EvalTiming `json:"seconds"`
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
func Evaluate(ctx context.Context, texts, labels []string, cfg Config) (EvalResult, error) {
	var r EvalResult
	t0 := time.Now()
	seg, err := LoadGSE()
	if err != nil {
		return r, err
	}
	r.Seconds.Dictionary = time.Since(t0).Seconds()
	t0 = time.Now()
	docs, err := Tokenize(ctx, NewTokenizer(seg), NewCleaner(), texts, nil, 0)
	if err != nil {
		return r, err
	}
	r.Seconds.Segment = time.Since(t0).Seconds()
	_, pred, tm, err := Fit(ctx, docs, cfg)
	if err != nil {
		return r, err
	}
	r.Seconds.Features, r.Seconds.Cluster = tm.Features, tm.Cluster
	r.Seconds.Total = r.Seconds.Segment + r.Seconds.Features + r.Seconds.Cluster
	truth := make([]int, len(labels))
	ids := map[string]int{}
	for i, l := range labels {
		if _, ok := ids[l]; !ok {
			ids[l] = len(ids)
		}
		truth[i] = ids[l]
	}
	seen := map[int]bool{}
	for _, p := range pred {
		if p >= 0 {
			seen[p] = true
		}
	}
	r.Clusters = len(seen)
	r.Scores = Compare(truth, pred)
	return r, nil
}
