package vectors

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

// TestNewCorpusPartsMatchOnePass checks the counting in parts on several
// CPUs against one pass over the documents: the same vocabulary in the
// same order of first appearance, the same document frequencies and the
// same token ids, for 1 to 5 parts; and DocsOf gives every word the id of
// its first appearance, as Set in order does (more parts than documents included).
func TestNewCorpusPartsMatchOnePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([][]string, 301)
	for i := range docs {
		for range rng.IntN(12) {
			docs[i] = append(docs[i], "w"+strconv.Itoa(int(rng.ExpFloat64()*40)))
		}
	}
	want := onePassCorpus(docs, 2)
	for _, procs := range []int{1, 2, 3, 5} {
		prev := runtime.GOMAXPROCS(procs)
		for _, in := range [][][]string{docs, docs[:3], nil} {
			got, ref := NewCorpus(DocsOf(in), 2), onePassCorpus(in, 2)
			if len(in) == len(docs) {
				ref = want
			}
			if !slices.Equal(got.Vocab, ref.Vocab) || !slices.Equal(got.DF, ref.DF) || !slices.EqualFunc(got.Docs, ref.Docs, slices.Equal) {
				t.Errorf("%d CPUs, %d documents: the corpus differs from one pass", procs, len(in))
			}
			one := NewDocs(len(in))
			for i, d := range in {
				one.Set(i, d)
			}
			if parts := DocsOf(in); !slices.Equal(parts.Words, one.Words) || !slices.EqualFunc(parts.IDs, one.IDs, slices.Equal) {
				t.Errorf("%d CPUs, %d documents: DocsOf numbers the words otherwise than one pass", procs, len(in))
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}

// onePassCorpus is NewCorpus as one loop: the reference.
func onePassCorpus(docs [][]string, minDF int) *Corpus {
	df := map[string]int32{}
	var order []string
	for _, d := range docs {
		seen := map[string]bool{}
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
			c.Vocab, c.DF = append(c.Vocab, t), append(c.DF, df[t])
		}
	}
	c.Docs = make([][]int32, len(docs))
	for i, d := range docs {
		c.Docs[i] = []int32{}
		for _, t := range d {
			if id, ok := c.index[t]; ok {
				c.Docs[i] = append(c.Docs[i], id)
			}
		}
	}
	return c
}
