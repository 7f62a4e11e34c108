package surge_test

import (
	"fmt"

	"github.com/leian/leian/cluster/surge"
)

// A cluster with two events a week for eight weeks, then twelve: a surge.
func ExampleDetect() {
	var series []surge.Weekly
	for w := 1; w <= 8; w++ {
		series = append(series, surge.Weekly{ClusterID: 7, Week: fmt.Sprintf("2026-W%02d", w), Events: 2})
	}
	series = append(series, surge.Weekly{ClusterID: 7, Week: "2026-W09", Events: 12})
	for _, f := range surge.Detect(series) {
		fmt.Printf("cluster %d %s: %s, %d events against %.1f\n", f.ClusterID, f.Week, f.Kind, f.Count, f.Baseline)
	}
	// Output: cluster 7 2026-W09: surge, 12 events against 2.0
}
