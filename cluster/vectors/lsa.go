package vectors

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// docTerm is a documents x terms sparse matrix in compressed-row form: row
// i holds document i's L2-normalised sublinear TF-IDF weights. t, if not
// nil, is its transpose (terms x documents, each term's documents
// ascending), for tmul.
type docTerm struct {
	rows, cols int
	rowPtr     []int
	col        []int32
	val        []float64
	t          *docTerm
}

// newDocTerm builds the TF-IDF matrix of docs (term ids below len(idf)),
// with its transpose.
func newDocTerm(docs [][]int32, idf []float64) *docTerm {
	m := &docTerm{rows: len(docs), cols: len(idf), rowPtr: make([]int, len(docs)+1)}
	for i, d := range docs {
		v := TFIDF(d, idf)
		m.col = append(m.col, v.Idx...)
		m.val = append(m.val, v.Val...)
		m.rowPtr[i+1] = len(m.col)
	}
	m.t = m.transpose()
	return m
}

// transpose returns mᵀ, each of its rows in ascending column order.
func (m *docTerm) transpose() *docTerm {
	t := &docTerm{rows: m.cols, cols: m.rows, rowPtr: make([]int, m.cols+1)}
	for _, j := range m.col {
		t.rowPtr[j+1]++
	}
	for j := range m.cols {
		t.rowPtr[j+1] += t.rowPtr[j]
	}
	t.col, t.val = make([]int32, len(m.col)), make([]float64, len(m.col))
	next := slices.Clone(t.rowPtr[:m.cols])
	for i := range m.rows {
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			j := m.col[k]
			t.col[next[j]], t.val[next[j]] = int32(i), m.val[k]
			next[j]++
		}
	}
	return t
}

// mul returns m * x (x has m.cols rows), rows split across GOMAXPROCS
// goroutines by their entries (parallelCost); each row sums its entries
// in column order, so the result does not depend on the number of CPUs.
func (m *docTerm) mul(x *mat.Dense) *mat.Dense {
	_, c := x.Dims()
	out := mat.NewDense(m.rows, c, nil)
	xr, or := x.RawMatrix(), out.RawMatrix()
	parallelCost(m.rowPtr, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst := or.Data[i*or.Stride : i*or.Stride+c]
			for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
				j := int(m.col[k])
				floats.AddScaled(dst, m.val[k], xr.Data[j*xr.Stride:j*xr.Stride+c])
			}
		}
	})
	return out
}

// tmul returns mᵀ * x (x has m.rows rows): the transpose's mul, so each
// term's row sums its documents' rows of x in document order. (Summing
// the documents into a buffer per CPU, as it did before, held GOMAXPROCS
// terms x l buffers and made the last bits of long texts' vectors depend
// on the machine.)
func (m *docTerm) tmul(x *mat.Dense) *mat.Dense { return m.t.mul(x) }

// parallelRows calls f on GOMAXPROCS contiguous ranges of [0, n) at once.
func parallelRows(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			f(lo, hi)
		}(w*n/workers, (w+1)*n/workers)
	}
	wg.Wait()
}

// parallelCost is parallelRows over the rows of a compressed matrix with
// row pointers ptr, in ranges of about equal cost, row i costing its
// entries plus one (ptr[i+1] - ptr[i] + 1). A vocabulary's rows are far
// from equal, its frequent words first: on the 20,000 titles' PPMI
// matrix, halves by rows give one CPU most of the entries.
func parallelCost(ptr []int, f func(lo, hi int)) {
	n := max(len(ptr)-1, 0)
	workers := runtime.GOMAXPROCS(0)
	cost := func(i int) int { return ptr[i] - ptr[0] + i }
	bounds := make([]int, workers+1)
	bounds[workers] = n
	for w, i := 1, 0; w < workers; w++ {
		for i < n && cost(i) < cost(n)*w/workers {
			i++
		}
		bounds[w] = i
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { f(bounds[w], bounds[w+1]) })
	}
	wg.Wait()
}

// lsaBasis runs a randomized SVD (embedPowerIters power iterations) of
// the TF-IDF matrix m and returns Q (an orthonormal basis of m's range,
// rows x l), W (l x dims) and the leading singular values S, such that
// m ≈ Q W S Vᵀ. It returns nil when m has no rows or columns.
// Deterministic for a seed.
func lsaBasis(m *docTerm, dims int, seed uint64) (*mat.Dense, *mat.Dense, []float64) {
	l := min(dims+embedOversample, m.rows, m.cols)
	if l < 1 {
		return nil, nil, nil
	}
	q := rangeFinder(mat.NewDense(m.cols, l, nil), rand.New(rand.NewPCG(seed, 0x15a)), m.mul,
		func(q *mat.Dense) *mat.Dense { return m.mul(m.tmul(q)) })
	// B = Qᵀ M (l x cols); B Bᵀ = W Λ Wᵀ; M ≈ Q W S Vᵀ.
	var eig mat.EigenSym
	if !eig.Factorize(gram(m.tmul(q)), true) {
		return nil, nil, nil
	}
	ev := eig.Values(nil)
	var w mat.Dense
	eig.VectorsTo(&w)
	k := min(dims, l)
	ws := mat.NewDense(l, dims, nil)
	s := make([]float64, k)
	for j := 0; j < k; j++ {
		o := len(ev) - 1 - j // EigenSym orders eigenvalues ascending
		s[j] = math.Sqrt(math.Max(ev[o], 0))
		for i := 0; i < l; i++ {
			ws.Set(i, j, w.At(i, o))
		}
	}
	return q, ws, s
}
