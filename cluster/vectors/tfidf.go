package vectors

import "math"

// IDF returns the smoothed inverse document frequency of each term:
// idf = ln((1+N)/(1+df)) + 1, as scikit-learn computes it.
func IDF(df []int32, n int) []float64 {
	idf := make([]float64, len(df))
	for i, d := range df {
		idf[i] = math.Log(float64(1+n)/float64(1+d)) + 1
	}
	return idf
}

// TFIDF returns the sublinear TF-IDF vector of doc, L2-normalised:
// w(t) = (1 + ln tf(t)) * idf(t). An empty doc gives an empty vector.
func TFIDF(doc []int32, idf []float64) Sparse {
	u, n := termCounts(doc)
	v := Sparse{Idx: u, Val: make([]float64, len(u))}
	var norm float64
	for i, id := range u {
		w := (1 + math.Log(float64(n[i]))) * idf[id]
		v.Val[i] = w
		norm += w * w
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range v.Val {
			v.Val[i] /= norm
		}
	}
	return v
}

func logf(x float64) float64 { return math.Log(x) }
