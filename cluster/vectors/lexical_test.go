package vectors

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNearestNIsTheTopOfAFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	cent := Dense{Dim: 4}
	for c := 0; c < 23; c++ {
		row := []float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
		Normalize(row)
		cent.Data = append(cent.Data, row...)
	}
	cent.Data = append(cent.Data, cent.Row(3)...) // a tie: 3 must come first
	for trial := 0; trial < 50; trial++ {
		v := []float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
		all := make([]int32, cent.Len())
		for c := range all {
			all[c] = int32(c)
		}
		slices.SortStableFunc(all, func(a, b int32) int {
			da, db := dotRow(v, cent, a), dotRow(v, cent, b)
			switch {
			case da > db:
				return -1
			case da < db:
				return 1
			}
			return 0
		})
		for _, m := range []int{1, 2, 8, cent.Len()} {
			got := make([]int32, m)
			nearestN(v, cent, got, make([]float64, m))
			if !slices.Equal(got, all[:m]) {
				t.Fatalf("nearestN(%d) = %v, want %v", m, got, all[:m])
			}
		}
	}
}

func dotRow(v []float64, cent Dense, c int32) float64 {
	var s float64
	for j, x := range cent.Row(int(c)) {
		s += v[j] * x
	}
	return s
}

// noPrior weighs every word 1 except those it lists.
type noPrior map[string]float64

func (p noPrior) GeneralIDF(w string) (float64, bool) {
	v, ok := p[w]
	return v, ok
}

// lexicalFixture: words 0-2 belong to cluster 0 (噪音 扰民 施工), 3-5 to
// cluster 1 (工资 拖欠 讨薪); 6 (问题) is in every document of cluster 0
// and one of cluster 1.
func lexicalFixture() ([]string, [][]int32) {
	vocab := []string{"噪音", "扰民", "施工", "工资", "拖欠", "讨薪", "问题"}
	docs := [][]int32{
		{0, 1, 6}, {0, 2, 6}, {1, 2, 6}, {0, 1, 2, 6},
		{3, 4, 6}, {3, 5}, {4, 5}, {3, 4, 5},
	}
	return vocab, docs
}

func TestLexicalPrefersTheClusterOfTheWords(t *testing.T) {
	vocab, docs := lexicalFixture()
	lx := newLexical(len(vocab), docs, 2, one)
	cand := []int32{0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0}
	post := []float64{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}
	lx.fit(lx.features(docs), cand, post, 2)
	buf := make([]float64, 2)
	// The embedding would put the document first with cluster 0; its
	// words are cluster 1's.
	if got := lx.best([]int32{5, 4}, []int32{0, 1}, buf); got != 1 {
		t.Errorf("best of 讨薪 拖欠 = cluster %d, want 1", got)
	}
	if got := lx.best([]int32{2}, []int32{1, 0}, buf); got != 0 {
		t.Errorf("best of 施工 = cluster %d, want 0", got)
	}
	if got := lx.best(nil, []int32{1, 0}, buf); got != -1 {
		t.Errorf("best of no word = %d, want -1", got)
	}
	p := []float64{0.5, 0.5}
	feats, weights := lx.features([][]int32{{3, 4}}).doc(0)
	if !lx.posterior(feats, weights, []int32{0, 1}, p) || p[1] <= 0.5 || p[0]+p[1] < 0.999 || p[0]+p[1] > 1.001 {
		t.Errorf("posterior of 工资 拖欠 = %v, want most on cluster 1, summing to 1", p)
	}
	// A document none of whose words counts keeps its probabilities (it
	// once got the clusters' log sizes instead, which refineLexical then
	// took for probabilities).
	p = []float64{0.3, 0.7}
	if lx.posterior(nil, nil, []int32{0, 1}, p) || p[0] != 0.3 || p[1] != 0.7 {
		t.Errorf("posterior of no word = %v, want false and [0.3 0.7] kept", p)
	}
}

func TestLexicalWordsWeighByTheirPrior(t *testing.T) {
	vocab, docs := lexicalFixture()
	cand := []int32{0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0}
	post := []float64{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}
	buf := make([]float64, 2)
	// Counted, three 问题 outweigh one 工资: cluster 0.
	lx := newLexical(len(vocab), docs, 2, one)
	lx.fit(lx.features(docs), cand, post, 2)
	if got := lx.best([]int32{6, 6, 6, 3}, []int32{0, 1}, buf); got != 0 {
		t.Fatalf("weight 1: best of 问题 问题 问题 工资 = %d, want 0", got)
	}
	// 问题 is everywhere in general text: weight 0, and it no longer counts.
	lx = newLexical(len(vocab), docs, 2, (&Model{Vocab: vocab}).priorOf(noPrior{"问题": 0}))
	if lx.feat[6] != -1 || lx.weight[0] != 1 || lx.nf != 6 {
		t.Fatalf("features %v weights %v, want 问题 left out and 噪音 weighing 1", lx.feat, lx.weight)
	}
	lx.fit(lx.features(docs), cand, post, 2)
	if got := lx.best([]int32{6, 6, 6, 3}, []int32{0, 1}, buf); got != 1 {
		t.Errorf("best of 问题 问题 问题 工资 = %d, want 1: 问题 must not count", got)
	}
	if got := lx.best([]int32{6}, []int32{0, 1}, buf); got != -1 {
		t.Errorf("best of 问题 alone = %d, want -1 (no word counts)", got)
	}
}

