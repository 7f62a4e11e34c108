package cluster

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Tuned embedding parameters. The values are those of the experiment cited
// in the issue (PPMI with context smoothing 0.75, 100 dimensions, singular
// values to the power 0.5), confirmed on THUCNews titles and generated
// tickets (see doc.go for the figures).
const (
	embedDims       = 100
	embedOversample = 20   // extra columns of the randomized range finder
	embedPowerIters = 2    // subspace iterations of the randomized SVD
	contextAlpha    = 0.75 // context-distribution smoothing of PPMI
	singularPower   = 0.5  // word vector = U * S^singularPower
	cooccurWindow   = 8    // tokens either side; a short title is one window
)

// csr is a square sparse matrix in compressed-row form.
type csr struct {
	n      int
	rowPtr []int
	col    []int32
	val    []float64
}

// mulDense returns m * x for a dense x with m.n rows.
func (m *csr) mulDense(x *mat.Dense) *mat.Dense {
	_, c := x.Dims()
	out := mat.NewDense(m.n, c, nil)
	xr := x.RawMatrix()
	or := out.RawMatrix()
	for i := 0; i < m.n; i++ {
		dst := or.Data[i*or.Stride : i*or.Stride+c]
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			v := m.val[k]
			src := xr.Data[int(m.col[k])*xr.Stride : int(m.col[k])*xr.Stride+c]
			for j, s := range src {
				dst[j] += v * s
			}
		}
	}
	return out
}

// cooccurrence counts, for docs over a vocabulary of size n, how often two
// distinct terms occur within cooccurWindow tokens of each other (each pair
// of positions once), and returns the symmetric count matrix.
func cooccurrence(docs [][]int32, n int) *csr {
	var keys []uint64
	for _, d := range docs {
		for i, a := range d {
			for j := i + 1; j < len(d) && j <= i+cooccurWindow; j++ {
				b := d[j]
				if a == b {
					continue
				}
				keys = append(keys, uint64(a)<<32|uint64(uint32(b)), uint64(b)<<32|uint64(uint32(a)))
			}
		}
	}
	slices.Sort(keys)
	m := &csr{n: n, rowPtr: make([]int, n+1)}
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		row := int(keys[i] >> 32)
		m.rowPtr[row+1]++
		m.col = append(m.col, int32(uint32(keys[i])))
		m.val = append(m.val, float64(j-i))
		i = j
	}
	for i := 0; i < n; i++ {
		m.rowPtr[i+1] += m.rowPtr[i]
	}
	return m
}

// ppmi turns co-occurrence counts into positive PMI in place:
// max(0, ln(P(w,c) / (P(w) * Pα(c)))), with Pα(c) = C(c)^α / Σ C(c')^α.
func ppmi(m *csr) {
	row := make([]float64, m.n)
	var total float64
	for i := 0; i < m.n; i++ {
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			row[i] += m.val[k]
		}
		total += row[i]
	}
	var ctxTotal float64
	ctx := make([]float64, m.n)
	for i, r := range row {
		ctx[i] = math.Pow(r, contextAlpha)
		ctxTotal += ctx[i]
	}
	for i := 0; i < m.n; i++ {
		for k := m.rowPtr[i]; k < m.rowPtr[i+1]; k++ {
			c := m.col[k]
			pmi := math.Log((m.val[k] / total) / ((row[i] / total) * (ctx[c] / ctxTotal)))
			m.val[k] = math.Max(0, pmi)
		}
	}
}

