package text

import (
	"context"
	"os"
	"testing"
)

// BenchmarkLoadGSEDict is gse's own load: the embedded dictionary, the
// domain words and the IDF table (what every process did before the cache).
func BenchmarkLoadGSEDict(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, _, err := loadGSEDict(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCached reads the compact dictionary from its cache file.
func BenchmarkLoadCached(b *testing.B) {
	dir := b.TempDir()
	if _, err := loadCached(dir, "bench"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g, err := loadCached(dir, "bench")
		if err != nil || !g.Cache().Hit {
			b.Fatalf("%v %+v", err, g.Cache())
		}
	}
}

// BenchmarkCut compares cutting speed: gse's segmenter and the compact
// dictionary over the same texts.
func BenchmarkCut(b *testing.B) {
	seg, _, c := freshAndCompact(b)
	texts := benchTexts(b)
	var bytes int64
	for _, s := range texts {
		bytes += int64(len(s))
	}
	b.Run("gse", func(b *testing.B) {
		b.SetBytes(bytes)
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				seg.Cut(s)
			}
		}
	})
	b.Run("compact", func(b *testing.B) {
		b.SetBytes(bytes)
		for i := 0; i < b.N; i++ {
			for _, s := range texts {
				c.cut(s)
			}
		}
	})
}

func benchTexts(b *testing.B) []string {
	if _, err := os.Stat("../../../shared/data/gov495.csv"); err != nil {
		b.Skip("../shared/data/gov495.csv absent: the real sets live beside the repository")
	}
	t := &testing.T{}
	return sharedTexts(t, "gov495.csv")
}

// BenchmarkTokenize runs Tokenize (clean, cut, filter) over the 20,000
// THUCNews titles in ../shared/data, as a run tokenises its tickets.
func BenchmarkTokenize(b *testing.B) {
	if _, err := os.Stat("../../../shared/data/thucnews20k.csv"); err != nil {
		b.Skip("../shared/data/thucnews20k.csv absent: the real sets live beside the repository")
	}
	texts := sharedTexts(&testing.T{}, "thucnews20k.csv")
	_, _, c := freshAndCompact(b)
	tok, cl := NewTokenizer(&GSE{dict: c}), NewCleaner()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Tokenize(ctx, tok, cl, texts, nil, 0); err != nil {
			b.Fatal(err)
		}
	}
}
