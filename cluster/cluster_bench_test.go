package cluster

import (
	"context"
	"encoding/csv"
	"os"
	"testing"
)

const thucPath = "../../shared/data/thucnews20k.csv"

// thucNews reads the shared THUCNews titles, or skips when they are absent.
func thucNews(tb testing.TB) (texts, labels []string) {
	tb.Helper()
	f, err := os.Open(thucPath)
	if err != nil {
		tb.Skipf("THUCNews titles not found at %s (shared data is outside the repository): %v", thucPath, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs[1:] {
		texts = append(texts, r[1])
		labels = append(labels, r[2])
	}
	return texts, labels
}

var benchSeg *GSE

func loadSeg(tb testing.TB) *GSE {
	tb.Helper()
	if benchSeg == nil {
		s, err := LoadGSE()
		if err != nil {
			tb.Fatal(err)
		}
		benchSeg = s
	}
	return benchSeg
}

// BenchmarkTHUCNews runs the 20,000 titles through segmentation, features
// and clustering with k = 10 (goal: at most 1 s; the dictionary load is
// outside the timer) and reports the NMI.
func BenchmarkTHUCNews(b *testing.B) {
	texts, labels := thucNews(b)
	seg := loadSeg(b)
	tok, cl := NewTokenizer(seg), NewCleaner()
	cfg := Defaults()
	cfg.K = 10
	truth := labelIDs(labels)
	b.ResetTimer()
	var nmi float64
	for i := 0; i < b.N; i++ {
		docs, err := Tokenize(context.Background(), tok, cl, texts, nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		_, pred, _, err := Fit(context.Background(), docs, cfg)
		if err != nil {
			b.Fatal(err)
		}
		nmi = Compare(truth, pred).NMI
	}
	b.ReportMetric(nmi, "NMI")
}

func labelIDs(labels []string) []int {
	ids := map[string]int{}
	out := make([]int, len(labels))
	for i, l := range labels {
		if _, ok := ids[l]; !ok {
			ids[l] = len(ids)
		}
		out[i] = ids[l]
	}
	return out
}
