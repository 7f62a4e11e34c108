package cluster_test

import (
	"fmt"

	"github.com/leian/leian/cluster"
)

// Last week's clusters 7 and 8 held tickets 0-5 and 6-9. This week's run
// found two clusters: 0 holds 0-5 again, 1 holds 6-9 and two new tickets.
// Both keep their ids; nothing is split, merged or new.
func ExampleMatch() {
	prev := []int64{7, 7, 7, 7, 7, 7, 8, 8, 8, 8, -1, -1}
	now := []int{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}
	next := int64(100) // the next fresh id, if one were needed
	links := cluster.Match(cluster.MatchInput{K: 2, NewOf: now, PrevOf: prev}, func() int64 { next++; return next })
	for _, l := range links {
		fmt.Printf("new cluster %d: id %d (%s, member overlap %.2f)\n", l.New, l.ID, l.Relation, l.Overlap)
	}
	// Output:
	// new cluster 0: id 7 (same, member overlap 1.00)
	// new cluster 1: id 8 (same, member overlap 0.67)
}
