package vectors

import (
	"math"
	mathbits "math/bits"
	"slices"
	"sync"
)

// ppmiMatrix returns the positive PMI of windowed co-occurrence in docs
// (term ids below n) as a symmetric sparse matrix, columns ascending in
// each row. C(a, b) counts the pairs of positions within cooccurWindow
// tokens of each other, one holding a and the other b (a ≠ b); cell (a, b)
// holds max(0, ln(P(a,b) / (P(a) Pα(b)))), with Pα(c) = C(c)^α / Σ C(c')^α,
// and the zeros are left out.
//
// Each term's row is counted from the term's own occurrences (postings)
// into a scratch array, rows on GOMAXPROCS goroutines, so no list of pairs
// and no matrix of raw counts is ever held: three times over the
// occurrences, to sum each row, to size it and to fill it. On the 20,000 titles this replaced
// sorting 880,000 pair keys into a count matrix and filtering it
// (package cluster's doc): the same matrix, bit for bit, and
// BenchmarkTHUCNews allocating 74.8 MB an operation instead of 77.9.
func ppmiMatrix(docs [][]int32, n int) *csr {
	p := newPostings(docs, n)
	row := make([]float64, n) // C(a) = Σ_b C(a, b)
	parallelCost(p.ptr, func(lo, hi int) {
		for a := lo; a < hi; a++ {
			for k := p.ptr[a]; k < p.ptr[a+1]; k++ {
				for _, b := range p.window(docs, k) {
					if b != int32(a) {
						row[a]++
					}
				}
			}
		}
	})
	ctx := make([]float64, n)
	var total, ctxTotal float64
	for a, r := range row {
		ctx[a] = math.Pow(r, contextAlpha)
		total += r
		ctxTotal += ctx[a]
	}
	// pa[a] = P(a), pb[b] = Pα(b), each the quotient the ratio below once
	// divided out for every pair (the same bits, two divisions a pair
	// fewer).
	pa, pb := make([]float64, n), make([]float64, n)
	for a := range n {
		pa[a], pb[a] = row[a]/total, ctx[a]/ctxTotal
	}
	// ratio is P(a,b) / (P(a) Pα(b)) for a count c of the pair.
	ratio := func(a, b, c int32) float64 {
		return (float64(c) / total) / (pa[a] * pb[b])
	}
	return fillPPMI(p, docs, row, ratio)
}

// ppmiRoom bounds the cells a part of fillPPMI is made with room for: 4M
// cells, 32 MB of columns and values.
const ppmiRoom = 1 << 22

// ppmiPart is the cells a goroutine of fillPPMI found for the rows from
// lo: columns ascending in each row, rows in order.
type ppmiPart struct {
	lo  int
	col []int32
	val []float32
}

// fillPPMI counts each row's co-occurrences once (eachRow), keeping its
// cells of ratio above 1 (ln of the ratio) in its goroutine's part; the
// parts are then joined in row order, the later ones appended to the
// first, which is made with room for all (roomFor). The matrix of the
// 20,000 titles, fresh evals in turn, four each: 49-58 ms with the parts
// copied into a new matrix, 54-67 ms counting every row twice (once to
// size the matrix, once to fill it), 62-77 ms with the parts grown by
// appending. Appending to the first part instead of copying both into a
// new matrix saved 7 MB of allocation and, with featDocs made to size,
// 930 of 13,370 page faults an eval (eight each in turn; the seconds the
// same).
func fillPPMI(p postings, docs [][]int32, sums []float64, ratio func(a, b, c int32) float64) *csr {
	n := len(p.ptr) - 1
	m := &csr{n: n, rowPtr: make([]int, n+1)}
	var mu sync.Mutex
	var parts []ppmiPart
	p.eachRow(docs, func(lo, hi int) (func(a int32, near, count []int32), func()) {
		room := roomFor(sums, n, lo, hi)
		if lo == 0 {
			room = roomFor(sums, n, 0, n)
		}
		part := &ppmiPart{lo: lo, col: make([]int32, 0, room), val: make([]float32, 0, room)}
		row := func(a int32, near, count []int32) {
			for _, b := range near {
				if x := ratio(a, b, count[b]); x > 1 {
					part.col, part.val = append(part.col, b), append(part.val, float32(math.Log(x)))
					m.rowPtr[a+1]++
				}
			}
		}
		done := func() {
			mu.Lock()
			parts = append(parts, *part)
			mu.Unlock()
		}
		return row, done
	})
	for a := range n {
		m.rowPtr[a+1] += m.rowPtr[a]
	}
	slices.SortFunc(parts, func(a, b ppmiPart) int { return a.lo - b.lo })
	for i, part := range parts {
		if i == 0 {
			m.col, m.val = part.col, part.val // the first part's room holds all
			continue
		}
		m.col, m.val = append(m.col, part.col...), append(m.val, part.val...)
	}
	return m
}

