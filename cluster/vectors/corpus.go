package vectors

import (
	"sort"
)

// Corpus is a set of tokenised documents over a vocabulary.
type Corpus struct {
	Docs  [][]int32 // token ids of each document, in text order
	Vocab []string  // id -> term
	DF    []int32   // id -> number of documents containing the term
	index map[string]int32
}

// ID returns the id of term, or -1.
func (c *Corpus) ID(term string) int32 {
	if id, ok := c.index[term]; ok {
		return id
	}
	return -1
}

// NewCorpus builds a corpus from tokenised documents, keeping terms that
// occur in at least minDF documents. Term ids are assigned in order of
// first appearance, so the same input always gives the same ids.
func NewCorpus(docs [][]string, minDF int) *Corpus {
	df := map[string]int32{}
	var order []string
	seen := map[string]bool{}
	for _, d := range docs {
		clear(seen)
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				if df[t] == 0 {
					order = append(order, t)
				}
				df[t]++
			}
		}
	}
	c := &Corpus{index: map[string]int32{}}
	for _, t := range order {
		if int(df[t]) >= minDF {
			c.index[t] = int32(len(c.Vocab))
			c.Vocab = append(c.Vocab, t)
			c.DF = append(c.DF, df[t])
		}
	}
	c.Docs = make([][]int32, len(docs))
	for i, d := range docs {
		ids := make([]int32, 0, len(d))
		for _, t := range d {
			if id, ok := c.index[t]; ok {
				ids = append(ids, id)
			}
		}
		c.Docs[i] = ids
	}
	return c
}

// Sparse is a sparse vector with ascending indices.
type Sparse struct {
	Idx []int32
	Val []float64
}

// Dot returns the dot product of two sparse vectors.
func (s Sparse) Dot(o Sparse) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(s.Idx) && j < len(o.Idx) {
		switch {
		case s.Idx[i] < o.Idx[j]:
			i++
		case s.Idx[i] > o.Idx[j]:
			j++
		default:
			sum += s.Val[i] * o.Val[j]
			i++
			j++
		}
	}
	return sum
}

// termCounts returns the distinct ids of doc, ascending, with their counts.
func termCounts(doc []int32) ([]int32, []int32) {
	ids := append([]int32(nil), doc...)
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	var u, n []int32
	for i, id := range ids {
		if i > 0 && id == ids[i-1] {
			n[len(n)-1]++
			continue
		}
		u = append(u, id)
		n = append(n, 1)
	}
	return u, n
}
