package vectors

import (
	"context"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Dense is a set of row vectors of one dimension, row-major.
type Dense struct {
	Dim  int
	Data []float64
}

// Len returns the number of rows.
func (d Dense) Len() int {
	if d.Dim == 0 {
		return 0
	}
	return len(d.Data) / d.Dim
}

// Row returns row i (not a copy).
func (d Dense) Row(i int) []float64 { return d.Data[i*d.Dim : (i+1)*d.Dim] }

// KMeansResult is a spherical k-means clustering.
type KMeansResult struct {
	Labels    []int   // cluster of each row
	Centroids Dense   // unit-length centroid of each cluster
	Objective float64 // sum over rows of the cosine to their centroid
}

// Tuned k-means settings; see doc.go.
const (
	kmeansMaxIter = 40
	kmeansTol     = 1e-3 // stop when fewer than this share of rows change cluster
	// restartSample: the restarts run on a sample of restartRows rows a
	// cluster, between restartMin and restartSample rows, before the best
	// is refined on all. On THUCNews at k=10, 2,000 rows instead of 5,000
	// gave NMI 0.621/0.619/0.620 instead of 0.621/0.619/0.621 (seeds 1-3;
	// gov495 and cnews1k have fewer rows) and took the clustering of a
	// fresh eval from 0.133-0.155 to 0.097-0.113 s (three each in turn);
	// from 25 clusters up the sample is 5,000 rows as before. It applies
	// to splitLarge's 2-means too (with k from the data, a cluster of more
	// than 2,000 rows is split from 2,000 of them, then refined on all):
	// the NMI tables of autoOverRows and package cluster's doc were
	// measured with it.
	restartSample = 5000
	restartMin    = 2000
	restartRows   = 200
)

// SphericalKMeans clusters unit-length rows x into k clusters by cosine
// similarity, with k-means++ seeding, restarts times, keeping the run of
// highest objective. Ties in assignment go to the lower cluster index, so
// the result is deterministic for a seed. It panics if k < 1.
func SphericalKMeans(ctx context.Context, x Dense, k, restarts int, seed uint64) (KMeansResult, error) {
	return sphericalKMeans(ctx, x, k, restarts, seed, kmeansTol)
}

// sphericalKMeans is SphericalKMeans whose Lloyd iterations stop when
// fewer than tol of the rows change cluster.
func sphericalKMeans(ctx context.Context, x Dense, k, restarts int, seed uint64, tol float64) (KMeansResult, error) {
	if k < 1 {
		panic("cluster: k must be at least 1")
	}
	k = min(k, x.Len())
	// Restarts run on a sample of the rows; the best start is then refined
	// on all of them. On THUCNews this gives the NMI of full restarts at a
	// fifth of the cost (doc.go).
	sx := x
	if rows := min(restartSample, max(restartMin, restartRows*k)); x.Len() > rows && restarts > 1 {
		sx = sampleRows(x, rows, seed)
	}
	best := KMeansResult{Objective: math.Inf(-1)}
	stop := stopAt{kmeansMaxIter, tol}
	for r := 0; r < max(restarts, 1); r++ {
		rng := rand.New(rand.NewPCG(seed, uint64(r)))
		res, err := kmeansFrom(ctx, sx, seedPlusPlus(sx, k, rng), rng, stop)
		if err != nil {
			return best, err
		}
		if res.Objective > best.Objective {
			best = res
		}
	}
	if sx.Len() == x.Len() {
		return best, nil
	}
	rng := rand.New(rand.NewPCG(seed, uint64(restarts)))
	return kmeansFrom(ctx, x, best.Centroids, rng, stop)
}

// stopAt is when Lloyd iterations stop: after iters rounds, or after a
// round in which fewer than tol of the rows changed cluster.
type stopAt struct {
	iters int
	tol   float64
}

// kmeansFrom runs Lloyd iterations from the given centroids (which it
// updates in place) until stop, with Elkan's bounds (bounded) when rows x
// centroids is at most boundedCells.
func kmeansFrom(ctx context.Context, x Dense, cent Dense, rng *rand.Rand, stop stopAt) (KMeansResult, error) {
	labels := make([]int, x.Len())
	for i := range labels {
		labels[i] = -1
	}
	assignTo := func(l []int) (float64, int) { return assign(x, cent, l) }
	move := func(l []int) { recompute(x, l, cent, rng) }
	if x.Len()*cent.Len() <= boundedCells {
		b := newBounded(x, cent)
		assignTo, move = b.assign, func(l []int) { b.recompute(l, rng) }
	}
	for it := 0; it < stop.iters; it++ {
		if err := ctx.Err(); err != nil {
			return KMeansResult{}, err
		}
		_, changed := assignTo(labels)
		move(labels)
		if float64(changed) < stop.tol*float64(x.Len()) {
			break
		}
	}
	obj, _ := assignTo(labels)
	return KMeansResult{Labels: labels, Centroids: cent, Objective: obj}, nil
}

// boundedCells: k-means keeps Elkan's bounds (bounded, a float64 a row and
// centroid) when rows x centroids is at most this, 32 MB of bounds; above
// it, every row is compared with every centroid at each iteration. On the
// 20,000 titles with k from the data (an over-clustering of 200 clusters,
// then on 5,000 rows), bounds for every k-means, not only below fewCentroids,
// took the clustering stage from 0.38-0.40 to 0.20-0.22 s (leian eval,
// three runs each in turn), the same clusters.
const boundedCells = 1 << 22

// boundChunk: bounded keeps its bounds in slices of at most this many
// bytes (or of one row's, when a row's alone is more), not in one of rows
// x centroids. A fresh process's heap, after the words are learned, has
// its free pages in pieces smaller than the over-clustering's bounds (8 MB
// on the 20,000 titles at 25 rows a cluster, 5,000 rows x 200 centroids;
// 4.8 MB at today's 15), which as one slice took new pages: about 2,000
// page faults, some 30 ms on the 2-core VM (package cluster's doc).
const boundChunk = 64 << 10

// boundSlack absorbs rounding in the bounds of bounded: a row is skipped
// only when its centroid wins by more than this.
const boundSlack = 1e-9

// bounded assigns rows to centroids (rows x centroids at most
// boundedCells) with
// Elkan's bounds carried over to cosines: a centroid that moved by δ
// (Euclidean) changes a row's cosine to it by at most δ times the row's
// length. Each row keeps an upper bound on its cosine to every centroid;
// after the centroids move, the row's cosine to its own centroid is
// recomputed (one dot product) and only the centroids whose bound could
// still reach it are computed again. Labels and objective are those of
// assign, exactly.
type bounded struct {
	x, cent Dense
	own     []float64   // per row: cosine to its centroid
	up      [][]float64 // per row and centroid: bound on the cosine, exact when last computed; chunk rows a slice
	chunk   int         // rows a slice of up
	norm    []float64   // per row: its length
	next    []int32     // per row: the centroid found by the last assign
	moved   []float64   // per centroid, since the last assign; nil before the first recompute
	prev    []float64   // centroids before the last recompute
}

func newBounded(x, cent Dense) *bounded {
	n := x.Len()
	k := cent.Len()
	b := &bounded{x: x, cent: cent, own: make([]float64, n), norm: make([]float64, n), next: make([]int32, n)}
	b.chunk = max(1, boundChunk/(8*max(k, 1)))
	for lo := 0; lo < n; lo += b.chunk {
		b.up = append(b.up, make([]float64, min(b.chunk, n-lo)*k))
	}
	for i := range b.norm {
		b.norm[i] = floats.Norm(x.Row(i), 2)
	}
	return b
}

// assign is assign(b.x, b.cent, labels) with the bounds.
func (b *bounded) assign(labels []int) (float64, int) {
	k := b.cent.Len()
	parallelRows(b.x.Len(), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			j := i % b.chunk
			b.next[i], b.own[i] = b.nearest(i, labels[i], b.up[i/b.chunk][j*k:(j+1)*k])
		}
	})
	var obj float64
	changed := 0
	for i, c := range b.next {
		if labels[i] != int(c) {
			labels[i] = int(c)
			changed++
		}
		obj += b.own[i]
	}
	return obj, changed
}

