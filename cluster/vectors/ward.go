package vectors

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// Settings of choosing k from the data; measurements in doc.go.
const (
	// autoMinK: the fewest clusters k from the data may give. Two is
	// excluded: the simplified silhouette of a 2-way split of text is
	// often high and says little (THUCNews: 0.334 at k=2, 0.342 at 10).
	autoMinK = 4
	// silhouetteSample: rows the silhouette of each candidate k is
	// computed on.
	silhouetteSample = 4000
	// maxShare: a cluster holding more than this share of the rows is
	// split in two (splitLarge) unless its halves are one matter.
	maxShare = 0.2
	// silTolerance: cuts whose silhouette is within this share of the best
	// count as equal, and the finest of them is taken. On generated
	// tickets the curve has a plateau from 110 to 160 clusters and a lone
	// spike at 59 of nearly the same height (NMI 0.90 at the spike, 0.96
	// on the plateau); THUCNews peaks at 10-12 either way.
	silTolerance = 0.02
)

// wardTree merges the clusters of an over-clustering by Ward's criterion
// on their mean vectors (the pair whose merge least increases the within-
// cluster sum of squares goes first) down to one, recording each step.
// For k clusters its state after len-k merges is the clustering.
type wardTree struct {
	dim   int
	sums  [][]float64 // sum of member rows of each leaf, then of merges
	sizes []float64
	steps [][2]int // merge i joins steps[i][0] into steps[i][1]
}

// newWardTree builds the merge sequence of res's clusters over x. Empty
// clusters never take part.
func newWardTree(x Dense, res KMeansResult) *wardTree {
	k := res.Centroids.Len()
	w := &wardTree{dim: x.Dim, sums: make([][]float64, k), sizes: make([]float64, k)}
	for c := range w.sums {
		w.sums[c] = make([]float64, x.Dim)
	}
	for i, l := range res.Labels {
		if l >= 0 {
			floats.Add(w.sums[l], x.Row(i))
			w.sizes[l]++
		}
	}
	// gram[a][b] = sums[a]·sums[b], kept up to date through merges so that
	// every Ward cost is O(1).
	gram := make([][]float64, k)
	for a := range gram {
		gram[a] = make([]float64, k)
		for b := 0; b <= a; b++ {
			gram[a][b] = floats.Dot(w.sums[a], w.sums[b])
			gram[b][a] = gram[a][b]
		}
	}
	size := append([]float64(nil), w.sizes...)
	cost := func(a, b int) float64 {
		na, nb := size[a], size[b]
		d2 := gram[a][a]/(na*na) + gram[b][b]/(nb*nb) - 2*gram[a][b]/(na*nb)
		return na * nb / (na + nb) * d2
	}
	for {
		ba, bb, bc := -1, -1, math.Inf(1)
		for a := 0; a < k; a++ {
			if size[a] == 0 {
				continue
			}
			for b := 0; b < a; b++ {
				if size[b] > 0 {
					if c := cost(a, b); c < bc {
						ba, bb, bc = a, b, c
					}
				}
			}
		}
		if ba < 0 {
			return w
		}
		self := gram[ba][ba] + gram[bb][bb] + 2*gram[ba][bb]
		for c := 0; c < k; c++ {
			gram[bb][c] += gram[ba][c]
			gram[c][bb] = gram[bb][c]
		}
		gram[bb][bb] = self
		size[bb] += size[ba]
		size[ba] = 0
		w.steps = append(w.steps, [2]int{ba, bb})
	}
}

// leaves returns the number of non-empty clusters the tree starts from.
func (w *wardTree) leaves() int { return len(w.steps) + 1 }

// cut returns the unit centroids of the k clusters left after merging
// leaves-k times, in leaf order (k is clamped to 1..leaves).
func (w *wardTree) cut(k int) Dense {
	k = max(1, min(k, w.leaves()))
	sums := make([][]float64, len(w.sums))
	for c := range sums {
		if w.sizes[c] > 0 {
			sums[c] = append([]float64(nil), w.sums[c]...)
		}
	}
	for _, s := range w.steps[:w.leaves()-k] {
		floats.Add(sums[s[1]], sums[s[0]])
		sums[s[0]] = nil
	}
	out := Dense{Dim: w.dim}
	for _, s := range sums {
		if s != nil {
			Normalize(s)
			out.Data = append(out.Data, s...)
		}
	}
	return out
}

// bestCut returns the largest k in [lo, hi] whose cut of the tree has a
// simplified silhouette over the rows of sx within silTolerance (relative)
// of the highest. A row at cosine distance a from its Nearest centroid and
// b from the second scores (b - a) / max(a, b). Of near-equal cuts the
// finer is taken: a review meeting discusses issues, not their families. Each row's dot with each merged cluster's sum is updated as the tree
// merges, so all candidates cost O(rows · leaves²).
func (w *wardTree) bestCut(sx Dense, lo, hi int) int {
	n := w.leaves()
	hi, lo = min(hi, n), max(1, min(lo, n))
	dots := make([][]float64, len(w.sums)) // dots[c][i] = sums[c]·row i
	norm2 := make([]float64, len(w.sums))
	for c, s := range w.sums {
		if w.sizes[c] == 0 {
			continue
		}
		norm2[c] = floats.Dot(s, s)
		dots[c] = make([]float64, sx.Len())
		for i := range dots[c] {
			dots[c][i] = floats.Dot(sx.Row(i), s)
		}
	}
	sums := make([][]float64, len(w.sums))
	for c := range sums {
		if w.sizes[c] > 0 {
			sums[c] = append([]float64(nil), w.sums[c]...)
		}
	}
	sil := map[int]float64{}
	bestS := math.Inf(-1)
	for step := 0; ; step++ {
		if k := n - step; k <= hi && k >= lo {
			sil[k] = silhouette(dots, norm2, sx.Len())
			bestS = math.Max(bestS, sil[k])
		}
		if step == len(w.steps) || n-step <= lo {
			break
		}
		a, b := w.steps[step][0], w.steps[step][1]
		norm2[b] += norm2[a] + 2*floats.Dot(sums[a], sums[b])
		floats.Add(sums[b], sums[a])
		floats.Add(dots[b], dots[a])
		sums[a], dots[a] = nil, nil
	}
	for k := hi; k >= lo; k-- {
		if s, ok := sil[k]; ok && s >= bestS-silTolerance*math.Abs(bestS) {
			return k
		}
	}
	return hi
}

// silhouette is the mean simplified silhouette of rows given their dots
// with each live cluster's sum (nil for merged-away clusters).
func silhouette(dots [][]float64, norm2 []float64, rows int) float64 {
	var live [][]float64
	var inv []float64
	for c, d := range dots {
		if d != nil && norm2[c] > 0 {
			live = append(live, d)
			inv = append(inv, 1/math.Sqrt(norm2[c]))
		}
	}
	var total float64
	for i := 0; i < rows; i++ {
		b1, b2 := math.Inf(-1), math.Inf(-1)
		for c, d := range live {
			v := d[i] * inv[c]
			if v > b1 {
				b1, b2 = v, b1
			} else if v > b2 {
				b2 = v
			}
		}
		if math.IsInf(b2, -1) {
			continue
		}
		a, b := 1-b1, 1-b2
		if m := math.Max(a, b); m > 0 {
			total += (b - a) / m
		}
	}
	return total / float64(max(rows, 1))
}
