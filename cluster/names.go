package cluster

import (
	"math"
	"sort"
	"strings"
)

// Naming settings.
const (
	topTermsN = 10 // top terms kept per cluster
	nameTerms = 3  // terms in a cluster's short name
)

// TopTerms returns, per cluster, the terms of highest class-based TF-IDF
// (as BERTopic defines it): w(t, c) = tf(t, c) / |c| * ln(1 + A / f(t)),
// where tf(t, c) counts t in cluster c's documents, |c| is the number of
// tokens in c, f(t) the count of t in all clustered documents and A the
// average number of tokens per cluster. Ties go to the term seen first.
// labels of -1 (outliers) are skipped; k is the number of clusters.
func TopTerms(docs [][]string, labels []int, k, n int) [][]string {
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
			ws = append(ws, tw{t, f / size[c] * math.Log(1+avg/total[t])})
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
