package vectors

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name        string
		truth, pred []int
		nmi, ari    float64
	}{
		{"identical", []int{0, 0, 1, 1, 2, 2}, []int{5, 5, 7, 7, 9, 9}, 1, 1},
		// Worked by hand: contingency [[2,0],[1,1]] would not be symmetric; use
		// scikit-learn's documented example: labels_true [0,0,1,1], labels_pred [0,0,1,2].
		{"split one class", []int{0, 0, 1, 1}, []int{0, 0, 1, 2}, 0.8, 0.5714285714},
		{"all in one cluster", []int{0, 0, 1, 1}, []int{0, 0, 0, 0}, 0, 0},
		{"one document", []int{3}, []int{-1}, 1, 1},
		{"no documents", nil, nil, 1, 1},
	} {
		s := Compare(tc.truth, tc.pred)
		if math.Abs(s.NMI-tc.nmi) > 1e-6 || math.Abs(s.ARI-tc.ari) > 1e-6 {
			t.Errorf("%s: got NMI %.6f ARI %.6f; want %.6f %.6f", tc.name, s.NMI, s.ARI, tc.nmi, tc.ari)
		}
		if math.Abs(s.VMeasure-s.NMI) > 1e-9 {
			t.Errorf("%s: V-measure %.6f differs from arithmetic NMI %.6f", tc.name, s.VMeasure, s.NMI)
		}
	}
}
