package vectors

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Lexical refinement settings; measurements in package cluster's doc.
const (
	// lexicalIters: rounds of EM over the fitted documents.
	lexicalIters = 6
	// lexicalAlpha: additive smoothing of P(word | cluster).
	lexicalAlpha = 0.5
	// lexicalCands: a document is weighed against its lexicalCands most
	// similar clusters by embedding (all of them when k is smaller). 4
	// would halve the EM's work for the same NMI within 0.004, but a warm
	// re-run of the same window then retired a cluster id (package
	// cluster's doc).
	lexicalCands = 8
	// lexicalCells: the cluster x word table holds at most this many
	// cells; with many clusters only the most frequent words count.
	lexicalCells = 1 << 21
)

// lexical is a multinomial naive Bayes model of the clusters' words: the
// word vectors place a document by what its words mean, which blurs the
// rare, telling words of a short text; the counts of the words themselves
// in each cluster do not. Each word occurrence counts with the word's
// general-corpus prior weight, so words any text uses say little.
type lexical struct {
	k      int
	nf     int       // words that count (features)
	feat   []int32   // vocabulary id -> feature column, -1 if the word does not count
	weight []float64 // vocabulary id -> weight of one occurrence
	logp   []float64 // k x nf: ln P(word | cluster), smoothed
	prior  []float64 // ln (documents of the cluster + 1)
}

// newLexical chooses the words that count for k clusters, among n: the
// most frequent in docs of positive weight, as many as lexicalCells
// allows, each occurrence weighing weight(word).
func newLexical(n int, docs [][]int32, k int, weight func(t int32) float64) *lexical {
	df := docFreq(docs, n)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	// Most frequent first; ties by id, so the choice is deterministic.
	slices.SortStableFunc(order, func(a, b int32) int { return int(df[b]) - int(df[a]) })
	lx := &lexical{k: k, feat: make([]int32, n), weight: make([]float64, n)}
	for i := range lx.feat {
		lx.feat[i] = -1
	}
	room := min(n, lexicalCells/max(k, 1))
	for _, t := range order {
		if lx.nf == room || df[t] == 0 {
			break
		}
		// A word of weight 0 says nothing and takes no cell; a weight
		// that is not a finite positive number is not a weight.
		if w := weight(t); w > 0 && !math.IsInf(w, 1) {
			lx.feat[t], lx.weight[t] = int32(lx.nf), w
			lx.nf++
		}
	}
	lx.logp, lx.prior = make([]float64, k*lx.nf), make([]float64, k)
	return lx
}

// featDocs is documents as the words that count in a lexical model:
// document i's are feat[off[i]:off[i+1]] (feature columns, in text
// order), each occurrence weighing weight[k]. The EM reads every fitted
// document twice a round, and these are looked up once instead (its
// gain was measured only together with fixedK's two clusterings at once,
// package cluster's doc).
type featDocs struct {
	off    []int
	feat   []int32
	weight []float64
}

// features returns docs as lx's words that count.
func (lx *lexical) features(docs [][]int32) featDocs {
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	fd := featDocs{off: make([]int, len(docs)+1), feat: make([]int32, 0, total), weight: make([]float64, 0, total)}
	for i, d := range docs {
		fd.feat, fd.weight = lx.counting(d, fd.feat, fd.weight)
		fd.off[i+1] = len(fd.feat)
	}
	return fd
}

// counting appends to feats and weights the feature columns and weights
// of doc's words that count, in text order.
func (lx *lexical) counting(doc []int32, feats []int32, weights []float64) ([]int32, []float64) {
	for _, t := range doc {
		if f := lx.feat[t]; f >= 0 {
			feats, weights = append(feats, f), append(weights, lx.weight[t])
		}
	}
	return feats, weights
}

// doc returns document i's feature columns and weights.
func (fd featDocs) doc(i int) ([]int32, []float64) {
	return fd.feat[fd.off[i]:fd.off[i+1]], fd.weight[fd.off[i]:fd.off[i+1]]
}

