package vectors

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sort"
	"time"

	"gonum.org/v1/gonum/floats"
)

// Config controls Fit. The zero value is not useful; start from Defaults.
type Config struct {
	K           int    // clusters; 0 chooses the number from the data
	Seed        uint64 // same seed and input, same clusters
	Restarts    int    // k-means restarts (best objective kept) when k is given; the over-clustering behind automatic k takes overRestarts
	Dims        int    // word-vector dimensions
	MinDF       int    // a term must occur in this many documents
	EmbedSample int    // at most this many documents train the word vectors
	FitSample   int    // at most this many documents are clustered; the rest are assigned
	// General, if not nil, weighs terms by their IDF in a general corpus
	// (priorWeights); text.LoadGSE's segmenter is one.
	General GeneralWeigher `json:"-"`
}

// Defaults returns the configuration measured in doc.go.
func Defaults() Config {
	return Config{Seed: 1, Restarts: 5, Dims: embedDims, MinDF: 2, EmbedSample: 100_000, FitSample: 60_000}
}

// Model is what a clustering run learned: vocabulary, IDF, word vectors
// and centroids. New documents are embedded and assigned with it, without
// re-clustering. A Model is read-only after Fit and safe for concurrent use.
type Model struct {
	Vocab     []string
	IDF       []float64
	Dims      int
	WordVecs  []float32 // len(Vocab) x Dims, row-major; float32 as stored, half the memory of float64
	Centroids Dense
	index     map[string]int32
	prior     []float64 // each word's general-corpus prior (GeneralPrior), if learned here; nil otherwise
}

// NewWords returns a model of the given words (vocabulary, IDF, row-major
// term vectors of dims dimensions) and no centroids.
func NewWords(vocab []string, idf []float64, dims int, vecs []float32) *Model {
	index := make(map[string]int32, len(vocab))
	for i, t := range vocab {
		index[t] = int32(i)
	}
	return &Model{Vocab: vocab, IDF: idf, Dims: dims, WordVecs: vecs, index: index}
}

// Words returns a model with m's words and no centroids; it shares m's
// slices.
func (m *Model) Words() *Model {
	return &Model{Vocab: m.Vocab, IDF: m.IDF, Dims: m.Dims, WordVecs: m.WordVecs, index: m.index, prior: m.prior}
}

// Timings records the seconds each stage took, and whether the previous
// model's words were kept (with the share of token occurrences they lack).
type Timings struct {
	Features float64 `json:"features"`
	Cluster  float64 `json:"cluster"`
	Reused   bool    `json:"reused_words"`
	OOV      float64 `json:"oov"`
}

// vocabDrift is the share of token occurrences outside the previous
// model's vocabulary above which a warm run learns its words again.
const vocabDrift = 0.05

// Fit learns a Model from tokenised documents and returns it with each
// document's cluster (-1 for an empty document).
func Fit(ctx context.Context, docs [][]string, cfg Config) (*Model, []int, Timings, error) {
	m, labels, _, tm, err := FitWarm(ctx, DocsOf(docs), cfg, nil, nil)
	return m, labels, tm, err
}

// FitFrom is Fit started from a previous clustering: prior[i] is document
// i's cluster in it (any int64 id; -1 for none). With k chosen from the data
// and at least half the documents in a prior cluster, clustering starts from
// the prior clusters (warmCluster) instead of from scratch.
func FitFrom(ctx context.Context, docs [][]string, cfg Config, prior []int64) (*Model, []int, Timings, error) {
	m, labels, _, tm, err := FitWarm(ctx, DocsOf(docs), cfg, prior, nil)
	return m, labels, tm, err
}

// warmShare is the share of documents that must have a prior cluster for a
// warm start.
const warmShare = 0.5

// WarmFrom reports whether fitting with cfg starts from prior: k is chosen
// from the data and at least warmShare of the documents have a cluster.
func WarmFrom(prior []int64, cfg Config) bool {
	known := 0
	for _, p := range prior {
		if p >= 0 {
			known++
		}
	}
	return cfg.K <= 0 && known > 0 && float64(known) >= warmShare*float64(len(prior))
}

