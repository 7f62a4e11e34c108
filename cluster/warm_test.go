package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/leian/leian/cluster/vectors"
)

// TestWarmStartKeepsQuality slides a 20-week window over 26 weeks of
// generated tickets a week at a time, as the weekly job does: the first
// window is clustered from scratch, each later one starts from the clusters
// of the one before, in the words of the one before (as Engine.Run does).
// Each warm run must find the planted issue
// types as well as a fresh run of the same window does (NMI at least 0.97
// and within 0.01 of it).
func TestWarmStartKeepsQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 60,000 generated tickets several times")
	}
	g := generated(t, 60000, 182)
	start := g.tk.Received[0]
	for _, r := range g.tk.Received {
		if r.Before(start) {
			start = r
		}
	}
	window := func(w int) []int { // rows received in weeks w .. w+19
		var idx []int
		lo, hi := start.AddDate(0, 0, 7*w), start.AddDate(0, 0, 7*(w+20))
		for i, r := range g.tk.Received {
			if !r.Before(lo) && r.Before(hi) {
				idx = append(idx, i)
			}
		}
		return idx
	}
	prev := map[int]int64{} // row -> cluster of the last run
	var prevModel *vectors.Model
	for w := 0; w < 4; w++ {
		idx := window(w)
		docs, types := make([][]string, len(idx)), make([]string, len(idx))
		prior := make([]int64, len(idx))
		for j, i := range idx {
			docs[j], types[j] = g.docs[i], g.types[i]
			prior[j] = -1
			if c, ok := prev[i]; ok {
				prior[j] = c
			}
		}
		if w == 0 {
			prior = nil
		}
		t0 := time.Now()
		wm, labels, _, tm, err := vectors.FitWarm(context.Background(), vectors.DocsOf(docs), vectors.Defaults(), prior, prevModel)
		if err != nil {
			t.Fatal(err)
		}
		prevModel = wm
		warmSec := time.Since(t0).Seconds()
		warm := vectors.Compare(labelIDs(types), labels)
		clear(prev)
		for j, i := range idx {
			if labels[j] >= 0 {
				prev[i] = int64(labels[j]) + 1000*int64(w) // ids need not be small or stable
			}
		}
		if w == 0 {
			t.Logf("window %d (%d tickets) from scratch: NMI %.4f in %.2f s", w, len(idx), warm.NMI, warmSec)
			continue
		}
		t0 = time.Now()
		cm, cold, _, err := vectors.Fit(context.Background(), docs, vectors.Defaults())
		if err != nil {
			t.Fatal(err)
		}
		coldSec := time.Since(t0).Seconds()
		c := vectors.Compare(labelIDs(types), cold)
		t.Logf("window %d (%d tickets): warm NMI %.4f (%d clusters, words kept %v, %.1f%% of tokens outside them) in %.2f s, from scratch NMI %.4f (%d clusters) in %.2f s",
			w, len(idx), warm.NMI, wm.Centroids.Len(), tm.Reused, 100*tm.OOV, warmSec, c.NMI, cm.Centroids.Len(), coldSec)
		// Issue 10's floor for generated tickets is 0.90. Since the
		// real-text changes a fresh run scores 0.91-0.92 here (was 0.99)
		// and a warm one 0.957-0.971 (doc.go).
		if warm.NMI < 0.93 || warm.NMI < c.NMI-0.01 {
			t.Errorf("window %d: warm-start NMI %.4f; want at least 0.93 and within 0.01 of %.4f", w, warm.NMI, c.NMI)
		}
	}
}
