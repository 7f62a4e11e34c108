package vectors

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Tuned automatic-k settings; see doc.go for the measurements.
const (
	// mergeSimilarity: centroids at least this similar (cosine) are
	// merged, at the end of a run from scratch and of a warm start alike
	// (mergeCentroids). Chosen on generated tickets (issue types are the
	// review-meeting granularity) and checked on THUCNews.
	mergeSimilarity = 0.80
	// minClusterShare and minClusterSize: a cluster smaller than
	// max(minClusterSize, minClusterShare*n) is dissolved into outliers (-1).
	minClusterSize  = 5
	minClusterShare = 0.0002
)

// AssignFloor: a ticket fits a cluster when its cosine to the centroid is
// at least this; nightly assignment leaves the others pending, and a warm
// start seeds new centroids only among them.
const AssignFloor = 0.45

// overRestarts: k-means restarts of the over-clustering (overSample) that Ward's
// criterion then merges. Its fine partition is merged away, so the best
// of several starts buys nothing: one restart instead of five gave the
// same quality within seed noise on the shared sets and generated tickets
// and a third less clustering time (package cluster's doc). A k given
// by the user still gets Config.Restarts (fixedK).
const overRestarts = 1

// overK is the number of clusters k-means starts from before merging:
// about one per 100 documents, between 20 and 320.
func overK(n int) int { return max(20, min(320, n/100)) }

// autoCluster chooses k from the data: it over-clusters x with spherical
// k-means (overK clusters, overSample), merges the clusters by Ward's criterion, takes
// the number of clusters whose simplified silhouette is highest (bestCut,
// at least autoMinK), refines those centroids with k-means, splits any
// cluster left with more than maxShare of the rows (splitLarge), and
// merges the centroids a warm start would merge (mergeCentroids), so that
// the first warm re-run of the same window finds nothing to merge and
// keeps every id. The silhouette compares each row's Nearest centroid
// with its second Nearest, so the choice is relative to how tight the
// data's own groups are, not to an absolute cosine.
func autoCluster(ctx context.Context, x Dense, seed uint64) (Dense, error) {
	if x.Len() == 0 {
		return Dense{Dim: x.Dim}, nil
	}
	k := overK(x.Len())
	ox, res, err := overSample(ctx, x, k, autoOverRows*k, seed)
	if err != nil {
		return Dense{}, err
	}
	// The over-clustering's bounds (bounded) are garbage now: collected,
	// their pages serve Ward's tree, the silhouette and the refinement.
	// With boundChunk it took an eval of the 20,000 titles from about
	// 12,000 page faults to 10,200-10,800 (five fresh evals each in turn,
	// at 25 rows a cluster; 0.43 -> 0.42 s); the collection costs about
	// 2 ms there, and 85 ms in a run of a million tickets (of 45-55 s).
	runtime.GC()
	tree := newWardTree(ox, res)
	sx := sampleRows(x, silhouetteSample, seed)
	cent := tree.cut(tree.bestCut(sx, autoMinK, tree.leaves()))
	rng := rand.New(rand.NewPCG(seed, 0x3b))
	ref, err := kmeansFrom(ctx, x, cent, rng, stopAt{refineIter, kmeansTol})
	if err != nil {
		return Dense{}, err
	}
	cent, err = splitLarge(ctx, x, ref, seed)
	if err != nil {
		return Dense{}, err
	}
	return mergeCentroids(x, KMeansResult{Labels: ref.Labels, Centroids: cent}), nil
}

// fixedK clusters x into cfg.K clusters: spherical k-means from k-means++
// seeds (cfg.Restarts), and the Ward tree of an over-clustering into
// fixedOver(K) clusters cut at K and refined; the one of higher objective
// (summed cosine to the centroids) is kept. Over seeds 1-3 (doc.go) this
// gave cnews1k at k=10 a mean NMI of 0.913 instead of 0.896, gov495 at k=7
// 0.384 instead of 0.387, THUCNews the same; it costs one more
// over-clustering.
//
// The two run at once: each has its own seeds and only reads x, so the
// result is the same, and each one's serial steps (k-means++, the Ward
// tree, the centroid updates) leave a CPU to the other (package cluster's
// doc has the seconds).
func fixedK(ctx context.Context, x Dense, cfg Config) (Dense, error) {
	var ref KMeansResult
	var refErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		ref, refErr = wardRefined(ctx, x, cfg)
	}()
	res, err := SphericalKMeans(ctx, x, cfg.K, cfg.Restarts, cfg.Seed)
	<-done
	switch {
	case err != nil:
		return Dense{}, err
	case refErr != nil:
		return Dense{}, refErr
	case ref.Objective > res.Objective:
		return ref.Centroids, nil
	}
	return res.Centroids, nil
}

