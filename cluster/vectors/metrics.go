package vectors

import "math"

// Scores compares a clustering with reference labels.
type Scores struct {
	NMI      float64 `json:"nmi"`       // mutual information over the arithmetic mean of the entropies
	ARI      float64 `json:"ari"`       // adjusted Rand index
	VMeasure float64 `json:"v_measure"` // harmonic mean of homogeneity and completeness
}

// Compare scores predicted labels against truth. Both slices must have the
// same length (it panics otherwise); labels are arbitrary ints, and an
// outlier label is just another cluster. With one class and one cluster
// (zero entropy on both sides) NMI and V-measure are 1.
func Compare(truth, pred []int) Scores {
	if len(truth) != len(pred) {
		panic("cluster: Compare with slices of different lengths")
	}
	n := float64(len(truth))
	type pair struct{ a, b int }
	joint := map[pair]float64{}
	ca, cb := map[int]float64{}, map[int]float64{}
	for i := range truth {
		joint[pair{truth[i], pred[i]}]++
		ca[truth[i]]++
		cb[pred[i]]++
	}
	var mi float64
	for p, nij := range joint {
		mi += nij / n * math.Log(n*nij/(ca[p.a]*cb[p.b]))
	}
	ha, hb := entropy(ca, n), entropy(cb, n)
	var s Scores
	switch {
	case ha == 0 && hb == 0:
		s.NMI, s.VMeasure = 1, 1
	case ha+hb > 0:
		s.NMI = 2 * mi / (ha + hb)
		h, c := 1.0, 1.0
		if ha > 0 {
			h = mi / ha
		}
		if hb > 0 {
			c = mi / hb
		}
		if h+c > 0 {
			s.VMeasure = 2 * h * c / (h + c)
		}
	}
	s.ARI = ari(joint, ca, cb, n)
	return s
}

func entropy(counts map[int]float64, n float64) float64 {
	var h float64
	for _, c := range counts {
		if c > 0 {
			h -= c / n * math.Log(c/n)
		}
	}
	return h
}

func comb2(x float64) float64 { return x * (x - 1) / 2 }

// ari is the adjusted Rand index of a contingency table; with fewer than
// two items there are no pairs to disagree on, and it is 1 (as NMI is,
// and as scikit-learn has it), not 0/0: leian eval --json of a file of one
// row failed with "json: unsupported value: NaN".
func ari[K comparable](joint map[K]float64, ca, cb map[int]float64, n float64) float64 {
	if n < 2 {
		return 1
	}
	var sij, sa, sb float64
	for _, v := range joint {
		sij += comb2(v)
	}
	for _, v := range ca {
		sa += comb2(v)
	}
	for _, v := range cb {
		sb += comb2(v)
	}
	expected := sa * sb / comb2(n)
	maxIdx := (sa + sb) / 2
	if maxIdx == expected {
		return 1
	}
	return (sij - expected) / (maxIdx - expected)
}