// WordVectors trains word vectors on docs (term ids below n): PPMI of
// windowed co-occurrence, truncated to dims dimensions by a randomized SVD
// (gonum has none built in), each word's vector U_k S_k^0.5, L2-normalised.
// Terms that never co-occur get zero vectors. The result is row-major,
// n x dims. Deterministic for a seed.
func WordVectors(docs [][]int32, n, dims int, seed uint64) []float64 {
	m := cooccurrence(docs, n)
	ppmi(m)
	l := min(dims+embedOversample, n)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	omega := mat.NewDense(n, l, nil)
	raw := omega.RawMatrix().Data
	for i := range raw {
		raw[i] = r.NormFloat64()
	}
	// Intermediate bases only need to be well conditioned: one Cholesky QR
	// pass. The last one is made orthonormal to working precision.
	q := orthonormal(m.mulDense(omega), 1)
	for it := 0; it < embedPowerIters; it++ {
		passes := 1
		if it == embedPowerIters-1 {
			passes = 2
		}
		q = orthonormal(m.mulDense(q), passes) // m is symmetric: mᵀ = m
	}
	// With Z = M Q, M ≈ Q Qᵀ M = Q Zᵀ; the eigenvectors W of Zᵀ Z (l x l)
	// give M's leading singular vectors U = Q W and values sqrt(eig): the
	// SVD of the small factor without ever forming an n x n matrix.
	z := m.mulDense(q)
	var g mat.SymDense
	g.SymOuterK(1, z.T())
	var eig mat.EigenSym
	if !eig.Factorize(&g, true) {
		return make([]float64, n*dims)
	}
	ev := eig.Values(nil)
	var w mat.Dense
	eig.VectorsTo(&w)
	// EigenSym orders eigenvalues ascending; take them descending.
	order := make([]int, len(ev))
	for i := range order {
		order[i] = len(ev) - 1 - i
	}
	vals := make([]float64, len(ev))
	wd := mat.NewDense(l, l, nil)
	for j, o := range order {
		vals[j] = math.Sqrt(math.Max(ev[o], 0))
		wd.SetCol(j, mat.Col(nil, o, &w))
	}
	var u mat.Dense
	u.Mul(q, wd)
	d := min(dims, len(vals))
	out := make([]float64, n*dims)
	for i := 0; i < n; i++ {
		var norm float64
		for j := 0; j < d; j++ {
			v := u.At(i, j) * math.Pow(vals[j], singularPower)
			out[i*dims+j] = v
			norm += v * v
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for j := 0; j < d; j++ {
				out[i*dims+j] /= norm
			}
		}
	}
	return out
}

// orthonormal returns a basis of the columns of y by Cholesky QR, run
// passes times (two passes, CholeskyQR2, give orthonormality to working
// precision for the well-conditioned blocks of a randomized range finder); gonum's QR only yields the full n x n Q, far
// too large here. If y is rank-deficient it falls back to Gram-Schmidt.
func orthonormal(y *mat.Dense, passes int) *mat.Dense {
	q := mat.DenseCopyOf(y)
	for pass := 0; pass < passes; pass++ {
		var g mat.SymDense
		g.SymOuterK(1, q.T())
		var ch mat.Cholesky
		if !ch.Factorize(&g) {
			return gramSchmidt(y)
		}
		var r, rinv mat.TriDense
		ch.UTo(&r)
		if err := rinv.InverseTri(&r); err != nil {
			return gramSchmidt(y)
		}
		var next mat.Dense
		next.Mul(q, &rinv)
		q = &next
	}
	return q
}

// gramSchmidt orthonormalises the columns of y by modified Gram-Schmidt,
// twice; a column that vanishes is left zero.
func gramSchmidt(y *mat.Dense) *mat.Dense {
	n, l := y.Dims()
	cols := make([][]float64, l)
	for j := range cols {
		cols[j] = mat.Col(nil, j, y)
	}
	for pass := 0; pass < 2; pass++ {
		for j := range cols {
			for k := 0; k < j; k++ {
				floats.AddScaled(cols[j], -floats.Dot(cols[j], cols[k]), cols[k])
			}
			if norm := floats.Norm(cols[j], 2); norm > 1e-12 {
				floats.Scale(1/norm, cols[j])
			} else {
				for i := range cols[j] {
					cols[j][i] = 0
				}
			}
		}
	}
	q := mat.NewDense(n, l, nil)
	for j, c := range cols {
		q.SetCol(j, c)
	}
	return q
}