// nearest returns row i's most similar centroid (lowest index on ties)
// and its cosine, given its centroid a so far (-1: none) and its bounds
// up, which it moves and tightens.
func (b *bounded) nearest(i, a int, up []float64) (int32, float64) {
	v := b.x.Row(i)
	if b.moved == nil || a < 0 {
		best, bs := int32(0), math.Inf(-1)
		for c := range up {
			up[c] = floats.Dot(v, b.cent.Row(c))
			if up[c] > bs {
				best, bs = int32(c), up[c]
			}
		}
		return best, bs
	}
	for c, d := range b.moved {
		up[c] += b.norm[i] * d
	}
	best, bs := a, floats.Dot(v, b.cent.Row(a))
	up[a] = bs
	for c := range up {
		if c == a || up[c] < bs-boundSlack {
			continue // its cosine is below the best so far: it cannot win or tie
		}
		up[c] = floats.Dot(v, b.cent.Row(c))
		if up[c] > bs || (up[c] == bs && c < best) {
			best, bs = c, up[c]
		}
	}
	return int32(best), bs
}

// recompute is recompute(b.x, labels, b.cent, rng), recording how far
// each centroid moved.
func (b *bounded) recompute(labels []int, rng *rand.Rand) {
	b.prev = append(b.prev[:0], b.cent.Data...)
	recompute(b.x, labels, b.cent, rng)
	if b.moved == nil {
		b.moved = make([]float64, b.cent.Len())
	}
	d := b.cent.Dim
	for c := range b.moved {
		b.moved[c] = floats.Distance(b.prev[c*d:(c+1)*d], b.cent.Row(c), 2)
	}
}

