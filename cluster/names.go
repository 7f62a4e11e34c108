package cluster

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/leian/leian/cluster/vectors"
)

// Naming settings.
const (
	topTermsN = 10 // top terms kept per cluster
	nameTerms = 3  // terms in a cluster's short name
)

// TopTerms returns, per cluster, the terms of highest class-based TF-vectors.IDF
// (as BERTopic defines it): w(t, c) = tf(t, c) / |c| * ln(1 + A / f(t)),
// where tf(t, c) counts t in cluster c's documents, |c| is the number of
// tokens in c, f(t) the count of t in all clustered documents and A the
// average number of tokens per cluster. Ties go to the term seen first.
// labels of -1 (outliers) are skipped; k is the number of clusters.
//
// weight, if not nil, multiplies each term's score (a prior from a general
// corpus, so that 领导 or 工作 do not name a cluster of letters).
func TopTerms(docs *vectors.Docs, labels []int, k, n int, weight func(string) float64) [][]string {
	tf := make([]map[int32]float64, k)
	for c := range tf {
		tf[c] = map[int32]float64{}
	}
	order := make([]int32, len(docs.Words)) // 1 + rank of first appearance, 0: unseen
	seen := int32(0)
	size := make([]float64, k)
	total := make([]float64, len(docs.Words))
	var all float64
	for i, d := range docs.IDs {
		l := labels[i]
		if l < 0 {
			continue
		}
		for _, t := range d {
			if order[t] == 0 {
				seen++
				order[t] = seen
			}
			tf[l][t]++
			total[t]++
		}
		size[l] += float64(len(d))
		all += float64(len(d))
	}
	ws := termWeights(docs.Words, order, weight)
	avg := all / math.Max(float64(k), 1)
	out := make([][]string, k)
	for c := range tf {
		type tw struct {
			t int32
			w float64
		}
		var cw []tw
		for t, f := range tf[c] {
			cw = append(cw, tw{t, f / size[c] * math.Log(1+avg/total[t]) * ws[t]})
		}
		sort.Slice(cw, func(a, b int) bool {
			if cw[a].w != cw[b].w {
				return cw[a].w > cw[b].w
			}
			return order[cw[a].t] < order[cw[b].t]
		})
		for i := 0; i < min(n, len(cw)); i++ {
			out[c] = append(out[c], docs.Words[cw[i].t])
		}
	}
	return out
}

// termWeights returns weight of each word that order marks as seen, once
// per word (1 without a weight).
func termWeights(words []string, order []int32, weight func(string) float64) []float64 {
	ws := make([]float64, len(words))
	for t, o := range order {
		switch {
		case o == 0:
		case weight == nil:
			ws[t] = 1
		default:
			ws[t] = weight(words[t])
		}
	}
	return ws
}

// Name makes a short readable name from top terms: the first nameTerms
// terms of two or more characters, joined by "·" (a single character alone
// rarely reads as an issue).
func Name(terms []string) string {
	var picked []string
	for _, t := range terms {
		if len([]rune(t)) >= 2 {
			picked = append(picked, t)
		}
		if len(picked) == nameTerms {
			break
		}
	}
	if len(picked) == 0 {
		picked = terms[:min(len(terms), nameTerms)]
	}
	if len(picked) == 0 {
		return "（无名）"
	}
	return strings.Join(picked, "·")
}

// Phrase naming settings.
const (
	// phraseShare: a phrase names a cluster when at least this share of
	// its documents (and two) contain it.
	phraseShare = 0.15
	// phraseTerms: the phrase's words must be among the cluster's first
	// phraseTerms top terms.
	phraseTerms = 8
	// phraseBound: a phrase starts with a one-character word only when
	// at least this share of that word's occurrences in the cluster's
	// documents come before the phrase's next word: 打 of 打不通 is bound
	// to it, 市 of 市出租车 (A市 in every message of an anonymised
	// export) stands before anything.
	phraseBound = 0.5
)