// FitWarm is FitFrom on documents held as word ids that also returns each
// document's cosine to its centroid (0 for outliers), computed while
// assigning, so callers need not embed the documents again.
//
// words, if not nil, is the previous run's model: a warm start keeps its
// vocabulary, IDF and word vectors (the space the prior clusters were
// found in) unless more than vocabDrift of the token occurrences fall
// outside its vocabulary, when the words are learned again.
func FitWarm(ctx context.Context, docs *Docs, cfg Config, prior []int64, words *Model) (*Model, []int, []float64, Timings, error) {
	var tm Timings
	t0 := time.Now()
	warm := WarmFrom(prior, cfg)
	var m *Model
	var ids [][]int32
	if warm && words != nil && words.Dims > 0 {
		ids, tm.OOV = words.termIDs(docs)
		if tm.OOV <= vocabDrift {
			m = words.Words()
			tm.Reused = true
		}
	}
	if m == nil {
		m, ids = LearnWords(docs, cfg)
		collectWords()
	}
	// Only the rows clustered are embedded and kept; every other document
	// is embedded when it is assigned, one at a time (label,
	// assignLexical): a million documents' vectors would hold 512 MB.
	fitIdx := sampleIndex(len(ids), fitSize(cfg, warm), cfg.Seed)
	fitX := Dense{Dim: m.Dims, Data: make([]float64, len(fitIdx)*m.Dims)}
	parallelRows(len(fitIdx), func(lo, hi int) {
		for j := lo; j < hi; j++ {
			m.embedIDs(ids[fitIdx[j]], fitX.Row(j))
		}
	})
	tm.Features = time.Since(t0).Seconds()
	t0 = time.Now()
	cent, err := centroids(ctx, fitX, fitIdx, cfg, prior, warm)
	if err != nil {
		return nil, nil, nil, tm, err
	}
	m.Centroids = cent
	labels, sims := m.label(ids, fitIdx, fitX, cfg.General)
	if cfg.K <= 0 {
		m.Centroids = dropSmall(labels, m.Centroids)
	}
	for i, l := range labels {
		if l < 0 {
			sims[i] = 0
		}
	}
	tm.Cluster = time.Since(t0).Seconds()
	return m, labels, sims, tm, nil
}

// collectWords collects the garbage of learning the words before the
// fit rows, a fit's largest allocation, are made: learning them left some
// 30 MB of garbage (co-occurrence, SVD) on 9 MB live on the 20,000
// titles, and the rows then reuse its pages. A fresh page costs about
// 16 µs on the 2-core VM: 2,500 fewer page faults an eval (14,300-14,700
// -> 11,800-12,000), features 0.259 -> 0.245 s (mean of six fresh evals
// each in turn). A warm fit that keeps the previous words has no such
// garbage, and a large run's live heap would make the collection dear,
// so only fits that learn their words collect.
func collectWords() { runtime.GC() }

// termIDs returns docs as ids of m's vocabulary (unknown words dropped)
// and the share of token occurrences that were unknown.
func (m *Model) termIDs(docs *Docs) ([][]int32, float64) {
	to := make([]int32, len(docs.Words)) // docs' word id -> m's, -1: unknown
	for w, t := range docs.Words {
		to[w] = -1
		if id, ok := m.index[t]; ok {
			to[w] = id
		}
	}
	var oov, all int
	ids := make([][]int32, docs.Len())
	for i, d := range docs.IDs {
		ids[i] = make([]int32, 0, len(d))
		for _, w := range d {
			if id := to[w]; id >= 0 {
				ids[i] = append(ids[i], id)
			} else {
				oov++
			}
		}
		all += len(d)
	}
	return ids, float64(oov) / float64(max(all, 1))
}

// fitSize is how many documents are clustered: cfg.FitSample, and at
// most warmFitSample for a warm start.
func fitSize(cfg Config, warm bool) int {
	if warm {
		return min(cfg.FitSample, warmFitSample)
	}
	return cfg.FitSample
}

// centroids clusters fitX, the rows fitIdx of the documents: k given
// (fixedK), warm from prior (warmCluster, prior indexed by document), or
// k from the data (autoCluster). No rows, no centroids.
func centroids(ctx context.Context, fitX Dense, fitIdx []int, cfg Config, prior []int64, warm bool) (Dense, error) {
	switch {
	case fitX.Len() == 0:
		return Dense{Dim: fitX.Dim}, nil
	case cfg.K > 0:
		return fixedK(ctx, fitX, cfg)
	case warm:
		fitPrior := make([]int64, len(fitIdx))
		for j, i := range fitIdx {
			fitPrior[j] = prior[i]
		}
		return warmCluster(ctx, fitX, fitPrior, cfg.Seed)
	default:
		return autoCluster(ctx, fitX, cfg.Seed)
	}
}

