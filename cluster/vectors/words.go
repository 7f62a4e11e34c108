package vectors

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// GeneralWeigher gives a word's inverse document frequency in a general
// corpus (text.GSE has gse's Chinese table). A corpus of a few hundred tickets
// cannot tell a salutation from an issue word by its own counts; the
// language can. GeneralIDF must be safe for concurrent use.
type GeneralWeigher interface {
	GeneralIDF(w string) (float64, bool)
}

// Term-weight and representation settings; measurements in doc.go.
const (
	// generalIDFCap: a word's prior weight is min(general IDF, cap) / cap,
	// so the rarest ~40% of the dictionary and unknown words weigh 1 and 有
	// (IDF 2.2) weighs 0.18. On gov495 it took NMI at k=7 from 0.35 to
	// 0.42 and precision@10 from 0.61 to 0.63; on THUCNews +0.01.
	generalIDFCap = 12.0
	// lsaDims: dimensions of the document-level (LSA) part of the term
	// vectors, used when documents are long enough (lsaShare).
	lsaDims = 64
	// lsaFromTokens and lsaFullTokens: the LSA part's share of a document
	// vector grows from 0 at a median of lsaFromTokens tokens per document
	// to lsaMaxShare at lsaFullTokens. Co-occurrence within a window
	// (word vectors) carries short titles; long letters that mix matters
	// are placed better by which terms share documents (LSA). THUCNews
	// titles (median 8 tokens): word vectors alone; gov495 (median ~90):
	// half and half, NMI 0.35 -> 0.42 at k=7.
	lsaFromTokens = 16
	lsaFullTokens = 48
	lsaMaxShare   = 0.5
)

// priorWeights multiplies idf[i] by vocab[i]'s prior weight from g and
// returns the weights (nil, and idf unchanged, if g is nil). The words
// are looked up on GOMAXPROCS goroutines (a binary search of gse's table
// each: 15 ms on one CPU for the 13,600 words of the 20,000 titles).
func priorWeights(idf []float64, vocab []string, g GeneralWeigher) []float64 {
	if g == nil {
		return nil
	}
	prior := make([]float64, len(vocab))
	parallelRows(len(vocab), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			prior[i] = GeneralPrior(g, vocab[i])
			idf[i] *= prior[i]
		}
	})
	return prior
}

// GeneralPrior returns w's prior weight from g: min(general IDF,
// generalIDFCap)/generalIDFCap, or 1 for a word g does not list.
func GeneralPrior(g GeneralWeigher, w string) float64 {
	if v, ok := g.GeneralIDF(w); ok {
		return math.Min(v, generalIDFCap) / generalIDFCap
	}
	return 1
}

// lsaShare returns the share of a document vector given to the LSA part
// for documents of the given token counts (see lsaFromTokens).
func lsaShare(docs [][]int32) float64 {
	if len(docs) == 0 {
		return 0
	}
	lens := make([]int, len(docs))
	for i, d := range docs {
		lens[i] = len(d)
	}
	slices.Sort(lens)
	med := float64(lens[len(lens)/2])
	f := (med - lsaFromTokens) / (lsaFullTokens - lsaFromTokens)
	return lsaMaxShare * math.Max(0, math.Min(1, f))
}

// termVectors learns the vector of every term of a vocabulary of n terms
// from docs: PPMI-SVD word vectors (WordVectors, dims dimensions), each
// leaning on its characters' vectors the rarer it is (charEnrich; vocab
// holds the terms, nil for none), joined,
// when documents are long (lsaShare), by the terms' LSA loadings; then the
// direction all documents share is removed from every term (common-
// component removal), so letter boilerplate and a corpus's overall topic do
// not pull every ticket together; for long documents each term is then
// weighed by its concentration in a first clustering (concentrate) and
// the common component removed again. It returns the row-major vectors and
// their dimension.
func termVectors(docs [][]int32, vocab []string, idf []float64, dims int, seed uint64) ([]float32, int) {
	n := len(idf)
	wv := WordVectors(docs, n, dims, seed)
	if len(vocab) == n {
		charEnrich(wv, dims, vocab, docFreq(docs, n))
	}
	share := lsaShare(docs)
	vecs, d := wv, dims
	if share > 0 && len(docs) > 1 {
		lv := lsaTerms(newDocTerm(docs, idf), lsaDims, seed)
		d = dims + lsaDims
		vecs = make([]float32, n*d)
		for t := 0; t < n; t++ {
			copy(vecs[t*d:t*d+dims], wv[t*dims:(t+1)*dims])
			store(vecs[t*d+dims:(t+1)*d], lv[t*lsaDims:(t+1)*lsaDims])
		}
		balance(vecs, d, dims, docs, idf, share)
	}
	removeCommon(vecs, d, docs, idf)
	if share > 0 {
		// Long letters: terms weighed by their concentration in a first
		// clustering, in full at lsaMaxShare (concentrate).
		concentrate(vecs, d, docs, idf, share/lsaMaxShare, seed)
		removeCommon(vecs, d, docs, idf)
	}
	return vecs, d
}