// PhraseName names a cluster by a phrase its documents contain: the run of
// 2 or 3 consecutive tokens, all among its first phraseTerms top terms,
// ending with a word of two or more characters, found in
// the most documents (at least phraseShare of them and two); a
// longer run wins when it is in at least as many documents as two thirds
// of the best shorter one's. Ties go to the run seen first. Without such a
// run it is Name(terms). Consecutive tokens are consecutive words of the
// cleaned text once stop words are out, so 外墙/瓷砖/脱落 reads 外墙瓷砖脱落.
// A run may start with a one-character word only where that word is bound
// to the next (phraseBound).
func PhraseName(docs *vectors.Docs, members []int, terms []string) string {
	top := map[int32]bool{}
	for _, t := range terms[:min(len(terms), phraseTerms)] {
		if id, ok := docs.ID(t); ok {
			top[id] = true
		}
	}
	bound := boundLone(docs, members, top)
	count := map[string]int{}
	var order []string
	seen := map[string]bool{}
	joined := map[[3]int32]string{}
	for _, m := range members {
		d := docs.IDs[m]
		clear(seen)
		for i := range d {
			for n := 2; n <= 3 && i+n <= len(d); n++ {
				if !allIn(d[i:i+n], top) || hasRepeat(d[i:i+n]) || !bound(d[i], d[i+1]) {
					break
				}
				if utf8.RuneCountInString(docs.Words[d[i+n-1]]) < 2 {
					continue // 绿地被: a phrase does not end with a lone character (打不通 may start with one: boundLone)
				}
				g := phrase(docs, d[i:i+n], joined)
				if !seen[g] {
					seen[g] = true
					if count[g] == 0 {
						order = append(order, g)
					}
					count[g]++
				}
			}
		}
	}
	best := bestPhrase(order, count, max(2, int(math.Ceil(phraseShare*float64(len(members))))))
	if best == "" || len([]rune(best)) < 3 {
		return Name(terms)
	}
	return best
}

// boundLone returns whether a phrase of the members' documents may start
// with word a followed by b: always when a has two or more characters,
// else when at least phraseBound of a's occurrences in the documents are
// followed by b. Only the one-character words of top are counted (most
// clusters have none, and then nothing is).
func boundLone(docs *vectors.Docs, members []int, top map[int32]bool) func(a, b int32) bool {
	var lone []int32
	for w := range top {
		if utf8.RuneCountInString(docs.Words[w]) < 2 {
			lone = append(lone, w)
		}
	}
	if len(lone) == 0 {
		return func(int32, int32) bool { return true }
	}
	occ, pairs := map[int32]int{}, map[[2]int32]int{}
	for _, m := range members {
		d := docs.IDs[m]
		for i, w := range d {
			if !slices.Contains(lone, w) {
				continue
			}
			occ[w]++
			if i+1 < len(d) {
				pairs[[2]int32{w, d[i+1]}]++
			}
		}
	}
	return func(a, b int32) bool {
		return !slices.Contains(lone, a) || float64(pairs[[2]int32{a, b}]) >= phraseBound*float64(occ[a])
	}
}

// phrase returns the words ids (two or three) joined, once per run of
// ids (kept in joined).
func phrase(docs *vectors.Docs, ids []int32, joined map[[3]int32]string) string {
	key := [3]int32{ids[0], ids[1], -1}
	if len(ids) == 3 {
		key[2] = ids[2]
	}
	g, ok := joined[key]
	if !ok {
		var b strings.Builder
		for _, id := range ids {
			b.WriteString(docs.Words[id])
		}
		g = b.String()
		joined[key] = g
	}
	return g
}

// bestPhrase picks PhraseName's phrase among those counted in at least
// floor documents, in order: a longer one wins when it is in at least two
// thirds as many documents, a shorter or equal one when in more and not
// part of the best.
func bestPhrase(order []string, count map[string]int, floor int) string {
	best := ""
	for _, g := range order {
		c := count[g]
		if c < floor {
			continue
		}
		switch {
		case best == "":
			best = g
		case len([]rune(g)) > len([]rune(best)) && 3*c >= 2*count[best]:
			best = g
		case len([]rune(g)) <= len([]rune(best)) && c > count[best] && !strings.Contains(best, g):
			best = g
		}
	}
	return best
}

func allIn(ws []int32, set map[int32]bool) bool {
	for _, w := range ws {
		if !set[w] {
			return false
		}
	}
	return true
}

func hasRepeat(ws []int32) bool {
	for i := range ws {
		for j := 0; j < i; j++ {
			if ws[i] == ws[j] {
				return true
			}
		}
	}
	return false
}