// roomFor is the cells to make room for in a part of fillPPMI holding the
// rows [lo, hi): a row has at most as many cells as it counts pairs
// (sums), so no part grows and is copied; but at most ppmiRoom (a large
// corpus counts far more pairs than it has cells; beyond that a part
// grows as it must).
func roomFor(sums []float64, n, lo, hi int) int {
	room := 0
	for a := lo; a < hi && room < ppmiRoom; a++ {
		room += min(int(sums[a]), n)
	}
	return min(room, ppmiRoom)
}

// postings lists where each term occurs: term t at position pos[k] of
// document doc[k], for k in [ptr[t], ptr[t+1]), in text order.
type postings struct {
	ptr      []int
	doc, pos []int32
}

// newPostings indexes the occurrences of the n terms of docs.
func newPostings(docs [][]int32, n int) postings {
	p := postings{ptr: make([]int, n+1)}
	for _, d := range docs {
		for _, t := range d {
			p.ptr[t+1]++
		}
	}
	for t := range n {
		p.ptr[t+1] += p.ptr[t]
	}
	p.doc, p.pos = make([]int32, p.ptr[n]), make([]int32, p.ptr[n])
	next := slices.Clone(p.ptr[:n])
	for i, d := range docs {
		for j, t := range d {
			p.doc[next[t]], p.pos[next[t]] = int32(i), int32(j)
			next[t]++
		}
	}
	return p
}

// window returns the tokens within cooccurWindow of occurrence k (itself
// among them).
func (p postings) window(docs [][]int32, k int) []int32 {
	d, i := docs[p.doc[k]], int(p.pos[k])
	return d[max(0, i-cooccurWindow):min(len(d), i+cooccurWindow+1)]
}

// eachRow calls, for every term a, rows on GOMAXPROCS goroutines, the
// row function start returned for a's range of rows [lo, hi) (start is
// called once a range, before its rows, which then come in order, and
// its done function after them), with the terms
// within cooccurWindow tokens of a, distinct and ascending, and a scratch
// array count holding C(a, b) at each of them. A row of few terms is
// sorted; a row of many is read off a bitset of the vocabulary in order
// (sorting every row took almost half of the matrix's CPU on the titles,
// pprof of BenchmarkTHUCNews; scanning the bitset for every row would
// cost n²/64 on a large vocabulary).
func (p postings) eachRow(docs [][]int32, start func(lo, hi int) (row func(a int32, near, count []int32), done func())) {
	n := len(p.ptr) - 1
	parallelCost(p.ptr, func(lo, hi int) {
		if lo == hi {
			return
		}
		f, done := start(lo, hi)
		defer done()
		count, seen := make([]int32, n), make([]uint64, (n+63)/64)
		var near []int32
		for a := int32(lo); a < int32(hi); a++ {
			near = near[:0]
			for k := p.ptr[a]; k < p.ptr[a+1]; k++ {
				for _, b := range p.window(docs, k) {
					if b != a {
						if count[b] == 0 {
							near = append(near, b)
						}
						count[b]++
					}
				}
			}
			near = ascending(near, seen)
			f(a, near, count)
			for _, b := range near {
				count[b] = 0
			}
		}
	})
}

// ascending sorts the distinct ids near: by a sort when they are few
// against the bitset seen (all zero, one bit an id; left all zero), else
// by marking them in seen and reading it off.
func ascending(near []int32, seen []uint64) []int32 {
	if len(near)*16 < len(seen) {
		slices.Sort(near)
		return near
	}
	for _, b := range near {
		seen[b>>6] |= 1 << (b & 63)
	}
	near = near[:0]
	for w, bits := range seen {
		for ; bits != 0; bits &= bits - 1 {
			near = append(near, int32(w<<6+mathbits.TrailingZeros64(bits)))
		}
		seen[w] = 0
	}
	return near
}
