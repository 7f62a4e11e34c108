package cluster

import (
	"sort"

	"github.com/leian/leian/ticket"
)

// Identity-matching thresholds; see doc.go.
const (
	sameOverlap   = 0.30 // Jaccard of members for "same issue"
	partOverlap   = 0.50 // share of a cluster's members that makes it part of another
	sameCentroid  = 0.85 // centroid cosine for "same issue" when members do not overlap
	newIDSentinel = -1
)

// Link relates a new cluster to a previous one.
type Link struct {
	New      int   // index of the new cluster
	ID       int64 // stable id given to it
	Prev     int64 // previous stable id, or -1
	Relation ticket.Relation
	Overlap  float64
	Sim      float64
}

// MatchInput describes the previous run as seen from the new one.
type MatchInput struct {
	K          int                 // new clusters, indexed 0..K-1
	NewOf      []int               // new cluster of each ticket in the window (-1 none)
	PrevOf     []int64             // previous stable id of each ticket (-1 none)
	CentroidSm map[int64][]float64 // per previous id: cosine of its pseudo-centroid to each new cluster
}

// Match gives each new cluster a stable id. Pairs are taken greedily by
// member Jaccard (then centroid similarity), one to one: a pair with Jaccard
// at least sameOverlap, or without shared members but centroid cosine at
// least sameCentroid, keeps the previous id (same). A new cluster left over
// that mostly (partOverlap) comes from an already matched previous cluster
// is a split and gets a fresh id; a previous cluster left over whose members
// mostly went to one new cluster is merged into it. Everything else is new.
// next hands out fresh ids. Ties break by lower new index, then lower id.
func Match(in MatchInput, next func() int64) []Link {
	ov := newOverlaps(in)
	links := make([]Link, in.K)
	done := make([]bool, in.K)
	taken := map[int64]bool{}
	for _, c := range ov.candidates(in) {
		if done[c.n] || taken[c.p] {
			continue
		}
		done[c.n], taken[c.p] = true, true
		links[c.n] = Link{New: c.n, ID: c.p, Prev: c.p, Relation: ticket.RelationSame, Overlap: c.jac, Sim: c.sm}
	}
	for n := 0; n < in.K; n++ {
		if done[n] {
			continue
		}
		links[n] = Link{New: n, ID: next(), Prev: newIDSentinel, Relation: ticket.RelationNew}
		for _, p := range ov.prevIDs {
			if x := ov.inter[[2]int64{int64(n), p}]; ov.newSize[n] > 0 && x/ov.newSize[n] >= partOverlap {
				links[n].Prev, links[n].Relation, links[n].Overlap = p, ticket.RelationSplit, x/ov.newSize[n]
				break
			}
		}
	}
	// Previous clusters that found no match but went mostly into one new one.
	for _, p := range ov.prevIDs {
		if taken[p] || ov.prevSize[p] == 0 {
			continue
		}
		for n := 0; n < in.K; n++ {
			if x := ov.inter[[2]int64{int64(n), p}]; x/ov.prevSize[p] >= partOverlap {
				links = append(links, Link{New: n, ID: links[n].ID, Prev: p, Relation: ticket.RelationMerge, Overlap: x / ov.prevSize[p]})
				break
			}
		}
	}
	return links
}

// overlaps counts the members new and previous clusters share: inter[n, p]
// tickets are in new cluster n and were in previous p; prevIDs are the
// previous ids with members or a centroid similarity, ascending.
type overlaps struct {
	inter    map[[2]int64]float64
	newSize  []float64
	prevSize map[int64]float64
	prevIDs  []int64
}

func newOverlaps(in MatchInput) overlaps {
	ov := overlaps{inter: map[[2]int64]float64{}, newSize: make([]float64, in.K), prevSize: map[int64]float64{}}
	for i, n := range in.NewOf {
		p := in.PrevOf[i]
		if n >= 0 {
			ov.newSize[n]++
		}
		if p >= 0 {
			ov.prevSize[p]++
		}
		if n >= 0 && p >= 0 {
			ov.inter[[2]int64{int64(n), p}]++
		}
	}
	for p := range ov.prevSize {
		ov.prevIDs = append(ov.prevIDs, p)
	}
	for p := range in.CentroidSm {
		if _, ok := ov.prevSize[p]; !ok {
			ov.prevIDs = append(ov.prevIDs, p)
		}
	}
	sort.Slice(ov.prevIDs, func(a, b int) bool { return ov.prevIDs[a] < ov.prevIDs[b] })
	return ov
}

// matchCand is a pair that may keep the previous id: new cluster n,
// previous id p, member Jaccard and centroid similarity.
type matchCand struct {
	n       int
	p       int64
	jac, sm float64
}

// candidates returns the pairs with Jaccard at least sameOverlap, or no
// shared member and centroid cosine at least sameCentroid, best first
// (Jaccard, then similarity; stable in new index, then id order).
func (ov overlaps) candidates(in MatchInput) []matchCand {
	var cands []matchCand
	for n := 0; n < in.K; n++ {
		for _, p := range ov.prevIDs {
			x := ov.inter[[2]int64{int64(n), p}]
			jac := x / (ov.newSize[n] + ov.prevSize[p] - x)
			var sm float64
			if s := in.CentroidSm[p]; s != nil {
				sm = s[n]
			}
			if jac >= sameOverlap || (x == 0 && sm >= sameCentroid) {
				cands = append(cands, matchCand{n, p, jac, sm})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].jac != cands[b].jac {
			return cands[a].jac > cands[b].jac
		}
		return cands[a].sm > cands[b].sm
	})
	return cands
}