// fit sets the model from documents' posteriors: document i gives post[i*m+j]
// of itself to cluster cand[i*m+j]. The clusters are split across
// GOMAXPROCS goroutines, each reading every document for its own.
func (lx *lexical) fit(fd featDocs, cand []int32, post []float64, m int) {
	parallelRows(lx.k, func(lo, hi int) {
		tot, size := make([]float64, hi-lo), make([]float64, hi-lo)
		clear(lx.logp[lo*lx.nf : hi*lx.nf])
		for i := range len(fd.off) - 1 {
			feats, weights := fd.doc(i)
			for j := i * m; j < (i+1)*m; j++ {
				c, p := int(cand[j]), post[j]
				if c < lo || c >= hi || p < 1e-6 {
					continue
				}
				size[c-lo] += p
				row := lx.logp[c*lx.nf : (c+1)*lx.nf]
				for k, f := range feats {
					row[f] += p * weights[k]
					tot[c-lo] += p * weights[k]
				}
			}
		}
		unseen := math.Log(lexicalAlpha) // a word the cluster does not hold
		for c := lo; c < hi; c++ {
			norm := math.Log(tot[c-lo] + lexicalAlpha*float64(lx.nf))
			row := lx.logp[c*lx.nf : (c+1)*lx.nf]
			for f, x := range row {
				if x == 0 {
					row[f] = unseen - norm
				} else {
					row[f] = math.Log(x+lexicalAlpha) - norm
				}
			}
			lx.prior[c] = math.Log(size[c-lo] + 1)
		}
	})
}

// posterior writes into post the probability of each candidate cluster
// given a document's words that count (feats, weights; features). It
// returns false, leaving post as it was, when none does.
func (lx *lexical) posterior(feats []int32, weights []float64, cand []int32, post []float64) bool {
	if len(feats) == 0 {
		return false
	}
	lx.featScores(feats, weights, cand, post)
	top := slices.Max(post)
	var z float64
	for j, s := range post {
		post[j] = math.Exp(s - top)
		z += post[j]
	}
	for j := range post {
		post[j] /= z
	}
	return true
}

// scores writes into dst each candidate's log-probability of doc (up to a
// constant), or returns false, writing nothing, when no word of doc
// counts. The words that count are looked up once, not once a candidate.
func (lx *lexical) scores(doc []int32, cand []int32, dst []float64) bool {
	var fs [64]int32
	var ws [64]float64
	feats, weights := lx.counting(doc, fs[:0], ws[:0])
	if len(feats) == 0 {
		return false
	}
	lx.featScores(feats, weights, cand, dst)
	return true
}

// featScores is scores of a document's words that count.
func (lx *lexical) featScores(feats []int32, weights []float64, cand []int32, dst []float64) {
	for j, c := range cand {
		s := lx.prior[c]
		row := lx.logp[int(c)*lx.nf : (int(c)+1)*lx.nf]
		for i, f := range feats {
			s += weights[i] * row[f]
		}
		dst[j] = s
	}
}

// argmax returns the index of the largest of p, the first on ties (0 if
// p holds nothing larger than p[0], NaN included).
func argmax(p []float64) int {
	j := 0
	for i, x := range p {
		if x > p[j] {
			j = i
		}
	}
	return j
}

// best returns the candidate of highest score (the earlier candidate, that
// is the nearer by embedding, on ties), or -1 when no word counts.
func (lx *lexical) best(doc []int32, cand []int32, buf []float64) int32 {
	if !lx.scores(doc, cand, buf[:len(cand)]) {
		return -1
	}
	return cand[argmax(buf[:len(cand)])]
}

// nearestN writes into dst the len(dst) centroids most similar to v,
// most similar first (lowest index on ties).
func nearestN(v []float64, cent Dense, dst []int32, sims []float64) {
	n := 0
	for c := 0; c < cent.Len(); c++ {
		s := floats.Dot(v, cent.Row(c))
		if n == len(dst) && s <= sims[n-1] {
			continue
		}
		j := min(n, len(dst)-1)
		for j > 0 && sims[j-1] < s {
			dst[j], sims[j] = dst[j-1], sims[j-1]
			j--
		}
		dst[j], sims[j] = int32(c), s
		n = min(n+1, len(dst))
	}
}

