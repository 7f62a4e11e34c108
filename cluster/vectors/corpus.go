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
// first appearance, so the same input always gives the same ids, however
// d numbers its words.
func NewCorpus(d *Docs, minDF int) *Corpus {
	df, order := documentFrequencies(d)
	c := &Corpus{index: map[string]int32{}}
	to := make([]int32, len(d.Words)) // d's word id -> corpus id, -1: dropped
	for i := range to {
		to[i] = -1
	}
	for _, w := range order {
		if n := df[w]; int(n) >= minDF {
			to[w] = int32(len(c.Vocab))
			c.index[d.Words[w]] = to[w]
			c.Vocab = append(c.Vocab, d.Words[w])
			c.DF = append(c.DF, n)
		}
	}
	c.Docs = make([][]int32, d.Len())
	parallelRows(d.Len(), func(lo, hi int) {
		for i, doc := range d.IDs[lo:hi] {
			ids := make([]int32, 0, len(doc))
			for _, w := range doc {
				if id := to[w]; id >= 0 {
					ids = append(ids, id)
				}
			}
			c.Docs[lo+i] = ids
		}
	})
	return c
}

// documentFrequencies returns each word's document frequency (by d's word
// id) and the word ids in order of first appearance. The documents are
// counted in contiguous parts on all CPUs and the parts merged in order,
// which keeps first appearance exact: a word first appears in the earliest
// part that holds it, where it is in that part's order. Each part keeps,
// per word, the last document (1-based) that counted it, so a word
// repeated in a document counts once.
func documentFrequencies(d *Docs) ([]int32, []int32) {
	workers := runtime.GOMAXPROCS(0)
	n := len(d.Words)
	dfs, orders := make([][]int32, workers), make([][]int32, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lo, hi := w*d.Len()/workers, (w+1)*d.Len()/workers
			df, last := make([]int32, n), make([]int32, n)
			for i, doc := range d.IDs[lo:hi] {
				for _, t := range doc {
					if df[t] == 0 {
						orders[w] = append(orders[w], t)
					}
					if last[t] != int32(i+1) {
						df[t], last[t] = df[t]+1, int32(i+1)
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
			if df[t] == 0 {
				order = append(order, t)
			}
		}
		for t, c := range dfs[w] {
			df[t] += c
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

// eachTerm calls f with each distinct id of doc, ascending, and its count,
// without allocating for a document of up to 64 tokens (documents are
// embedded one at a time, a million of them in a nightly run).
func eachTerm(doc []int32, f func(id int32, n int)) {
	var stack [64]int32
	ids := append(stack[:0], doc...)
	slices.Sort(ids)
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		f(ids[i], j-i)
		i = j
	}
}

// termCounts returns the distinct ids of doc, ascending, with their counts
// (eachTerm, collected).
func termCounts(doc []int32) ([]int32, []int32) {
	u, n := make([]int32, 0, len(doc)), make([]int32, 0, len(doc))
	eachTerm(doc, func(id int32, c int) {
		u, n = append(u, id), append(n, int32(c))
	})
	return u, n
}
