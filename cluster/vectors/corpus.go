package vectors

import (
	"runtime"
	"slices"
	"sync"
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
	df, order := documentFrequencies(docs)
	c := &Corpus{index: map[string]int32{}}
	for _, t := range order {
		if n := df[t].df; int(n) >= minDF {
			c.index[t] = int32(len(c.Vocab))
			c.Vocab = append(c.Vocab, t)
			c.DF = append(c.DF, n)
		}
	}
	c.Docs = make([][]int32, len(docs))
	parallelRows(len(docs), func(lo, hi int) {
		for i, d := range docs[lo:hi] {
			ids := make([]int32, 0, len(d))
			for _, t := range d {
				if id, ok := c.index[t]; ok {
					ids = append(ids, id)
				}
			}
			c.Docs[lo+i] = ids
		}
	})
	return c
}

// dfCount is a term's document frequency and the last document (1-based)
// that counted it, so a term repeated in a document counts once with a
// single map lookup a token (a set per document took three).
type dfCount struct{ df, last int32 }

// documentFrequencies returns each term's document frequency and the
// terms in order of first appearance. The documents are counted in
// contiguous parts on all CPUs and the parts merged in order, which keeps
// first appearance exact: a term first appears in the earliest part that
// holds it, where it is in that part's order.
func documentFrequencies(docs [][]string) (map[string]*dfCount, []string) {
	workers := runtime.GOMAXPROCS(0)
	dfs, orders := make([]map[string]*dfCount, workers), make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
			df := map[string]*dfCount{}
			for i, d := range docs[lo:hi] {
				for _, t := range d {
					e := df[t]
					if e == nil {
						e = &dfCount{}
						df[t] = e
						orders[w] = append(orders[w], t)
					}
					if e.last != int32(i+1) {
						e.df, e.last = e.df+1, int32(i+1)
					}
				}
			}
			dfs[w] = df
		})
	}
	wg.Wait()
	df, order := dfs[0], orders[0]
	for w := 1; w < workers; w++ {
		for _, t := range orders[w] {
			if e, ok := df[t]; ok {
				e.df += dfs[w][t].df
			} else {
				df[t] = dfs[w][t]
				order = append(order, t)
			}
		}
	}
	return df, order
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
	slices.Sort(ids)
	u, n := make([]int32, 0, len(ids)), make([]int32, 0, len(ids))
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