// wardRefined is fixedK's second clustering: the over-clustering into
// fixedOver(K) clusters, its Ward tree cut at K, refined by k-means.
func wardRefined(ctx context.Context, x Dense, cfg Config) (KMeansResult, error) {
	over, err := overCluster(ctx, x, fixedOver(cfg.K), cfg.Seed)
	if err != nil {
		return KMeansResult{}, err
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x3b))
	return kmeansFrom(ctx, x, newWardTree(x, over).cut(cfg.K), rng, stopAt{refineIter, kmeansTol})
}

// fixedOver is the size of the over-clustering behind a k given: three
// clusters for each of the k, at least 20. With k unknown the
// over-clustering must hold the data's groups however many they are
// (overK: one per 100 documents); with k given, Ward's merges only need a
// few pieces of each. Against max(overK, 3k) it gave the same NMI on every
// shared set, seeds 1-3 (gov495 and cnews1k over-cluster into 3k either
// way; THUCNews keeps its k-means result), and took THUCNews's
// over-clustering from 200 clusters to 30 (package cluster's doc).
func fixedOver(k int) int { return max(20, 3*k) }

// overRows: the over-clustering into k clusters runs on at most
// overRows*k rows. Its fine partition is merged away by Ward's criterion,
// so it needs enough rows to place k centroids, not every row: on the
// shared sets the NMI was the same or higher (cnews1k k from the data
// 0.860 -> 0.901), on generated tickets 0.005 lower, and the clustering of
// 20,000 titles took a third of the time (package cluster's doc).
//
// autoOverRows is overRows with k from the data, whose over-clustering
// has overK clusters. 15 rows a cluster instead of 25, NMI seeds 1/2/3:
// THUCNews 0.621/0.617/0.620 -> 0.624/0.613/0.618, cnews1k
// 0.915/0.905/0.888 -> 0.896/0.904/0.905, gov495 0.464/0.405/0.450 ->
// 0.444/0.446/0.424 (all within the goals, means within 0.002),
// generated 60k 0.9189 -> 0.9181 (183 clusters, no false surge flag);
// the titles' eval 0.030 s faster. With k given the over-clustering
// keeps 25: at 15, gov495 k=7 seed 1 fell from 0.436 to 0.389.
const (
	overRows     = 25
	autoOverRows = 15
)

// overTol: the over-clustering's k-means stops after a round in which
// fewer than 1% of its rows changed cluster (kmeansTol, 0.1%, elsewhere):
// Ward merges its clusters anyway. Against 0.1%, NMI seeds 1/2/3:
// THUCNews with k from the data 0.620/0.636/0.620 -> 0.621/0.617/0.620
// (seed 2 had held a cluster of 25% of the titles), cnews1k k from the
// data 0.915/0.905/0.881 -> 0.915/0.905/0.888 and k=10 0.921/0.917/0.911
// -> 0.921/0.917/0.910, gov495 and THUCNews k=10 the same; generated 60k
// 0.9186 -> 0.9189 (183 clusters), sliding windows the same; the titles'
// clustering with k from the data 0.199-0.227 -> 0.173-0.182 s (fresh
// evals, four each in turn).
const overTol = 0.01

// overSample is the over-clustering behind Ward's merges: spherical
// k-means into k clusters on at most rows rows of x. It returns the
// rows it clustered and their clustering. With k from the data, Ward's
// tree is built from these rows alone (autoCluster): labelling every row
// against overK centroids first (overCluster) gave the same NMI within
// seed noise (package cluster's doc) and cost the 20,000 titles 20-30 ms.
func overSample(ctx context.Context, x Dense, k, rows int, seed uint64) (Dense, KMeansResult, error) {
	sx := x
	if x.Len() > rows {
		sx = sampleRows(x, rows, seed)
	}
	res, err := sphericalKMeans(ctx, sx, k, overRestarts, seed, overTol)
	return sx, res, err
}

// overCluster is overSample on overRows*k rows with every row of x
// labelled by its nearest centroid (fixedK's Ward tree).
func overCluster(ctx context.Context, x Dense, k int, seed uint64) (KMeansResult, error) {
	sx, res, err := overSample(ctx, x, k, overRows*k, seed)
	if err != nil || sx.Len() == x.Len() {
		return res, err
	}
	labels := make([]int, x.Len())
	obj, _ := assign(x, res.Centroids, labels)
	return KMeansResult{Labels: labels, Centroids: res.Centroids, Objective: obj}, nil
}

