package route

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/leian/leian/cluster/vectors"
)

// Ranked is a label (by index) with the confidence a Ranker gives it.
type Ranked struct {
	Label      int
	Confidence float64
}

// Ranker ranks the labels for a new tokenised document, most likely first.
type Ranker interface {
	Rank(tokens []string) []Ranked
}

// voteK: the neighbours a Vote asks; kNN-10 is the anchor the issue cites.
const voteK = 10

// Vote ranks labels by a vote over the most similar training documents
// (vectors.Index, as leian similar ranks them), each neighbour weighing
// its LikeScore; confidence is a label's share of the votes. Safe for
// concurrent use.
type Vote struct {
	ix     *vectors.Index
	labels []int
	k      int
}

// NewVote indexes the training documents docs (labels[i] is doc i's label)
// under m.
func NewVote(m *vectors.Model, docs [][]string, labels []int) *Vote {
	return &Vote{ix: vectors.NewIndex(m, docs), labels: labels, k: voteK}
}

// Rank implements Ranker. A document sharing no word with the training set
// gets no label.
func (v *Vote) Rank(tokens []string) []Ranked {
	score := map[int]float64{}
	var total float64
	for _, h := range v.ix.LikeTokens(tokens, v.k) {
		w := math.Max(h.Score, 0)
		score[v.labels[h.Doc]] += w
		total += w
	}
	out := make([]Ranked, 0, len(score))
	for l, s := range score {
		c := 0.0
		if total > 0 {
			c = s / total
		}
		out = append(out, Ranked{l, c})
	}
	sortRanked(out)
	return out
}

// sortRanked orders by confidence, highest first, ties by label index.
func sortRanked(r []Ranked) {
	slices.SortFunc(r, func(a, b Ranked) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return a.Label - b.Label
	})
}

// Linear settings: epochs of stochastic gradient descent, the learning
// rate at the start (it falls as 1/(1+epoch)) and the L2 penalty.
const (
	linearEpochs = 12
	linearRate   = 0.5
	linearL2     = 1e-5
)

// Linear is a softmax (multinomial logistic) regression over a document's
// sublinear TF-IDF vector and its embedding under the same words, trained
// in Go by SGD. Confidence is the predicted probability. Safe for
// concurrent use after training.
type Linear struct {
	m       *vectors.Model
	classes int
	w       [][]float64 // per class: vocabulary weights, then embedding weights, then bias
}

// NewLinear trains a Linear on docs and their labels (0..classes-1),
// deterministic for a seed.
func NewLinear(m *vectors.Model, docs [][]string, labels []int, classes int, seed uint64) *Linear {
	l := &Linear{m: m, classes: classes, w: make([][]float64, classes)}
	width := len(m.Vocab) + m.Dims + 1
	for c := range l.w {
		l.w[c] = make([]float64, width)
	}
	feats := make([]features, len(docs))
	for i, d := range docs {
		feats[i] = l.features(d)
	}
	r := rand.New(rand.NewPCG(seed, 0x11))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	p := make([]float64, classes)
	for epoch := 0; epoch < linearEpochs; epoch++ {
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		rate := linearRate / (1 + float64(epoch))
		for _, i := range order {
			l.probs(feats[i], p)
			for c := range l.w {
				g := p[c]
				if c == labels[i] {
					g--
				}
				l.step(c, feats[i], rate*g, rate*linearL2)
			}
		}
	}
	return l
}

// features is a document as Linear sees it.
type features struct {
	sparse vectors.Sparse
	dense  []float64
}

func (l *Linear) features(tokens []string) features {
	return features{l.m.TFIDF(tokens), l.m.Embed(tokens)}
}

// probs writes the softmax of the class scores of f into p.
func (l *Linear) probs(f features, p []float64) {
	v := len(l.m.Vocab)
	mx := math.Inf(-1)
	for c, w := range l.w {
		s := w[len(w)-1]
		for k, t := range f.sparse.Idx {
			s += w[t] * f.sparse.Val[k]
		}
		for j, x := range f.dense {
			s += w[v+j] * x
		}
		p[c] = s
		mx = math.Max(mx, s)
	}
	var z float64
	for c := range p {
		p[c] = math.Exp(p[c] - mx)
		z += p[c]
	}
	for c := range p {
		p[c] /= z
	}
}

// step moves class c's weights against the gradient g·f (with L2 decay on
// the weights f touches).
func (l *Linear) step(c int, f features, g, decay float64) {
	w, v := l.w[c], len(l.m.Vocab)
	for k, t := range f.sparse.Idx {
		w[t] -= g*f.sparse.Val[k] + decay*w[t]
	}
	for j, x := range f.dense {
		w[v+j] -= g*x + decay*w[v+j]
	}
	w[len(w)-1] -= g
}

// Rank implements Ranker.
func (l *Linear) Rank(tokens []string) []Ranked {
	p := make([]float64, l.classes)
	l.probs(l.features(tokens), p)
	out := make([]Ranked, l.classes)
	for c := range p {
		out[c] = Ranked{c, p[c]}
	}
	sortRanked(out)
	return out
}

// Weights returns the trained weights by class: the vocabulary's terms
// (in m.Vocab's order), then the embedding's dimensions, then the bias.
// They are Linear's own; do not change them.
func (l *Linear) Weights() [][]float64 { return l.w }

// ErrShape reports weights that do not fit the model they are given with.
var ErrShape = errors.New("route: weights do not fit the model's vocabulary and dimensions")

// LinearFrom returns a Linear with stored weights (as Weights gives them)
// over m's words.
func LinearFrom(m *vectors.Model, w [][]float64) (*Linear, error) {
	width := len(m.Vocab) + m.Dims + 1
	for _, c := range w {
		if len(c) != width {
			return nil, fmt.Errorf("%w: a class has %d weights, the model needs %d", ErrShape, len(c), width)
		}
	}
	return &Linear{m: m, classes: len(w), w: w}, nil
}
