package cluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/leian/leian/ticket"
)

func TestMatch(t *testing.T) {
	// Tickets 0-9 were in previous cluster 7, 10-19 in 8, 20-24 in 9.
	prev := []int64{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, -1, -1, -1}
	// New: cluster 0 keeps 7's tickets; 8 splits into 1 (10-14) and 2 (15-19);
	// 9 merges into 0; 3 is new (25-27).
	nw := []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 3, 3, 3}
	next := int64(100)
	links := Match(MatchInput{K: 4, NewOf: nw, PrevOf: prev}, func() int64 { next++; return next })
	type rel struct {
		New      int
		ID, Prev int64
		Relation ticket.Relation
	}
	var got []rel
	for _, l := range links {
		got = append(got, rel{l.New, l.ID, l.Prev, l.Relation})
	}
	want := []rel{
		{0, 7, 7, "same"}, // Jaccard 10/15
		{1, 8, 8, "same"}, // Jaccard 5/10, ties with cluster 2: lower index wins
		{2, 101, 8, "split"},
		{3, 102, -1, "new"},
		{0, 7, 9, "merge"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Match (-want +got):\n%s", diff)
	}
}

func TestMatchByCentroidWithoutOverlap(t *testing.T) {
	// The window moved on: no shared tickets, but previous cluster 5's top
	// terms embed close to new cluster 1.
	links := Match(MatchInput{K: 2, NewOf: []int{0, 1}, PrevOf: []int64{-1, -1},
		CentroidSm: map[int64][]float64{5: {0.1, 0.93}}}, func() int64 { return 50 })
	if links[1].ID != 5 || links[1].Relation != "same" || links[0].Relation != "new" {
		t.Errorf("got %+v; want new cluster 1 to keep id 5 and cluster 0 to be new", links)
	}
}
