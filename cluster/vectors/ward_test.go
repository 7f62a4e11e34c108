package vectors

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// blobs returns n unit rows around each of the given directions, with a
// little noise, in order.
func blobs(dirs [][]float64, n int, noise float64, seed uint64) (Dense, []int) {
	r := rand.New(rand.NewPCG(seed, 1))
	x := Dense{Dim: len(dirs[0])}
	var truth []int
	for g, d := range dirs {
		for i := 0; i < n; i++ {
			row := make([]float64, len(d))
			for j := range row {
				row[j] = d[j] + noise*r.NormFloat64()
			}
			Normalize(row)
			x.Data = append(x.Data, row...)
			truth = append(truth, g)
		}
	}
	return x, truth
}

func TestAutoClusterFindsTheDataGroups(t *testing.T) {
	dirs := [][]float64{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 1, 0, 0}}
	x, truth := blobs(dirs, 60, 0.08, 1)
	cent, err := autoCluster(context.Background(), x, 1)
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]int, x.Len())
	assign(x, cent, labels)
	if got := Compare(truth, labels).NMI; cent.Len() != len(dirs) || got < 0.99 {
		t.Errorf("got %d clusters, NMI %.3f; want %d clusters, NMI 1", cent.Len(), got, len(dirs))
	}
}

func TestWardCutMergesTheClosestFirst(t *testing.T) {
	// Four leaves: two pairs, each pair close together.
	x := Dense{Dim: 2, Data: []float64{1, 0, 0.99, 0.141, 0, 1, 0.141, 0.99}}
	normRows(x)
	res := KMeansResult{Labels: []int{0, 1, 2, 3}, Centroids: Dense{Dim: 2, Data: append([]float64(nil), x.Data...)}}
	tree := newWardTree(x, res)
	if tree.leaves() != 4 {
		t.Fatalf("got %d leaves; want 4", tree.leaves())
	}
	two := tree.cut(2)
	labels := make([]int, 4)
	assign(x, two, labels)
	if labels[0] != labels[1] || labels[2] != labels[3] || labels[0] == labels[2] {
		t.Errorf("cut at 2: labels %v; want the pairs {0,1} and {2,3}", labels)
	}
}