// assignAll embeds each document and assigns it to its nearest centroid
// (-1 for a document with no known word), returning the labels and the
// cosines, on GOMAXPROCS goroutines with one vector each.
func (m *Model) assignAll(ids [][]int32) ([]int, []float64) {
	labels, sims := make([]int, len(ids)), make([]float64, len(ids))
	parallelRows(len(ids), func(lo, hi int) {
		v := make([]float64, m.Dims)
		for i := lo; i < hi; i++ {
			m.embedIDs(ids[i], v)
			labels[i], sims[i] = m.assignVec(v)
		}
	})
	return labels, sims
}

// LearnWords learns a Model's words (vocabulary, IDF weighted by
// cfg.General, term vectors) from docs, without centroids, and returns it
// with the documents as term ids.
func LearnWords(docs *Docs, cfg Config) (*Model, [][]int32) {
	c := NewCorpus(docs, cfg.MinDF)
	m := &Model{Vocab: c.Vocab, IDF: IDF(c.DF, docs.Len()), index: c.index}
	m.prior = priorWeights(m.IDF, m.Vocab, cfg.General)
	train := sample(c.Docs, cfg.EmbedSample, cfg.Seed)
	m.WordVecs, m.Dims = termVectors(train, m.Vocab, m.IDF, cfg.Dims, cfg.Seed)
	return m, c.Docs
}

// embedIDs writes into dst the TF-IDF-weighted mean of the word vectors of
// doc, L2-normalised (all zero for a document with no known word).
func (m *Model) embedIDs(doc []int32, dst []float64) {
	clear(dst)
	eachTerm(doc, func(id int32, n int) {
		w := (1 + logf(float64(n))) * m.IDF[id]
		for j, x := range m.WordVecs[int(id)*m.Dims : (int(id)+1)*m.Dims] {
			dst[j] += float64(w * float64(x)) // rounded: no fused multiply-add, the same bits on any CPU
		}
	})
	Normalize(dst)
}

// Embed returns the vector of a tokenised document.
func (m *Model) Embed(tokens []string) []float64 {
	ids := make([]int32, 0, len(tokens))
	for _, t := range tokens {
		if id, ok := m.index[t]; ok {
			ids = append(ids, id)
		}
	}
	v := make([]float64, m.Dims)
	m.embedIDs(ids, v)
	return v
}

// assignVec returns the Nearest centroid of v and its cosine, or -1 and 0
// for a zero vector.
func (m *Model) assignVec(v []float64) (int, float64) {
	if floats.Norm(v, 2) == 0 {
		return -1, 0
	}
	return Nearest(v, m.Centroids)
}

// sample returns up to n docs chosen at random (all of them, in order, if
// there are no more than n).
func sample(docs [][]int32, n int, seed uint64) [][]int32 {
	idx := sampleIndex(len(docs), n, seed)
	out := make([][]int32, len(idx))
	for i, j := range idx {
		out[i] = docs[j]
	}
	return out
}

// sampleIndex returns up to n indices below total, ascending, chosen at
// random for a seed.
func sampleIndex(total, n int, seed uint64) []int {
	if n <= 0 || total <= n {
		idx := make([]int, total)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	r := rand.New(rand.NewPCG(seed, 0x5a))
	idx := r.Perm(total)[:n]
	sort.Ints(idx)
	return idx
}

// TFIDF returns the sublinear TF-IDF vector of a tokenised document over
// the model's vocabulary (unknown words are dropped).
func (m *Model) TFIDF(tokens []string) Sparse {
	ids := make([]int32, 0, len(tokens))
	for _, t := range tokens {
		if id, ok := m.index[t]; ok {
			ids = append(ids, id)
		}
	}
	return TFIDF(ids, m.IDF)
}

// Term returns the position of term t in the vocabulary.
func (m *Model) Term(t string) (int, bool) {
	i, ok := m.index[t]
	return int(i), ok
}
