package vectors

import (
	"context"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Concentration weighting of long documents' terms; measurements in
// package cluster's doc.
const (
	// concClusters: the middle of the three first clusterings a term's
	// concentration is measured on has min(concClusters, √n) clusters, the
	// others half and twice as many: the measure should not hang on one
	// granularity or one k-means run.
	concClusters = 32
	// concPrior: pseudo-documents, spread over the clusters as their sizes,
	// added to each term's distribution, so a term seen in a document or
	// two is not taken for a concentrated one.
	concPrior = 2.0
	// concPower: a term's weight is its concentration to this power.
	concPower = 1.5
)

// concentrate scales each term's vector by how concentrated the term is
// in a first clustering of docs: (1-beta) + beta*c^concPower, where c = 1
// - H(cluster | term) / H(cluster) over the documents holding the term
// (smoothed by concPrior), averaged over three spherical k-means
// clusterings (see concClusters) fitted on a sample of the documents and
// then labelling all of them. Words a long letter shares with letters on
// any matter (salutations, 反映, 希望, 相关部门) spread evenly and lose
// their weight; words of one matter keep it. Document weights stay
// (1 + ln tf) * idf times the term's vector, so new documents are embedded
// as before.
func concentrate(vecs []float32, d int, docs [][]int32, idf []float64, beta float64, seed uint64) {
	n, nt := len(docs), len(vecs)/d
	k := min(concClusters, int(math.Sqrt(float64(n))))
	if k < 4 || beta <= 0 {
		return
	}
	ks := []int{k / 2, k, 2 * k}
	idx := sampleIndex(n, overRows*ks[len(ks)-1], seed)
	sx := Dense{Dim: d, Data: make([]float64, len(idx)*d)}
	for j, i := range idx {
		docVector(vecs, d, docs[i], idf, sx.Row(j))
		Normalize(sx.Row(j))
	}
	cents := make([]Dense, len(ks))
	for r, kr := range ks {
		// Not cancellable: a few k-means runs of at most overRows*2k rows.
		// Their only error is a cancelled context, so none occurs; the
		// vectors are then left unweighted.
		res, err := SphericalKMeans(context.Background(), sx, kr, 1, seed+uint64(r)*0x9e37)
		if err != nil {
			return
		}
		cents[r] = res.Centroids
	}
	// Every document's cluster in each clustering (-1: no known word).
	labels := make([][]int32, len(ks))
	for r := range labels {
		labels[r] = make([]int32, n)
	}
	all := len(idx) == n // the sample is every document, in order
	parallelRows(n, func(lo, hi int) {
		v := make([]float64, d)
		for i := lo; i < hi; i++ {
			if all {
				copy(v, sx.Row(i))
			} else {
				docVector(vecs, d, docs[i], idf, v)
			}
			zero := floats.Norm(v, 2) == 0
			for r := range cents {
				labels[r][i] = -1
				if !zero {
					c, _ := Nearest(v, cents[r])
					labels[r][i] = int32(c)
				}
			}
		}
	})
	weight := make([]float64, nt)
	for r := range ks {
		c := concentration(docs, labels[r], cents[r].Len(), nt)
		floats.AddScaled(weight, 1/float64(len(ks)), c)
	}
	for t := 0; t < nt; t++ {
		scaleRow(vecs[t*d:(t+1)*d], (1-beta)+beta*math.Pow(weight[t], concPower))
	}
}

// concentration returns each of nt terms' concentration over k clusters,
// given each document's cluster (labels; -1 skipped): 1 - H(q)/H(p), where
// p is the clusters' share of the documents and q the term's documents
// over the clusters with concPrior pseudo-documents spread as p (0 for a
// term in no labelled document, and when H(p) is 0).
func concentration(docs [][]int32, labels []int32, k, nt int) []float64 {
	out := make([]float64, nt)
	cnt := make([]int32, nt*k)
	df := make([]float64, nt)
	size := make([]float64, k)
	for i, doc := range docs {
		l := int(labels[i])
		if l < 0 {
			continue
		}
		size[l]++
		u, _ := termCounts(doc)
		for _, t := range u {
			cnt[int(t)*k+l]++
			df[t]++
		}
	}
	tot := floats.Sum(size)
	if tot == 0 {
		return out
	}
	p := make([]float64, k)
	var hp float64
	for c := range p {
		p[c] = size[c] / tot
		if p[c] > 0 {
			hp -= p[c] * math.Log(p[c])
		}
	}
	if hp <= 0 {
		return out
	}
	for t := 0; t < nt; t++ {
		var h float64
		for c := 0; c < k; c++ {
			if q := (float64(cnt[t*k+c]) + concPrior*p[c]) / (df[t] + concPrior); q > 0 {
				h -= q * math.Log(q)
			}
		}
		out[t] = math.Max(0, 1-h/hp)
	}
	return out
}
