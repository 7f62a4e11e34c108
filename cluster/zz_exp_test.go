package cluster

import (
	"context"
	"testing"
	"time"
)

func TestZZExp(t *testing.T) {
	g := generated(t, 60000, 182)
	for _, fs := range []int{60000, 20000, 10000} {
		cfg := Defaults()
		cfg.FitSample = fs
		t0 := time.Now()
		m, labels, tm, err := Fit(context.Background(), g.docs, cfg)
		if err != nil {
			t.Fatal(err)
		}
		s := Compare(labelIDs(g.types), labels)
		t.Logf("fitsample %d: %.2fs (feat %.2f cl %.2f) k=%d NMI %.4f iters %v", fs, time.Since(t0).Seconds(), tm.Features, tm.Cluster, m.Centroids.Len(), s.NMI, zzIters)
		zzIters = nil
	}
}
