package cluster

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
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
func TopTerms(docs [][]string, labels []int, k, n int, weight func(string) float64) [][]string {
	tf := make([]map[string]float64, k)
	order := map[string]int{}
	for c := range tf {
		tf[c] = map[string]float64{}
	}
	size := make([]float64, k)
	total := map[string]float64{}
	var all float64
	for i, d := range docs {
		l := labels[i]
		if l < 0 {
			continue
		}
		for _, t := range d {
			if _, ok := order[t]; !ok {
				order[t] = len(order)
			}
			tf[l][t]++
			total[t]++
			size[l]++
			all++
		}
	}
	avg := all / math.Max(float64(k), 1)
	out := make([][]string, k)
	for c := range tf {
		type tw struct {
			t string
			w float64
		}
		var ws []tw
		for t, f := range tf[c] {
			w := f / size[c] * math.Log(1+avg/total[t])
			if weight != nil {
				w *= weight(t)
			}
			ws = append(ws, tw{t, w})
		}
		sort.Slice(ws, func(a, b int) bool {
			if ws[a].w != ws[b].w {
				return ws[a].w > ws[b].w
			}
			return order[ws[a].t] < order[ws[b].t]
		})
		for i := 0; i < min(n, len(ws)); i++ {
			out[c] = append(out[c], ws[i].t)
		}
	}
	return out
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
)

// PhraseName names a cluster by a phrase its documents contain: the run of
// 2 or 3 consecutive tokens, all among its first phraseTerms top terms,
// ending with a word of two or more characters, found in
// the most documents (at least phraseShare of them and two); a
// longer run wins when it is in at least as many documents as two thirds
// of the best shorter one's. Ties go to the run seen first. Without such a
// run it is Name(terms). Consecutive tokens are consecutive words of the
// cleaned text once stop words are out, so 外墙/瓷砖/脱落 reads 外墙瓷砖脱落.
func PhraseName(docs [][]string, terms []string) string {
	top := map[string]bool{}
	for _, t := range terms[:min(len(terms), phraseTerms)] {
		top[t] = true
	}
	count := map[string]int{}
	var order []string
	seen := map[string]bool{}
	for _, d := range docs {
		clear(seen)
		for i := range d {
			for n := 2; n <= 3 && i+n <= len(d); n++ {
				if !allIn(d[i:i+n], top) || hasRepeat(d[i:i+n]) {
					break
				}
				if utf8.RuneCountInString(d[i+n-1]) < 2 {
					continue // 绿地被: a phrase does not end with a lone character (打不通 may start with one)
				}
				g := strings.Join(d[i:i+n], "")
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
	floor := max(2, int(math.Ceil(phraseShare*float64(len(docs)))))
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
	if best == "" || len([]rune(best)) < 3 {
		return Name(terms)
	}
	return best
}

func allIn(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if !set[w] {
			return false
		}
	}
	return true
}

func hasRepeat(ws []string) bool {
	for i := range ws {
		for j := 0; j < i; j++ {
			if ws[i] == ws[j] {
				return true
			}
		}
	}
	return false
}
