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
	// computed on. 2,000 instead of 4,000 chose the same k, with the same
	// NMI, on every shared set with k from the data (seeds 1-3) and on
	// generated 60k, and took the titles' bestCut from about 0.045 to
	// 0.025 s at 25 rows a cluster (package cluster's doc has it with the
	// session's other changes, and the warm windows).
	silhouetteSample = 2000
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
	w.steps = wardMerges(gram, append([]float64(nil), w.sizes...))
	return w
}

// wardMerges returns the merges of Ward's criterion over clusters of the
// given sizes (0: absent) and gram matrix of their sums, both of which it
// updates: each step joins the pair (a, b), b < a, of least cost, the
// first in order of a then b on ties. Each cluster keeps its cheapest partner
// below it (near), so a step rescans only the clusters whose partner was
// merged, not every pair: the same merges as the scan of all pairs
// (TestWardMergesAsEveryPairScanned), in 0.65 ms instead of 7.9 for 200
// clusters, the size of the titles' over-clustering (BenchmarkWardMerges).
func wardMerges(gram [][]float64, size []float64) [][2]int {
	k := len(size)
	cost := func(a, b int) float64 { return wardCost(gram, size, a, b) }
	near, nearCost := make([]int, k), make([]float64, k)
	rescan := func(a int) {
		near[a], nearCost[a] = -1, math.Inf(1)
		for b := 0; b < a; b++ {
			if size[b] > 0 {
				if c := cost(a, b); c < nearCost[a] {
					near[a], nearCost[a] = b, c
				}
			}
		}
	}
	for a := range k {
		rescan(a)
	}
	var steps [][2]int
	for {
		ba := -1
		for a := range k {
			if size[a] > 0 && near[a] >= 0 && (ba < 0 || nearCost[a] < nearCost[ba]) {
				ba = a
			}
		}
		if ba < 0 {
			return steps
		}
		bb := near[ba]
		wardJoin(gram, size, ba, bb)
		steps = append(steps, [2]int{ba, bb})
		for a := bb; a < k; a++ {
			switch {
			case size[a] == 0:
			case a == bb || near[a] == ba || near[a] == bb:
				rescan(a)
			default:
				if c := cost(a, bb); c < nearCost[a] || (c == nearCost[a] && bb < near[a]) {
					near[a], nearCost[a] = bb, c
				}
			}
		}
	}
}

// wardCost is the increase in the within-cluster sum of squares from
// joining clusters a and b of the given sizes, from the gram matrix of
// their sums.
func wardCost(gram [][]float64, size []float64, a, b int) float64 {
	na, nb := size[a], size[b]
	d2 := gram[a][a]/(na*na) + gram[b][b]/(nb*nb) - 2*gram[a][b]/(na*nb)
	return na * nb / (na + nb) * d2
}