// lsaTerms returns the terms' loadings on the leading dims singular
// directions of the TF-IDF matrix m (V of M ≈ U S Vᵀ, row-major, one row
// per term): a document's LSA coordinates U S are then the TF-IDF-weighted
// sum of its terms' rows, for new documents too (fold-in).
func lsaTerms(m *docTerm, dims int, seed uint64) []float64 {
	out := make([]float64, m.cols*dims)
	q, w, s := lsaBasis(m, dims, seed)
	if q == nil {
		return out
	}
	// V = Mᵀ Q W S⁻¹.
	var v mat.Dense
	v.Mul(m.tmul(q), w)
	for t := 0; t < m.cols; t++ {
		for j := 0; j < min(dims, len(s)); j++ {
			if s[j] > 1e-12 {
				out[t*dims+j] = v.At(t, j) / s[j]
			}
		}
	}
	return out
}

// docVector writes into dst the weighted sum of doc's term vectors,
// weights (1 + ln tf) * idf, unnormalised.
func docVector(vecs []float32, d int, doc []int32, idf []float64, dst []float64) {
	clear(dst)
	eachTerm(doc, func(id int32, n int) {
		w := (1 + math.Log(float64(n))) * idf[id]
		for j, x := range vecs[int(id)*d : (int(id)+1)*d] {
			dst[j] += float64(w * float64(x)) // rounded: no fused multiply-add, the same bits on any CPU
		}
	})
}

// scaleRow multiplies the float32 row by g.
func scaleRow(row []float32, g float64) {
	for j, x := range row {
		row[j] = float32(g * float64(x))
	}
}

// balance scales the LSA part (columns from split) so that over docs its
// mean norm is share/(1-share) times that of the word-vector part.
func balance(vecs []float32, d, split int, docs [][]int32, idf []float64, share float64) {
	dst := make([]float64, d)
	var a, b float64
	for _, doc := range docs {
		docVector(vecs, d, doc, idf, dst)
		a += floats.Norm(dst[:split], 2)
		b += floats.Norm(dst[split:], 2)
	}
	if a == 0 || b == 0 {
		return
	}
	g := a / b * share / (1 - share)
	for t := 0; t < len(vecs)/d; t++ {
		scaleRow(vecs[t*d+split:(t+1)*d], g)
	}
}

// removeCommon removes from every term vector its component along u, the
// normalised mean of the documents' unit vectors: v ← v − (v·u) u. Since a
// document vector is a weighted sum of term vectors, every document loses
// its component along u too. The documents are summed by blockSum.
func removeCommon(vecs []float32, d int, docs [][]int32, idf []float64) {
	u := blockSum(len(docs), d, func(lo, hi int, u []float64) {
		dst := make([]float64, d)
		for _, doc := range docs[lo:hi] {
			docVector(vecs, d, doc, idf, dst)
			if nrm := floats.Norm(dst, 2); nrm > 0 {
				floats.AddScaled(u, 1/nrm, dst)
			}
		}
	})
	if floats.Norm(u, 2) == 0 {
		return
	}
	Normalize(u)
	parallelRows(len(vecs)/d, func(lo, hi int) {
		row := make([]float64, d)
		for t := lo; t < hi; t++ {
			load(row, vecs[t*d:(t+1)*d])
			floats.AddScaled(row, -floats.Dot(row, u), u)
			store(vecs[t*d:(t+1)*d], row)
		}
	})
}
