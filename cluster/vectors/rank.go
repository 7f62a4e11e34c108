package vectors

import (
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Ranking settings for "cases like this"; measurements in doc.go.
const (
	// LikeCandidates: how many documents the TF-IDF stage passes on to be
	// re-ranked (in the database, the similar_tickets query's limit).
	LikeCandidates = 300
	// likeSparseWeight: a candidate's score is this share of its TF-IDF
	// cosine plus the rest of the cosine of its embedding. Shared words
	// find the same matter; embeddings tell which of those are alike in
	// substance when letters share boilerplate.
	likeSparseWeight = 0.3
)

// Hit is one document found like another, with its blended score.
type Hit struct {
	Doc   int
	Score float64
}

// LikeScore blends a TF-IDF cosine and an embedding cosine into the score
// "cases like this" ranks by: likeSparseWeight*sparse + (1-likeSparseWeight)*dense.
func LikeScore(sparse, dense float64) float64 {
	return likeSparseWeight*sparse + (1-likeSparseWeight)*dense
}

// rankHits sorts hits by score, highest first, ties by document index, and
// keeps the first n.
func rankHits(hits []Hit, n int) []Hit {
	slices.SortFunc(hits, func(a, b Hit) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return a.Doc - b.Doc
	})
	return hits[:min(n, len(hits))]
}

// Index answers "cases like this" over a fixed set of tokenised documents
// with a model's words: the LikeCandidates documents of highest TF-IDF
// cosine, re-ranked by LikeScore. It is what `leian similar` does over the
// database, held in memory for evaluation. Safe for concurrent use.
type Index struct {
	m        *Model
	sparse   []Sparse
	dense    Dense
	postings [][]posting // per term id
}

type posting struct {
	doc int32
	w   float64
}

// NewIndex indexes docs under m.
func NewIndex(m *Model, docs [][]string) *Index {
	ix := &Index{m: m, sparse: make([]Sparse, len(docs)), dense: Dense{Dim: m.Dims, Data: make([]float64, len(docs)*m.Dims)}}
	ix.postings = make([][]posting, len(m.Vocab))
	for i, d := range docs {
		ix.sparse[i] = m.TFIDF(d)
		copy(ix.dense.Row(i), m.Embed(d))
		for k, t := range ix.sparse[i].Idx {
			ix.postings[t] = append(ix.postings[t], posting{int32(i), ix.sparse[i].Val[k]})
		}
	}
	return ix
}

// Like returns the n documents most like document q (q itself left out),
// best first; ties break by document index. A document with no known word
// has no neighbours.
func (ix *Index) Like(q, n int) []Hit {
	return ix.like(ix.sparse[q], ix.dense.Row(q), q, n)
}

// LikeTokens returns the n indexed documents most like a new tokenised
// document, as Like ranks them.
func (ix *Index) LikeTokens(tokens []string, n int) []Hit {
	return ix.like(ix.m.TFIDF(tokens), ix.m.Embed(tokens), -1, n)
}

// like ranks the indexed documents (skip left out) against a query's
// TF-IDF vector s and embedding qv.
func (ix *Index) like(s Sparse, qv []float64, skip, n int) []Hit {
	acc := map[int32]float64{}
	for k, t := range s.Idx {
		for _, p := range ix.postings[t] {
			if int(p.doc) != skip {
				acc[p.doc] += s.Val[k] * p.w
			}
		}
	}
	cands := make([]Hit, 0, len(acc))
	for d, v := range acc {
		cands = append(cands, Hit{int(d), v})
	}
	cands = rankHits(cands, LikeCandidates)
	for i, c := range cands {
		cands[i].Score = LikeScore(c.Score, floats.Dot(qv, ix.dense.Row(c.Doc)))
	}
	return rankHits(cands, n)
}