// refineIter: k-means iterations run from the centroids of the chosen cut
// (doc.go: +0.006 NMI on THUCNews, no change elsewhere).
const refineIter = 10

// sampleRows returns up to n rows of x chosen at random for a seed.
func sampleRows(x Dense, n int, seed uint64) Dense {
	idx := sampleIndex(x.Len(), n, seed)
	out := Dense{Dim: x.Dim, Data: make([]float64, 0, len(idx)*x.Dim)}
	for _, i := range idx {
		out.Data = append(out.Data, x.Row(i)...)
	}
	return out
}

// oneMatter: the two halves of a 2-means split of an oversized cluster
// whose centroids are at least this alike (cosine) are one matter, and the
// cluster is kept whole (identical texts give 1).
const oneMatter = 0.95

// splitLarge splits, largest first, each cluster of res holding more than
// maxShare of x's rows into two by spherical 2-means over its rows, unless
// the halves are one matter (oneMatter); it returns the final centroids.
// res.Labels is updated in place.
func splitLarge(ctx context.Context, x Dense, res KMeansResult, seed uint64) (Dense, error) {
	cent, labels := res.Centroids, res.Labels
	kept := map[int]bool{}
	for round := 0; round < 64; round++ {
		big := largestOver(labels, cent.Len(), kept)
		if big < 0 {
			break
		}
		sub := Dense{Dim: x.Dim}
		for i, l := range labels {
			if l == big {
				sub.Data = append(sub.Data, x.Row(i)...)
			}
		}
		two, err := SphericalKMeans(ctx, sub, 2, 3, seed)
		if err != nil {
			return Dense{}, err
		}
		if two.Centroids.Len() < 2 || floats.Dot(two.Centroids.Row(0), two.Centroids.Row(1)) >= oneMatter {
			kept[big] = true
			continue
		}
		copy(cent.Row(big), two.Centroids.Row(0))
		cent.Data = append(cent.Data, two.Centroids.Row(1)...)
		assign(x, cent, labels)
	}
	return cent, nil
}

// largestOver returns the largest of k clusters holding more than
// maxShare of labels and not in skip, or -1.
func largestOver(labels []int, k int, skip map[int]bool) int {
	sizes := make([]int, k)
	for _, l := range labels {
		if l >= 0 {
			sizes[l]++
		}
	}
	big := -1
	for c, s := range sizes {
		if !skip[c] && float64(s) > maxShare*float64(len(labels)) && (big < 0 || s > sizes[big]) {
			big = c
		}
	}
	return big
}

// A warm start fits on a sample of warmFitSample documents (a fresh run:
// Config.FitSample) and runs at most warmMaxIter k-means iterations: it
// starts near the answer. Measured in doc.go.
const (
	warmFitSample = 10_000
	warmMaxIter   = 8
)

// warmExtra is how many centroids a warm start from k prior clusters adds
// for n rows: room for issues the prior clustering did not have, and at
// least the over-clustering a fresh start would have (a prior fitted on a
// few days has few clusters).
func warmExtra(k, n int) int { return max(16, k/4, overK(n)-k) }

// warmCluster is autoCluster started from a prior clustering instead of
// over-clustering from scratch: prior[i] is row i's cluster in the previous
// run (-1 for none). Each prior cluster with at least minClusterSize rows
// gives a starting centroid (the mean of its rows, in this run's space);
// k-means++ sampling among the rows that fit none of them adds up to
// warmExtra more; one k-means run from there, then the same centroid
// merging. Every week
// re-clusters the window this way once a first run exists; doc.go compares
// it with starting from scratch.
func warmCluster(ctx context.Context, x Dense, prior []int64, seed uint64) (Dense, error) {
	sums := map[int64][]float64{}
	sizes := map[int64]int{}
	for i, p := range prior {
		if p < 0 {
			continue
		}
		if sums[p] == nil {
			sums[p] = make([]float64, x.Dim)
		}
		floats.Add(sums[p], x.Row(i))
		sizes[p]++
	}
	var ids []int64
	for p, n := range sizes {
		if n >= minClusterSize {
			ids = append(ids, p)
		}
	}
	slices.Sort(ids)
	cent := Dense{Dim: x.Dim}
	for _, p := range ids {
		Normalize(sums[p])
		cent.Data = append(cent.Data, sums[p]...)
	}
	rng := rand.New(rand.NewPCG(seed, 0x3a))
	if cent.Len() == 0 {
		return autoCluster(ctx, x, seed)
	}
	// New centroids go only where rows fit no prior cluster (cosine below
	// AssignFloor, as nightly assignment): seeding among rows that fit
	// well would split settled clusters and churn their ids every week.
	labels := make([]int, x.Len())
	novel := Dense{Dim: x.Dim}
	for i, s := range assignSims(x, cent, labels) {
		if s < AssignFloor {
			novel.Data = append(novel.Data, x.Row(i)...)
		}
	}
	if extra := min(warmExtra(cent.Len(), x.Len()), novel.Len()/minClusterSize); extra > 0 {
		more := seedMore(novel, cent, cent.Len()+extra, rng)
		cent = more
	}
	res, err := kmeansFrom(ctx, x, cent, rng, stopAt{warmMaxIter, kmeansTol})
	if err != nil {
		return Dense{}, err
	}
	return mergeCentroids(x, res), nil
}