func TestNewLexicalKeepsTheMostFrequentWordsWithinItsCells(t *testing.T) {
	vocab, docs := lexicalFixture()
	k := lexicalCells / 3 // room for three words a cluster
	lx := newLexical(len(vocab), docs, k, one)
	if lx.nf != 3 {
		t.Fatalf("%d words count, want 3", lx.nf)
	}
	// 问题 is in 5 documents, 噪音 扰民 施工 工资 拖欠 讨薪 in 3 each: 问题 and the
	// two lowest ids among the rest.
	var kept []string
	for t, f := range lx.feat {
		if f >= 0 {
			kept = append(kept, vocab[t])
		}
	}
	if !slices.Equal(kept, []string{"噪音", "扰民", "问题"}) {
		t.Errorf("kept %v, want 噪音 扰民 问题", kept)
	}
}

func TestRefineLexicalMovesAMisplacedRow(t *testing.T) {
	vocab, docs := lexicalFixture()
	// Two clusters by embedding, rows 0-3 near centroid 0 and 4-7 near 1,
	// except row 6 (拖欠 讨薪), whose vector is nearer centroid 0.
	x := Dense{Dim: 2}
	for i := range docs {
		row := []float64{1, 0.1}
		switch {
		case i == 6:
			row = []float64{1, 0.4}
		case i >= 4:
			row = []float64{0.1, 1}
		}
		Normalize(row)
		x.Data = append(x.Data, row...)
	}
	cent := Dense{Dim: 2, Data: []float64{1, 0, 0, 1}}
	lx := newLexical(len(vocab), docs, 2, one)
	out := refineLexical(lx, x, docs, cent)
	m := &Model{Vocab: vocab, IDF: []float64{1, 1, 1, 1, 1, 1, 1}, Dims: 2, Centroids: out}
	// Embed as the rows are: one word vector a row is enough here.
	m.WordVecs = []float32{1, 0.1, 1, 0.1, 1, 0.1, 0.1, 1, 1, 0.1, 1, 0.1, 0.5, 0.5}
	labels, _ := m.assignLexical([][]int32{{4, 5}, {0, 1}}, lx, nil, Dense{Dim: 2})
	if labels[0] != 1 || labels[1] != 0 {
		t.Errorf("labels %v, want [1 0]: 拖欠 讨薪 belongs with the wage claims whatever its vector", labels)
	}
	// EM moved row 6 to cluster 1: centroid 0 is its four rows' alone.
	want := []float64{1, 0.1}
	Normalize(want)
	if math.Abs(out.Row(0)[0]-want[0]) > 1e-9 || math.Abs(out.Row(0)[1]-want[1]) > 1e-9 {
		t.Errorf("centroid 0 = %v, want %v (row 6 moved to cluster 1)", out.Row(0), want)
	}
}

func TestLabelWithOneClusterIsNearest(t *testing.T) {
	m := &Model{Vocab: []string{"a"}, IDF: []float64{1}, Dims: 2, WordVecs: []float32{1, 0},
		Centroids: Dense{Dim: 2, Data: []float64{1, 0}}}
	labels, sims := m.label([][]int32{{0}, {}}, []int{0, 1}, Dense{Dim: 2, Data: []float64{1, 0, 0, 0}}, nil)
	if !slices.Equal(labels, []int{0, -1}) || sims[0] != 1 || sims[1] != 0 {
		t.Errorf("labels %v sims %v, want [0 -1] [1 0]", labels, sims)
	}
}

func one(int32) float64 { return 1 }

func TestAssignLexicalReusesFittedRowsExactly(t *testing.T) {
	vocab, docs := lexicalFixture()
	m := &Model{Vocab: vocab, IDF: []float64{1, 1, 1, 1, 1, 1, 0.5}, Dims: 2,
		WordVecs:  []float32{1, 0.1, 0.9, 0.2, 1, 0.3, 0.1, 1, 0.2, 0.9, 0.3, 1, 0.5, 0.5},
		Centroids: Dense{Dim: 2, Data: []float64{1, 0, 0, 1}}}
	x := Dense{Dim: 2, Data: make([]float64, 2*len(docs))}
	for i, d := range docs {
		m.embedIDs(d, x.Row(i))
	}
	lx := newLexical(len(vocab), docs, 2, one)
	m.Centroids = refineLexical(lx, x, docs, m.Centroids)
	want, wantSims := m.assignLexical(docs, lx, nil, Dense{Dim: 2})
	for _, fit := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7}, {1, 3, 6}, {7}} {
		fx := Dense{Dim: 2}
		for _, i := range fit {
			fx.Data = append(fx.Data, x.Row(i)...)
		}
		got, sims := m.assignLexical(docs, lx, fit, fx)
		if !slices.Equal(got, want) || !slices.Equal(sims, wantSims) {
			t.Errorf("fitted rows %v: labels %v sims %v, want %v %v", fit, got, sims, want, wantSims)
		}
	}
}
