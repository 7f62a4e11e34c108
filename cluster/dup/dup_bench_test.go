package dup

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/leian/leian/gen"
)

// BenchmarkGroups groups generated tickets (LEIAN_BENCH_ROWS, default
// 200,000, over 600 days) without a signature cache, as a full run does;
// segmenting them is outside the timer.
func BenchmarkGroups(b *testing.B) {
	rows := 200_000
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		rows = n
	}
	docs, _ := genDupDocs(b, rows, gen.DefaultMessy)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Groups(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
}