// seedPlusPlus picks k initial centroids by k-means++ on cosine distance.
func seedPlusPlus(x Dense, k int, rng *rand.Rand) Dense {
	return seedMore(x, Dense{Dim: x.Dim}, k, rng)
}

// seedMore continues k-means++ from the centroids cent until there are k:
// each new centroid is a row drawn with probability in proportion to its
// cosine distance to the Nearest centroid so far (the first, if cent is
// empty, uniformly).
func seedMore(x Dense, cent Dense, k int, rng *rand.Rand) Dense {
	n := x.Len()
	k = min(k, cent.Len()+n)
	cent = Dense{Dim: x.Dim, Data: append(make([]float64, 0, k*x.Dim), cent.Data...)}
	dist := make([]float64, n)
	if cent.Len() == 0 {
		cent.Data = append(cent.Data, x.Row(rng.IntN(n))...)
		for i := range dist {
			dist[i] = math.Inf(1)
		}
	} else {
		labels := make([]int, n)
		sims := assignSims(x, cent, labels)
		for i, s := range sims {
			dist[i] = 1 - s
		}
	}
	for c := cent.Len(); c < k; c++ {
		last := cent.Row(c - 1)
		var total float64
		for i := 0; i < n; i++ {
			d := 1 - floats.Dot(x.Row(i), last)
			if d < dist[i] {
				dist[i] = d
			}
			total += math.Max(dist[i], 0)
		}
		u := rng.Float64() * total
		pick := n - 1
		for i := 0; i < n; i++ {
			u -= math.Max(dist[i], 0)
			if u <= 0 {
				pick = i
				break
			}
		}
		cent.Data = append(cent.Data, x.Row(pick)...)
	}
	return cent
}