// label assigns every document (ids, as term ids) to a cluster of m's
// centroids, refined by the clusters' words when there are two or more:
// EM of the lexical model over the fitted rows (fitX, documents fitIdx)
// moves the centroids (refineLexical), then each document goes to the
// cluster, among its lexicalCands nearest by embedding, whose words
// explain its own best (assignLexical). It returns the labels and each
// document's cosine to its centroid; -1 and 0 for a document with no
// known word.
func (m *Model) label(ids [][]int32, fitIdx []int, fitX Dense, g GeneralWeigher) ([]int, []float64) {
	k := m.Centroids.Len()
	if k < 2 {
		return m.assignAll(ids)
	}
	docs := make([][]int32, len(fitIdx))
	for j, i := range fitIdx {
		docs[j] = ids[i]
	}
	lx := newLexical(len(m.Vocab), docs, k, m.priorOf(g))
	m.Centroids = refineLexical(lx, fitX, docs, m.Centroids)
	return m.assignLexical(ids, lx, fitIdx, fitX)
}

// priorOf returns the general-corpus prior of a word of m's vocabulary:
// as learned (m.prior), else from g, else 1.
func (m *Model) priorOf(g GeneralWeigher) func(t int32) float64 {
	return func(t int32) float64 {
		switch {
		case m.prior != nil:
			return m.prior[t]
		case g != nil:
			return GeneralPrior(g, m.Vocab[t])
		}
		return 1
	}
}

// refineLexical runs lexicalIters rounds of EM of lx over the rows x
// (documents docs), starting from each row's nearest centroid of cent:
// the model is fitted to the rows' cluster probabilities, then each row's
// probabilities over its lexicalCands nearest centroids are set from its
// words. It leaves lx fitted to the last probabilities and returns the
// centroids of the rows' most probable clusters (a cluster left with no
// row keeps its centroid).
func refineLexical(lx *lexical, x Dense, docs [][]int32, cent Dense) Dense {
	n, m := x.Len(), min(lexicalCands, cent.Len())
	cand, post := make([]int32, n*m), make([]float64, n*m)
	live := make([]bool, n) // rows with a vector; the others stay out
	parallelRows(n, func(lo, hi int) {
		sims := make([]float64, m)
		for i := lo; i < hi; i++ {
			if live[i] = floats.Norm(x.Row(i), 2) > 0; live[i] {
				nearestN(x.Row(i), cent, cand[i*m:(i+1)*m], sims)
				post[i*m] = 1
			}
		}
	})
	fd := lx.features(docs)
	for it := 0; it < lexicalIters; it++ {
		lx.fit(fd, cand, post, m)
		parallelRows(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if live[i] {
					feats, weights := fd.doc(i)
					lx.posterior(feats, weights, cand[i*m:(i+1)*m], post[i*m:(i+1)*m])
				}
			}
		})
	}
	lx.fit(fd, cand, post, m)
	out := Dense{Dim: cent.Dim, Data: make([]float64, len(cent.Data))}
	size := make([]int, cent.Len())
	for i := 0; i < n; i++ {
		if live[i] {
			c := cand[i*m+argmax(post[i*m:(i+1)*m])]
			floats.Add(out.Row(int(c)), x.Row(i))
			size[c]++
		}
	}
	for c, s := range size {
		if s == 0 {
			copy(out.Row(c), cent.Row(c))
		}
		Normalize(out.Row(c))
	}
	return out
}

// assignLexical is assignAll with the lexical model: each document goes to
// the cluster, among its lexicalCands nearest centroids, of highest
// probability under lx (the nearest when none of its words counts). The
// fitted documents (fitIdx, ascending) are not embedded again: their
// vectors are fitX's rows.
func (m *Model) assignLexical(ids [][]int32, lx *lexical, fitIdx []int, fitX Dense) ([]int, []float64) {
	labels, sims := make([]int, len(ids)), make([]float64, len(ids))
	k := min(lexicalCands, m.Centroids.Len())
	parallelRows(len(ids), func(lo, hi int) {
		own := make([]float64, m.Dims)
		cand, buf := make([]int32, k), make([]float64, k)
		j, _ := slices.BinarySearch(fitIdx, lo) // next fitted document
		for i := lo; i < hi; i++ {
			v := own
			if j < len(fitIdx) && fitIdx[j] == i {
				v, j = fitX.Row(j), j+1
			} else {
				m.embedIDs(ids[i], v)
			}
			if floats.Norm(v, 2) == 0 {
				labels[i], sims[i] = -1, 0
				continue
			}
			nearestN(v, m.Centroids, cand, buf)
			c := cand[0]
			if b := lx.best(ids[i], cand, buf); b >= 0 {
				c = b
			}
			labels[i], sims[i] = int(c), floats.Dot(v, m.Centroids.Row(int(c)))
		}
	})
	return labels, sims
}
