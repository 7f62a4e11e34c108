package vectors

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRadixSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 1000, 70000} {
		keys := make([]uint64, n)
		for i := range keys {
			keys[i] = r.Uint64() >> uint(r.IntN(64))
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		radixSort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("radixSort of %d keys differs from slices.Sort", n)
		}
	}
}
