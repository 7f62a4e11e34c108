package vectors

import (
	"unicode"

	"gonum.org/v1/gonum/floats"
)

// Character enrichment of word vectors; measurements in package cluster's
// doc.
const (
	// charWeight and charDF: a word's vector gains charWeight*charDF/(df +
	// charDF) times the mean of its characters' vectors (df: documents
	// holding the word), so a word seen once or twice, whose vector was
	// folded in from a few co-occurrences, leans on its characters (1.5 at
	// df 1, 1 at df 3), and a frequent word keeps its own (0.06 at df 100).
	charWeight = 2.0
	charDF     = 3.0
)

// charEnrich adds to each word vector of wv (d dimensions, one row per
// word of vocab) a share of the normalised mean of its Han characters'
// vectors (see charWeight), and normalises it again. A character's vector
// is the normalised sum of the vectors of the words holding it: a Chinese
// word's characters carry much of its meaning (股, 楼, 赛), and a title's
// rare words (names, new coinages) get most of their vector from them.
// Words of fewer than two Han characters are left alone: a lone
// character's "characters' vector" is only the mean of every word holding
// it (enriching them too made a warm re-run of generated tickets merge a
// cluster, TestEngineRunIsDeterministicAndKeepsIDs). df[t] is word t's
// document count in the training documents.
func charEnrich(wv []float32, d int, vocab []string, df []int32) {
	han := func(w string) []rune {
		var rs []rune
		for _, r := range w {
			if unicode.Is(unicode.Han, r) {
				rs = append(rs, r)
			}
		}
		return rs
	}
	chars := map[rune][]float64{}
	v := make([]float64, d)
	for t, w := range vocab {
		load(v, wv[t*d:(t+1)*d])
		if floats.Norm(v, 2) == 0 {
			continue
		}
		for _, r := range han(w) {
			if chars[r] == nil {
				chars[r] = make([]float64, d)
			}
			floats.Add(chars[r], v)
		}
	}
	for _, v := range chars {
		Normalize(v)
	}
	// Each word's row is its own: the words are enriched on GOMAXPROCS
	// goroutines, the characters' vectors only read.
	parallelRows(len(vocab), func(lo, hi int) {
		acc, v := make([]float64, d), make([]float64, d)
		for t := lo; t < hi; t++ {
			rs := han(vocab[t])
			if len(rs) < 2 {
				continue
			}
			clear(acc)
			for _, r := range rs {
				if c := chars[r]; c != nil {
					floats.Add(acc, c)
				}
			}
			if floats.Norm(acc, 2) == 0 {
				continue
			}
			Normalize(acc)
			load(v, wv[t*d:(t+1)*d])
			floats.AddScaled(v, charWeight*charDF/(float64(df[t])+charDF), acc)
			Normalize(v)
			store(wv[t*d:(t+1)*d], v)
		}
	})
}
