package vectors

import (
	"runtime"
	"strings"
	"sync"
)

// Docs are tokenised documents held as ids of their words: a token takes
// the 4 bytes of an id instead of the 16 of a string header, and each
// distinct word is held once. A full run holds its window's tokens from
// reading to naming; at 5,000,000 tickets, some 150 million tokens, that
// is 0.6 GB of ids against 2.4 GB of strings (package cluster's doc,
// "Memory of a full run").
type Docs struct {
	Words []string  // word id -> word
	IDs   [][]int32 // per document, its words' ids in text order; nil until set
	index map[string]int32
}

// NewDocs returns n documents, none set yet.
func NewDocs(n int) *Docs {
	return &Docs{IDs: make([][]int32, n), index: map[string]int32{}}
}

// DocsOf holds docs as word ids, all in one backing array. Contiguous
// parts of docs are numbered on GOMAXPROCS goroutines, each with its own
// index, and the parts' words then joined in order, so every word gets
// the id of its first appearance, as one pass in order gives it (the
// 20,000 titles: 22 -> 12 ms, package cluster's doc).
func DocsOf(docs [][]string) *Docs {
	total := 0
	for _, t := range docs {
		total += len(t)
	}
	ids := make([]int32, total)
	d := &Docs{IDs: make([][]int32, len(docs))}
	for i, t := range docs {
		d.IDs[i], ids = ids[:len(t):len(t)], ids[len(t):]
	}
	workers := runtime.GOMAXPROCS(0)
	parts := make([]*Docs, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		wg.Go(func() {
			part := &Docs{IDs: d.IDs[lo:hi], index: map[string]int32{}}
			for j, t := range docs[lo:hi] {
				for k, word := range t {
					part.IDs[j][k] = part.Word(word)
				}
			}
			parts[w] = part
		})
	}
	wg.Wait()
	return joinParts(d, parts)
}

// joinParts gives d the words of parts, in order, with one index, and
// renumbers each part's documents (already in d.IDs) to it: the first
// part's ids stand, a later part's words are looked up and the new ones
// appended.
func joinParts(d *Docs, parts []*Docs) *Docs {
	d.Words, d.index = parts[0].Words, parts[0].index
	for _, part := range parts[1:] {
		to := make([]int32, len(part.Words))
		for i, w := range part.Words {
			id, ok := d.index[w]
			if !ok {
				id = int32(len(d.Words))
				d.Words = append(d.Words, w)
				d.index[w] = id
			}
			to[i] = id
		}
		for _, doc := range part.IDs {
			for k, id := range doc {
				doc[k] = to[id]
			}
		}
	}
	return d
}

// Len returns the number of documents.
func (d *Docs) Len() int { return len(d.IDs) }

// Word returns the id of word w, adding a copy of w if it is new (so w
// may point into a buffer that is reused).
func (d *Docs) Word(w string) int32 {
	if id, ok := d.index[w]; ok {
		return id
	}
	id := int32(len(d.Words))
	w = strings.Clone(w)
	d.Words = append(d.Words, w)
	d.index[w] = id
	return id
}

// ID returns the id of word w, if some document holds it.
func (d *Docs) ID(w string) (int32, bool) {
	id, ok := d.index[w]
	return id, ok
}

// Set sets document i to tokens (an empty document when there are none).
func (d *Docs) Set(i int, tokens []string) {
	ids := make([]int32, len(tokens))
	for j, t := range tokens {
		ids[j] = d.Word(t)
	}
	d.IDs[i] = ids
}

// Tokens returns document i's words, in text order.
func (d *Docs) Tokens(i int) []string {
	out := make([]string, len(d.IDs[i]))
	for j, id := range d.IDs[i] {
		out[j] = d.Words[id]
	}
	return out
}

// Strings returns every document's words (Tokens of each).
func (d *Docs) Strings() [][]string {
	out := make([][]string, d.Len())
	for i := range out {
		out[i] = d.Tokens(i)
	}
	return out
}
