package vectors

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

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

// TestPPMIMatrixAsItsDefinition counts the pairs of positions of random
// documents by brute force, takes their PPMI by the formula, and compares
// every row of ppmiMatrix (on 1, 2 and 3 CPUs) with it.
func TestPPMIMatrixAsItsDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	docs := [][]int32{{0, 1, 2}, {1, 0}, {2, 2, 3}, {}, {5}}
	for range 60 {
		d := make([]int32, r.IntN(30))
		for j := range d {
			d[j] = int32(r.IntN(40))
		}
		docs = append(docs, d)
	}
	const n = 41 // term 40 never occurs
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	want := ppmiByDefinition(docs, n)
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		m := ppmiMatrix(docs, n)
		for a := range n {
			cols := m.col[m.rowPtr[a]:m.rowPtr[a+1]]
			vals := m.val[m.rowPtr[a]:m.rowPtr[a+1]]
			if !slices.IsSorted(cols) || len(cols) != len(want[a]) {
				t.Fatalf("on %d CPUs row %d has columns %v, want %d ascending", procs, a, cols, len(want[a]))
			}
			for k, b := range cols {
				if w, ok := want[a][b]; !ok || math.Abs(float64(vals[k]-w)) > 1e-6 {
					t.Errorf("on %d CPUs PPMI(%d, %d) = %v, want %v", procs, a, b, vals[k], w)
				}
			}
		}
	}
}

// ppmiByDefinition counts each pair of positions within cooccurWindow
// holding two distinct terms, and returns the positive PMI of each cell.
func ppmiByDefinition(docs [][]int32, n int) []map[int32]float32 {
	count := map[[2]int32]float64{}
	row := make([]float64, n)
	for _, d := range docs {
		for i := range d {
			for j := i + 1; j < len(d) && j-i <= cooccurWindow; j++ {
				if d[i] != d[j] {
					count[[2]int32{d[i], d[j]}]++
					count[[2]int32{d[j], d[i]}]++
					row[d[i]]++
					row[d[j]]++
				}
			}
		}
	}
	var total, ctxTotal float64
	for _, c := range row {
		total += c
		ctxTotal += math.Pow(c, contextAlpha)
	}
	out := make([]map[int32]float32, n)
	for a := range out {
		out[a] = map[int32]float32{}
	}
	for k, c := range count {
		pa, pc := row[k[0]]/total, math.Pow(row[k[1]], contextAlpha)/ctxTotal
		if pmi := math.Log(c / total / (pa * pc)); pmi > 0 {
			out[k[0]][k[1]] = float32(pmi)
		}
	}
	return out
}

// TestDocTermProductsAreDenseProducts checks mul and tmul of a TF-IDF
// matrix against gonum's dense products, and that tmul gives the same bits
// on 1, 2 and 3 CPUs.
func TestDocTermProductsAreDenseProducts(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	docs := make([][]int32, 1200)
	for i := range docs {
		docs[i] = make([]int32, r.IntN(12))
		for j := range docs[i] {
			docs[i][j] = int32(r.IntN(50))
		}
	}
	idf := make([]float64, 50)
	for i := range idf {
		idf[i] = 1 + r.Float64()
	}
	m := newDocTerm(docs, idf)
	dense := mat.NewDense(m.rows, m.cols, nil)
	for i := range m.rows {
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			dense.Set(i, int(m.col[k]), m.val[k])
		}
	}
	x, y := randomDense(r, m.cols, 5), randomDense(r, m.rows, 5)
	var wantMul, wantT mat.Dense
	wantMul.Mul(dense, x)
	wantT.Mul(dense.T(), y)
	if !mat.EqualApprox(m.mul(x), &wantMul, 1e-12) {
		t.Error("mul differs from the dense product")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first *mat.Dense
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		got := m.tmul(y)
		if !mat.EqualApprox(got, &wantT, 1e-12) {
			t.Errorf("on %d CPUs tmul differs from the dense product", procs)
		}
		if first == nil {
			first = got
		} else if !mat.Equal(got, first) {
			t.Errorf("on %d CPUs tmul differs in its bits from one CPU", procs)
		}
	}
}
