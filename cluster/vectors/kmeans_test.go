package vectors

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func TestBoundedAssignIsAssign(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, k := range []int{1, 2, 7, 20} {
		// Rows around 12 directions, some zero, some longer than one.
		x := Dense{Dim: 6}
		dirs := randomDense(r, 12, 6)
		for i := 0; i < 900; i++ {
			row := make([]float64, 6)
			if i%97 != 0 {
				for j := range row {
					row[j] = dirs.At(i%12, j) + 0.6*r.NormFloat64()
				}
				Normalize(row)
				if i%31 == 0 {
					floats.Scale(1.5, row)
				}
			}
			x.Data = append(x.Data, row...)
		}
		c1 := seedPlusPlus(x, k, rand.New(rand.NewPCG(1, 2)))
		c2 := Dense{Dim: c1.Dim, Data: slices.Clone(c1.Data)}
		l1, l2 := make([]int, x.Len()), make([]int, x.Len())
		for i := range l1 {
			l1[i], l2[i] = -1, -1
		}
		b := newBounded(x, c2)
		r1, r2 := rand.New(rand.NewPCG(3, 4)), rand.New(rand.NewPCG(3, 4))
		for it := 0; it < 12; it++ {
			o1, ch1 := assign(x, c1, l1)
			o2, ch2 := b.assign(l2)
			if o1 != o2 || ch1 != ch2 || !slices.Equal(l1, l2) {
				t.Fatalf("k=%d iteration %d: bounded objective %v, %d changed; assign %v, %d", k, it, o2, ch2, o1, ch1)
			}
			recompute(x, l1, c1, r1)
			b.recompute(l2, r2)
		}
	}
}

func TestBoundedTiesGoToTheLowestIndex(t *testing.T) {
	x := Dense{Dim: 2, Data: []float64{0.6, 0.8}}
	cent := Dense{Dim: 2, Data: []float64{1, 0, 0, 1, 1, 0}} // centroids 0 and 2 alike
	b := newBounded(x, cent)
	labels := []int{-1}
	b.assign(labels)
	if labels[0] != 1 {
		t.Fatalf("row went to %d, want 1", labels[0])
	}
	// Centroid 1 moves away; the row ties between 0 and 2 and must go to 0
	// even though it is checked from 2's side first.
	b.prev = slices.Clone(cent.Data)
	copy(cent.Row(1), []float64{-1, 0})
	b.moved = []float64{0, math.Sqrt2, 0}
	labels[0] = 2
	b.own[0], b.up[0][2] = 0.6, 0.6
	if _, changed := b.assign(labels); labels[0] != 0 || changed != 1 {
		t.Errorf("row went to %d, want 0 (lowest index of a tie)", labels[0])
	}
}

// TestMergeCentroidsKeepsTheShareRule merges two clusters whose centroids
// are 0.9 alike when together they hold at most maxShare of the rows, and
// keeps them apart when they would hold more: a merge must not undo what
// splitLarge split.
func TestMergeCentroidsKeepsTheShareRule(t *testing.T) {
	u1 := []float64{1, 0, 0}
	u2 := []float64{0.9, math.Sqrt(1 - 0.81), 0}
	u3 := []float64{0, 0, 1}
	result := func(sizes ...int) KMeansResult {
		res := KMeansResult{Centroids: Dense{Dim: 3}}
		for c, u := range [][]float64{u1, u2, u3} {
			res.Centroids.Data = append(res.Centroids.Data, u...)
			for range sizes[c] {
				res.Labels = append(res.Labels, c)
			}
		}
		return res
	}
	x := Dense{Dim: 3} // mergeCentroids reads only x.Dim
	if got := mergeCentroids(x, result(10, 10, 90)).Len(); got != 2 {
		t.Errorf("20 of 110 rows together: %d clusters, want 2 (merged)", got)
	}
	if got := mergeCentroids(x, result(50, 50, 10)).Len(); got != 3 {
		t.Errorf("100 of 110 rows together: %d clusters, want 3 (kept apart)", got)
	}
}