// wardJoin joins cluster a into b in the gram matrix of the sums and in
// the sizes (a's size becomes 0).
func wardJoin(gram [][]float64, size []float64, a, b int) {
	self := gram[a][a] + gram[b][b] + 2*gram[a][b]
	for c := range gram {
		gram[b][c] += gram[a][c]
		gram[c][b] = gram[b][c]
	}
	gram[b][b] = self
	size[b] += size[a]
	size[a] = 0
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
// finer is taken: a review meeting discusses issues, not their families.
// Each row's dot with each merged cluster's sum is updated as the tree
// merges, and each row's two nearest clusters are kept (tops), so a merge
// rescans only the rows whose two nearest it touched.
func (w *wardTree) bestCut(sx Dense, lo, hi int) int {
	n := w.leaves()
	hi, lo = min(hi, n), max(1, min(lo, n))
	t := newTops(w, sx)
	sil := map[int]float64{}
	bestS := math.Inf(-1)
	for step := 0; ; step++ {
		if k := n - step; k <= hi && k >= lo {
			sil[k] = t.silhouette()
			bestS = math.Max(bestS, sil[k])
		}
		if step == len(w.steps) || n-step <= lo {
			break
		}
		t.merge(w.steps[step][0], w.steps[step][1])
	}
	for k := hi; k >= lo; k-- {
		if s, ok := sil[k]; ok && s >= bestS-silTolerance*math.Abs(bestS) {
			return k
		}
	}
	return hi
}

// tops holds, for the rows of a silhouette sample, their dot with each
// live cluster's sum (nil for merged-away clusters) and their two most
// similar live clusters: c1/v1 the nearest, c2/v2 the second (-1 when
// there is none). Its dots and each merge's rescans split the rows across
// the CPUs; each row's work is its own, so the result is the same on any
// number of them. The dots stay a column per cluster: rows with their own
// slices made a merge's sum strided and took bestCut from 0.052 to 0.061 s
// (fresh evals of the titles, k from the data).
type tops struct {
	sums   [][]float64 // each live cluster's sum of member rows (a copy of the tree's)
	dots   [][]float64 // dots[c][i] = sum of cluster c · row i
	norm2  []float64   // |sum of cluster c|²
	inv    []float64   // 1/|sum| of live clusters with a non-zero sum, else 0
	c1, c2 []int
	v1, v2 []float64
}

// newTops computes the dots of every row of sx with every cluster sum of
// w and each row's two nearest.
func newTops(w *wardTree, sx Dense) *tops {
	k, rows := len(w.sums), sx.Len()
	t := &tops{sums: make([][]float64, k), dots: make([][]float64, k), norm2: make([]float64, k), inv: make([]float64, k),
		c1: make([]int, rows), c2: make([]int, rows), v1: make([]float64, rows), v2: make([]float64, rows)}
	for c, s := range w.sums {
		if w.sizes[c] == 0 {
			continue
		}
		t.sums[c] = append([]float64(nil), s...)
		t.norm2[c] = floats.Dot(s, s)
		t.setInv(c)
		t.dots[c] = make([]float64, rows)
	}
	parallelRows(rows, func(lo, hi int) {
		for c, d := range t.dots {
			for i := lo; i < hi && d != nil; i++ {
				d[i] = floats.Dot(sx.Row(i), t.sums[c])
			}
		}
		for i := lo; i < hi; i++ {
			t.rescan(i)
		}
	})
	return t
}

// setInv sets cluster c's 1/|sum| from its squared norm.
func (t *tops) setInv(c int) {
	t.inv[c] = 0
	if t.norm2[c] > 0 {
		t.inv[c] = 1 / math.Sqrt(t.norm2[c])
	}
}

// rescan finds row i's two nearest live clusters from scratch.
func (t *tops) rescan(i int) {
	t.c1[i], t.c2[i] = -1, -1
	t.v1[i], t.v2[i] = math.Inf(-1), math.Inf(-1)
	for c, d := range t.dots {
		if d != nil && t.inv[c] > 0 {
			t.offer(i, c, d[i]*t.inv[c])
		}
	}
}

// offer puts cluster c at cosine v among row i's two nearest if it is one.
func (t *tops) offer(i, c int, v float64) {
	if v > t.v1[i] {
		t.c2[i], t.v2[i] = t.c1[i], t.v1[i]
		t.c1[i], t.v1[i] = c, v
	} else if v > t.v2[i] {
		t.c2[i], t.v2[i] = c, v
	}
}

// merge joins cluster a into b. Rows with a or b among their two nearest
// are rescanned; the others only compare the merged cluster with their
// second nearest.
func (t *tops) merge(a, b int) {
	t.norm2[b] += t.norm2[a] + 2*floats.Dot(t.sums[a], t.sums[b])
	floats.Add(t.sums[b], t.sums[a])
	da := t.dots[a]
	t.sums[a], t.dots[a], t.norm2[a], t.inv[a] = nil, nil, 0, 0
	t.setInv(b)
	db := t.dots[b]
	parallelRows(len(t.c1), func(lo, hi int) {
		floats.Add(db[lo:hi], da[lo:hi])
		for i := lo; i < hi; i++ {
			if t.c1[i] == a || t.c1[i] == b || t.c2[i] == a || t.c2[i] == b {
				t.rescan(i)
			} else if t.inv[b] > 0 {
				t.offer(i, b, db[i]*t.inv[b])
			}
		}
	})
}

// silhouette is the mean simplified silhouette of the rows over the live
// clusters; a row with fewer than two live clusters scores 0.
func (t *tops) silhouette() float64 {
	var total float64
	for i := range t.c1 {
		if t.c2[i] < 0 {
			continue
		}
		a, b := 1-t.v1[i], 1-t.v2[i]
		if m := math.Max(a, b); m > 0 {
			total += (b - a) / m
		}
	}
	return total / float64(max(len(t.c1), 1))
}
