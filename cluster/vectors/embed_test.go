package vectors

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestRadixSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 1000, 70000} {
		keys := make([]uint64, n)
		short := make([]uint32, n)
		for i := range keys {
			keys[i] = r.Uint64() >> uint(r.IntN(64))
			short[i] = uint32(keys[i])
		}
		want, wantShort := slices.Clone(keys), slices.Clone(short)
		slices.Sort(want)
		slices.Sort(wantShort)
		radixSort(keys, 64)
		radixSort(short, 32)
		if !slices.Equal(keys, want) || !slices.Equal(short, wantShort) {
			t.Errorf("radixSort of %d keys differs from slices.Sort", n)
		}
	}
}

func randomDense(r *rand.Rand, n, l int) *mat.Dense {
	d := mat.NewDense(n, l, nil)
	raw := d.RawMatrix().Data
	for i := range raw {
		raw[i] = r.NormFloat64()
	}
	return d
}

func TestGramIsYTransposeY(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 5, 300, 1000} {
		y := randomDense(r, n, 9)
		var want mat.Dense
		want.Mul(y.T(), y)
		if got := gram(y); !mat.EqualApprox(got, &want, 1e-9) {
			t.Errorf("gram of %d x 9 differs from yᵀy", n)
		}
	}
}

func TestOrthonormalInPlaceKeepsTheSpan(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	y := randomDense(r, 700, 12)
	orig := mat.DenseCopyOf(y)
	q := orthonormal(y, 2)
	var qtq mat.Dense
	qtq.Mul(q.T(), q)
	id := mat.NewDiagDense(12, nil)
	for i := 0; i < 12; i++ {
		id.SetDiag(i, 1)
	}
	if !mat.EqualApprox(&qtq, id, 1e-10) {
		t.Errorf("QᵀQ is not the identity")
	}
	// Each original column lies in Q's span: Q Qᵀ y = y.
	var proj, back mat.Dense
	proj.Mul(q.T(), orig)
	back.Mul(q, &proj)
	if !mat.EqualApprox(&back, orig, 1e-8) {
		t.Errorf("Q does not span the columns it was made from")
	}
}

func TestTruncatedSVDFindsTheLeadingEigenpairs(t *testing.T) {
	// A symmetric sparse matrix with known spectrum: blocks of ones on
	// the diagonal (a block of size s has eigenvalue s once, 0 otherwise).
	sizes := []int{30, 20, 12, 7}
	n := 0
	for _, s := range sizes {
		n += s
	}
	m := &csr{n: n, rowPtr: make([]int, n+1)}
	start := 0
	for _, s := range sizes {
		for i := start; i < start+s; i++ {
			for j := start; j < start+s; j++ {
				m.col, m.val = append(m.col, int32(j)), append(m.val, 1)
			}
			m.rowPtr[i+1] = len(m.col)
		}
		start += s
	}
	u, vals := truncatedSVD(m, 3, 1)
	for j, want := range []float64{30, 20, 12} {
		if math.Abs(vals[j]-want) > 1e-8 {
			t.Errorf("singular value %d = %v, want %v", j, vals[j], want)
		}
		// Its vector is constant on block j and zero elsewhere.
		col := mat.Col(nil, j, u)
		if math.Abs(math.Abs(col[0+sum(sizes[:j])])-1/math.Sqrt(want)) > 1e-6 {
			t.Errorf("vector %d = %v..., want ±1/√%v on its block", j, col[sum(sizes[:j])], want)
		}
	}
}

func sum(x []int) int {
	s := 0
	for _, v := range x {
		s += v
	}
	return s
}

func TestCooccurrenceCountsEachPairOnce(t *testing.T) {
	docs := [][]int32{{0, 1, 2}, {1, 0}, {2, 2, 3}}
	for _, wide := range []bool{false, true} {
		m := cooccurrence(docs, 4)
		if wide {
			m = cooccur[uint64](docs, 4, 32)
		}
		checkCounts(t, m)
	}
}

func checkCounts(t *testing.T, m *csr) {
	t.Helper()
	got := map[[2]int32]float64{}
	for i := 0; i < m.n; i++ {
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			got[[2]int32{int32(i), m.col[k]}] += float64(m.val[k])
		}
	}
	want := map[[2]int32]float64{
		{0, 1}: 2, {1, 0}: 2, {0, 2}: 1, {2, 0}: 1, {1, 2}: 1, {2, 1}: 1,
		{2, 3}: 2, {3, 2}: 2, // 2 2 3: positions (0,2) and (1,2); (0,1) is one word
	}
	if len(got) != len(want) {
		t.Fatalf("cells %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("count of %v = %v, want %v", k, got[k], v)
		}
	}
}