func TestSplitLargeKeepsOneMatterWhole(t *testing.T) {
	same, _ := blobs([][]float64{{1, 0, 0}}, 50, 0, 1)
	other, _ := blobs([][]float64{{0, 1, 0}}, 5, 0, 1)
	x := Dense{Dim: 3, Data: append(same.Data, other.Data...)}
	res := KMeansResult{Labels: make([]int, x.Len()), Centroids: Dense{Dim: 3, Data: []float64{1, 0, 0, 0, 1, 0}}}
	assign(x, res.Centroids, res.Labels)
	cent, err := splitLarge(context.Background(), x, res, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cent.Len() != 2 {
		t.Errorf("identical rows were split: %d clusters; want 2", cent.Len())
	}
	// Two real matters in one cluster are split.
	mixed, _ := blobs([][]float64{{1, 0, 0}, {0, 0, 1}}, 30, 0.05, 2)
	res = KMeansResult{Labels: make([]int, mixed.Len()), Centroids: Dense{Dim: 3, Data: []float64{1, 0, 1}}}
	Normalize(res.Centroids.Data)
	cent, err = splitLarge(context.Background(), mixed, res, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cent.Len() != 2 {
		t.Errorf("two matters in one cluster: %d clusters after splitting; want 2", cent.Len())
	}
}

func normRows(x Dense) {
	for i := 0; i < x.Len(); i++ {
		Normalize(x.Row(i))
	}
}

// TestTopsSilhouetteMatchesEveryCut checks the silhouette bestCut keeps
// through the merges against one computed from scratch on each cut's
// centroids: the two nearest of every row, found anew.
func TestTopsSilhouetteMatchesEveryCut(t *testing.T) {
	dirs := [][]float64{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 1, 0, 0}, {0, 1, 1, 1}}
	x, _ := blobs(dirs, 40, 0.3, 7)
	res, err := SphericalKMeans(context.Background(), x, 30, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	tree := newWardTree(x, res)
	tops := newTops(tree, x)
	for step := 0; ; step++ {
		k := tree.leaves() - step
		if got, want := tops.silhouette(), bruteSilhouette(x, tree.cut(k)); math.Abs(got-want) > 1e-9 {
			t.Fatalf("%d clusters: kept silhouette %.12f; from scratch %.12f", k, got, want)
		}
		if step == len(tree.steps) {
			break
		}
		tops.merge(tree.steps[step][0], tree.steps[step][1])
	}
}

// bruteSilhouette is the mean simplified silhouette of x's rows against
// unit centroids cent, each row's two nearest found by scanning them all.
func bruteSilhouette(x, cent Dense) float64 {
	var total float64
	for i := 0; i < x.Len(); i++ {
		b1, b2 := math.Inf(-1), math.Inf(-1)
		for c := 0; c < cent.Len(); c++ {
			v := floats.Dot(x.Row(i), cent.Row(c))
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
	return total / float64(max(x.Len(), 1))
}

// bruteWardMerges is wardMerges as it was: every pair scanned at every
// step, the first pair (in order of a then b) of least cost taken (the
// cost and the join are wardMerges's own; the choice of pair is what the
// tests compare).
func bruteWardMerges(gram [][]float64, size []float64) [][2]int {
	k := len(size)
	cost := func(a, b int) float64 { return wardCost(gram, size, a, b) }
	var steps [][2]int
	for {
		ba, bb, bc := -1, -1, math.Inf(1)
		for a := 0; a < k; a++ {
			for b := 0; b < a && size[a] > 0; b++ {
				if c := cost(a, b); size[b] > 0 && c < bc {
					ba, bb, bc = a, b, c
				}
			}
		}
		if ba < 0 {
			return steps
		}
		wardJoin(gram, size, ba, bb)
		steps = append(steps, [2]int{ba, bb})
	}
}

func TestWardMergesAsEveryPairScanned(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{1, 2, 3, 17, 40, 60} {
		// Cluster sums around a few directions; some clusters empty, some
		// repeated exactly, so that costs tie.
		sums, size := make([][]float64, k), make([]float64, k)
		for c := range sums {
			sums[c] = make([]float64, 5)
			switch {
			case k == 40: // three sums, repeated: ties at every step
				size[c] = 1
				for j := range sums[c] {
					sums[c][j] = float64((c%3)*(j+1) - j)
				}
			case c%11 == 10:
				continue // empty
			case c%7 == 6:
				copy(sums[c], sums[c-1])
				size[c] = size[c-1]
			default:
				size[c] = float64(1 + r.IntN(30))
				for j := range sums[c] {
					sums[c][j] = size[c] * (float64(c%4) + r.NormFloat64())
				}
			}
		}
		got := wardMerges(gramOf(sums), slices.Clone(size))
		want := bruteWardMerges(gramOf(sums), slices.Clone(size))
		if !slices.Equal(got, want) {
			t.Errorf("k=%d: merges %v, want %v", k, got, want)
		}
	}
}

// TestWardMergesAsEveryPairScannedWithTies compares wardMerges with the
// scan of every pair on many small cases whose sums are small integers,
// so that costs tie often (a helper's review found the test above thin
// on ties).
func TestWardMergesAsEveryPairScannedWithTies(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 20000; trial++ {
		k, dim, sizes := 1+r.IntN(14), 1+r.IntN(3), 1+r.IntN(30)
		sums, size := make([][]float64, k), make([]float64, k)
		for c := range sums {
			sums[c] = make([]float64, dim)
			if r.IntN(5) == 0 {
				continue // empty
			}
			size[c] = float64(1 + r.IntN(sizes))
			for j := range sums[c] {
				sums[c][j] = float64(r.IntN(3)) * size[c]
			}
		}
		got := wardMerges(gramOf(sums), slices.Clone(size))
		if want := bruteWardMerges(gramOf(sums), slices.Clone(size)); !slices.Equal(got, want) {
			t.Fatalf("trial %d, sizes %v, sums %v: merges %v, want %v", trial, size, sums, got, want)
		}
	}
}

// BenchmarkWardMerges merges 200 clusters (the titles' over-clustering),
// by near partners and (Brute) by scanning every pair.
func BenchmarkWardMerges(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 8))
	x, _ := blobs(randomDirs(r, 40, 64), 100, 0.3, 9)
	res, err := SphericalKMeans(context.Background(), x, 200, 1, 1)
	if err != nil {
		b.Fatal(err)
	}
	w := newWardTree(x, res)
	for _, f := range []struct {
		name  string
		merge func([][]float64, []float64) [][2]int
	}{{"Near", wardMerges}, {"Brute", bruteWardMerges}} {
		b.Run(f.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				g, size := gramOf(w.sums), slices.Clone(w.sizes)
				b.StartTimer()
				f.merge(g, size)
			}
		})
	}
}

func randomDirs(r *rand.Rand, n, dim int) [][]float64 {
	dirs := make([][]float64, n)
	for i := range dirs {
		dirs[i] = make([]float64, dim)
		for j := range dirs[i] {
			dirs[i][j] = r.NormFloat64()
		}
	}
	return dirs
}

// gramOf returns the dot products of every pair of sums.
func gramOf(sums [][]float64) [][]float64 {
	g := make([][]float64, len(sums))
	for a := range g {
		g[a] = make([]float64, len(sums))
		for b := range g[a] {
			g[a][b] = floats.Dot(sums[a], sums[b])
		}
	}
	return g
}