// assignSims is assign that returns each row's similarity to its centroid.
func assignSims(x Dense, cent Dense, labels []int) []float64 {
	sims := make([]float64, x.Len())
	assignEach(x, cent, func(i, best int, s float64) {
		labels[i], sims[i] = best, s
	})
	return sims
}

// assign sets each row's label to its most similar centroid and returns the
// objective and how many labels changed.
func assign(x Dense, cent Dense, labels []int) (float64, int) {
	var obj float64
	changed := 0
	assignEach(x, cent, func(i, best int, s float64) {
		if labels[i] != best {
			labels[i] = best
			changed++
		}
		obj += s
	})
	return obj, changed
}

// fewCentroids: with fewer centroids than this, assignEach computes each
// row's similarities as dot products on GOMAXPROCS goroutines; with more,
// as blocks of one matrix product (gonum's Dgemm), once measured several
// times faster than row-by-row dot products. For few centroids the product's blocking and
// goroutines cost more than they save: at k=10 the dot products took
// BenchmarkTHUCNews from 0.70-0.78 to 0.63-0.72 s an operation (two
// alternated runs each, before the bounds).
const fewCentroids = 32

// assignEach calls f with each row's most similar centroid (lowest index on
// ties) and the similarity, in row order.
func assignEach(x Dense, cent Dense, f func(i, best int, sim float64)) {
	const block = 2048
	n, k := x.Len(), cent.Len()
	if k < fewCentroids {
		best, sims := make([]int32, n), make([]float64, n)
		parallelRows(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				b, s := Nearest(x.Row(i), cent)
				best[i], sims[i] = int32(b), s
			}
		})
		for i, b := range best {
			f(i, int(b), sims[i])
		}
		return
	}
	cm := mat.NewDense(k, cent.Dim, cent.Data)
	var sims mat.Dense
	for start := 0; start < n; start += block {
		end := min(start+block, n)
		xb := mat.NewDense(end-start, x.Dim, x.Data[start*x.Dim:end*x.Dim])
		sims.Reset()
		sims.Mul(xb, cm.T())
		raw := sims.RawMatrix()
		for i := 0; i < end-start; i++ {
			row := raw.Data[i*raw.Stride : i*raw.Stride+k]
			best, bs := 0, row[0]
			for c, v := range row[1:] {
				if v > bs {
					best, bs = c+1, v
				}
			}
			f(start+i, best, bs)
		}
	}
}

// Nearest returns the index of the centroid most similar to v (lowest index
// on ties) and the similarity.
func Nearest(v []float64, cent Dense) (int, float64) {
	best, bs := 0, math.Inf(-1)
	for c := 0; c < cent.Len(); c++ {
		if s := floats.Dot(v, cent.Row(c)); s > bs {
			best, bs = c, s
		}
	}
	return best, bs
}

// recompute sets each centroid to the normalised mean of its rows; an empty
// cluster takes a random row.
func recompute(x Dense, labels []int, cent Dense, rng *rand.Rand) {
	for i := range cent.Data {
		cent.Data[i] = 0
	}
	counts := make([]int, cent.Len())
	for i, l := range labels {
		floats.Add(cent.Row(l), x.Row(i))
		counts[l]++
	}
	for c := 0; c < cent.Len(); c++ {
		if counts[c] == 0 {
			copy(cent.Row(c), x.Row(rng.IntN(x.Len())))
			continue
		}
		Normalize(cent.Row(c))
	}
}

// Normalize scales v to unit length (a zero v stays zero). The length is
// the square root of v·v: gonum's floats.Norm guards against overflow
// with a division an element, and its kernel alone took 2.5-3.4% of the
// CPU of the 20,000 titles' eval (pprof); the vectors here are sums of
// unit vectors, far from overflowing.
func Normalize(v []float64) {
	if n := math.Sqrt(floats.Dot(v, v)); n > 0 {
		floats.Scale(1/n, v)
	}
}
