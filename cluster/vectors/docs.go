package vectors

import "strings"

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

// DocsOf holds docs as word ids, all in one backing array.
func DocsOf(docs [][]string) *Docs {
	d := NewDocs(len(docs))
	total := 0
	for _, t := range docs {
		total += len(t)
	}
	ids := make([]int32, total)
	for i, t := range docs {
		doc := ids[:len(t):len(t)]
		ids = ids[len(t):]
		for j, w := range t {
			doc[j] = d.Word(w)
		}
		d.IDs[i] = doc
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
