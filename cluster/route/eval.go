package route

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
)

// Scores is how well a Ranker's first (and first three) labels match.
type Scores struct {
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
	Top3     float64 `json:"top3"`
}

// Result is what Evaluate measured: the scores of the method kept (Method)
// and of every method compared, and the seconds of the whole run
// (dictionary load apart).
type Result struct {
	Scores
	Method     string            `json:"method"`
	Methods    map[string]Scores `json:"methods"`
	Rows       int               `json:"rows"`
	Folds      int               `json:"folds"`
	Seconds    float64           `json:"seconds"`
	Dictionary float64           `json:"dictionary_seconds"`
}

// Evaluate cross-validates the rankers on labelled texts: rows are dealt
// into folds at random (seed), and for each fold the words are learned and
// the rankers trained on the other folds, then asked for each held-out row.
// The method kept is the one of higher accuracy (ties: the vote). It needs
// at least two rows per fold and two labels.
func Evaluate(ctx context.Context, texts, labels []string, folds int, seed uint64) (Result, error) {
	r := Result{Rows: len(texts), Folds: folds, Methods: map[string]Scores{}}
	if folds < 2 || len(texts) < 2*folds {
		return r, fmt.Errorf("route: %d rows cannot make %d folds of two rows or more", len(texts), folds)
	}
	t0 := time.Now()
	seg, err := text.LoadGSE()
	if err != nil {
		return r, err
	}
	r.Dictionary = time.Since(t0).Seconds()
	t0 = time.Now()
	docs, err := text.Tokenize(ctx, text.NewTokenizer(seg), text.NewCleaner(), texts, nil, 0)
	if err != nil {
		return r, err
	}
	y, names := Labels(labels)
	if len(names) < 2 {
		return r, fmt.Errorf("route: %d label(s); want at least two", len(names))
	}
	fold := deal(len(docs), folds, seed)
	preds := map[string][][]Ranked{"vote": make([][]Ranked, len(docs)), "linear": make([][]Ranked, len(docs))}
	for f := 0; f < folds; f++ {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		var train, test []int
		for i := range docs {
			if fold[i] == f {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		rankers := trainFold(docs, y, train, len(names), seg, seed)
		for name, rk := range rankers {
			for _, i := range test {
				preds[name][i] = rk.Rank(docs[i])
			}
		}
	}
	for name, p := range preds {
		r.Methods[name] = score(y, p, len(names))
	}
	r.Method = "vote"
	if r.Methods["linear"].Accuracy > r.Methods["vote"].Accuracy {
		r.Method = "linear"
	}
	r.Scores = r.Methods[r.Method]
	r.Seconds = time.Since(t0).Seconds()
	return r, nil
}

// trainFold learns words from the rows train of docs and trains both
// rankers on them.
func trainFold(docs [][]string, y, train []int, classes int, g vectors.GeneralWeigher, seed uint64) map[string]Ranker {
	td := make([][]string, len(train))
	ty := make([]int, len(train))
	for j, i := range train {
		td[j], ty[j] = docs[i], y[i]
	}
	cfg := vectors.Defaults()
	cfg.Seed, cfg.General = seed, g
	m, _ := vectors.LearnWords(vectors.DocsOf(td), cfg)
	return map[string]Ranker{"vote": NewVote(m, td, ty), "linear": NewLinear(m, td, ty, classes, seed)}
}

// Labels numbers labels in order of first appearance: each label's number
// and the labels by number.
func Labels(labels []string) ([]int, []string) {
	ids := map[string]int{}
	var names []string
	y := make([]int, len(labels))
	for i, l := range labels {
		id, ok := ids[l]
		if !ok {
			id = len(names)
			ids[l] = id
			names = append(names, l)
		}
		y[i] = id
	}
	return y, names
}

// deal assigns n rows to folds at random, as evenly as possible.
func deal(n, folds int, seed uint64) []int {
	perm := rand.New(rand.NewPCG(seed, 0xf01d)).Perm(n)
	fold := make([]int, n)
	for k, i := range perm {
		fold[i] = k % folds
	}
	return fold
}

// score computes accuracy, top-3 accuracy and macro-F1 (the mean over the
// labels of F1 of the first-ranked label; a label never predicted nor
// present counts 0) of ranked predictions against y. A row with no ranked
// label counts as wrong.
func score(y []int, preds [][]Ranked, classes int) Scores {
	tp, fp, fn := make([]float64, classes), make([]float64, classes), make([]float64, classes)
	var s Scores
	for i, p := range preds {
		got := -1
		if len(p) > 0 {
			got = p[0].Label
		}
		for k := 0; k < min(3, len(p)); k++ {
			if p[k].Label == y[i] {
				s.Top3++
			}
		}
		if got == y[i] {
			s.Accuracy++
			tp[got]++
			continue
		}
		fn[y[i]]++
		if got >= 0 {
			fp[got]++
		}
	}
	n := float64(max(len(y), 1))
	s.Accuracy /= n
	s.Top3 /= n
	for c := 0; c < classes; c++ {
		if d := 2*tp[c] + fp[c] + fn[c]; d > 0 {
			s.MacroF1 += 2 * tp[c] / d
		}
	}
	s.MacroF1 /= float64(max(classes, 1))
	return s
}