// mergeCentroids merges the centroids of a k-means result by centroid
// linkage while the most similar pair is at least mergeSimilarity alike,
// passing over a pair whose merge would hold more than maxShare of the
// rows unless it is one matter (oneMatter): the rule splitLarge applies,
// which a merge would otherwise undo.
func mergeCentroids(x Dense, res KMeansResult) Dense {
	k := res.Centroids.Len()
	sizes := make([]float64, k)
	for _, l := range res.Labels {
		sizes[l]++
	}
	// Weighted sums, so a merged centroid is the mean of all its members.
	sums := make([][]float64, k)
	for c := range sums {
		sums[c] = append([]float64(nil), res.Centroids.Row(c)...)
		floats.Scale(sizes[c], sums[c])
	}
	alive := make([]bool, k)
	for c := range alive {
		alive[c] = sizes[c] > 0
	}
	unit := func(c int) []float64 {
		u := append([]float64(nil), sums[c]...)
		Normalize(u)
		return u
	}
	units := make([][]float64, k)
	for c := range units {
		units[c] = unit(c)
	}
	sim := cosines(units)
	joinable := func(a, b int) bool {
		return sim[a][b] >= oneMatter || sizes[a]+sizes[b] <= maxShare*float64(len(res.Labels))
	}
	for {
		ba, bb, bs := closestPair(alive, sim, joinable)
		if ba < 0 || bs < mergeSimilarity {
			break
		}
		floats.Add(sums[bb], sums[ba]) // keep the lower index
		sizes[bb] += sizes[ba]
		alive[ba] = false
		units[bb] = unit(bb)
		for c := 0; c < k; c++ {
			if alive[c] && c != bb {
				sim[bb][c] = floats.Dot(units[bb], units[c])
				sim[c][bb] = sim[bb][c]
			}
		}
	}
	out := Dense{Dim: x.Dim}
	for c := 0; c < k; c++ {
		if alive[c] {
			out.Data = append(out.Data, units[c]...)
		}
	}
	return out
}

// cosines returns the matrix of dot products of the unit vectors units.
func cosines(units [][]float64) [][]float64 {
	sim := make([][]float64, len(units))
	for a := range sim {
		sim[a] = make([]float64, len(units))
		for b := 0; b < a; b++ {
			sim[a][b] = floats.Dot(units[a], units[b])
			sim[b][a] = sim[a][b]
		}
	}
	return sim
}

// closestPair returns the most similar joinable pair a > b of live
// clusters and their similarity (-1, -1 when there is none); ties go to
// the first found, lower a then lower b.
func closestPair(alive []bool, sim [][]float64, joinable func(a, b int) bool) (int, int, float64) {
	ba, bb, bs := -1, -1, math.Inf(-1)
	for a := range alive {
		if !alive[a] {
			continue
		}
		for b := 0; b < a; b++ {
			if alive[b] && sim[a][b] > bs && joinable(a, b) {
				ba, bb, bs = a, b, sim[a][b]
			}
		}
	}
	return ba, bb, bs
}

// dropSmall dissolves clusters with fewer than max(minClusterSize,
// minClusterShare*n) members: their documents become outliers (-1) and the
// remaining clusters are renumbered in order. It returns the kept centroids.
func dropSmall(labels []int, cent Dense) Dense {
	floor := max(float64(minClusterSize), minClusterShare*float64(len(labels)))
	sizes := make([]int, cent.Len())
	for _, l := range labels {
		if l >= 0 {
			sizes[l]++
		}
	}
	remap := make([]int, cent.Len())
	kept := Dense{Dim: cent.Dim}
	for c, s := range sizes {
		remap[c] = -1
		if float64(s) >= floor {
			remap[c] = kept.Len()
			kept.Data = append(kept.Data, cent.Row(c)...)
		}
	}
	for i, l := range labels {
		if l >= 0 {
			labels[i] = remap[l]
		}
	}
	return kept
}
