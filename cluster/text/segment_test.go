package text

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-ego/gse"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/ticket"
)

// freshAndCompact loads gse's own segmenter and, built from it and sent
// through the cache file's bytes, the compact dictionary.
func freshAndCompact(tb testing.TB) (*gse.Segmenter, map[string]float64, *compact) {
	tb.Helper()
	seg, gidf, err := loadGSEDict()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := compactOf(seg, gidf)
	if err != nil {
		tb.Fatal(err)
	}
	c, err = decode(encode(c))
	if err != nil {
		tb.Fatal(err)
	}
	return seg, gidf, c
}

// sameCut fails unless the compact dictionary cuts s as gse does, and
// gives every word gse's part of speech and general IDF.
func sameCut(t *testing.T, seg *gse.Segmenter, gidf map[string]float64, c *compact, s string) {
	t.Helper()
	want, got := seg.Cut(s), c.cut(s)
	if !slices.Equal(got, want) {
		t.Fatalf("cut(%q)\n got %q\nwant %q", s, got, want)
	}
	for _, w := range got {
		_, pos, _ := seg.Find(w)
		if p := c.posOf(w); p != pos {
			t.Fatalf("posOf(%q) = %q; want %q", w, p, pos)
		}
		v, ok := gidf[w]
		if gv, gok := c.generalIDF(w); gv != v || gok != ok {
			t.Fatalf("generalIDF(%q) = %v, %v; want %v, %v", w, gv, gok, v, ok)
		}
	}
}

// TestCompactCutsAsGSE compares the compact dictionary with gse on edge
// cases, generated tickets (raw and cleaned) and the real sets in
// ../shared/data.
func TestCompactCutsAsGSE(t *testing.T) {
	seg, gidf, c := freshAndCompact(t)
	cases := []string{"", " ", "a", "ABC路灯不亮", "3D打印机iPhone15 Pro", "噪音扰民占道经营预付卡退费",
		"\t尊敬的领导：\r\n您好！A3区K2区", "😀表情符号𠀀", "\xff\xfe无效字节", "ÉCOLE école Ωμέγα", "１２３４５ＡＢＣ",
		"小区门口井盖丢失，联系电话13812345678", "。。。！！", "x3d打印 3d打印",
		"\xe5\x85噪音\xbf扰民", "\xef\xbf\xbd路灯", "𠀀小区𠀀噪音扰民",
		"ABC\xff路灯Ab\xe5\x85C", "Ωμέγα12AB"}
	for _, s := range cases {
		sameCut(t, seg, gidf, c, s)
	}
	cl := NewCleaner()
	n := 0
	_, err := gen.Generate(gen.Config{Rows: 3000, Seed: 7, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, ticket.Zone), Days: 60, Messy: gen.DefaultMessy},
		func(tk *gen.Ticket, _ gen.Truth) error {
			s := tk[ticket.ColTitle] + " " + tk[ticket.ColContent]
			sameCut(t, seg, gidf, c, s)
			sameCut(t, seg, gidf, c, cl.Clean(s))
			n++
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"gov495.csv", "cnews1k.csv", "thucnews20k.csv"} {
		texts := sharedTexts(t, name)
		for _, s := range texts {
			sameCut(t, seg, gidf, c, s)
			sameCut(t, seg, gidf, c, cl.Clean(s))
		}
		n += len(texts)
	}
	t.Logf("%d texts cut alike", n)
}

// sharedTexts returns the text column of a real set in ../shared/data, or
// skips the rest of the test when the set is absent.
func sharedTexts(t *testing.T, name string) []string {
	path := filepath.Join("..", "..", "..", "shared", "data", name)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s absent: the real sets live beside the repository in ../shared/data", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := slices.Index(recs[0], "text")
	if col < 0 {
		t.Fatalf("%s: no text column", path)
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[col])
	}
	return out
}

// FuzzCompactCut compares the compact dictionary with gse on any input.
func FuzzCompactCut(f *testing.F) {
	seg, gidf, c := freshAndCompact(f)
	for _, s := range []string{"小区门口井盖丢失", "ABC路灯不亮3d", "😀\xff表情"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameCut(t, seg, gidf, c, s) })
}

// TestLoadGSEFromCache checks that the first load writes the cache, the
// second reads it, and a damaged file is rebuilt.
func TestLoadGSEFromCache(t *testing.T) {
	dir := t.TempDir()
	const v = "v0.0.0-test h1:test"
	first, err := loadCached(dir, v)
	if err != nil {
		t.Fatal(err)
	}
	if st := first.Cache(); st.Hit || st.Err != nil || st.Path == "" {
		t.Fatalf("first load: %+v; want a miss that wrote the file", st)
	}
	// A hit marks the file read (its modification time), so that another
	// binary's writeCache keeps it.
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(first.Cache().Path, old, old); err != nil {
		t.Fatal(err)
	}
	second, err := loadCached(dir, v)
	if err != nil {
		t.Fatal(err)
	}
	if st := second.Cache(); !st.Hit || st.Err != nil {
		t.Fatalf("second load: %+v; want a hit", st)
	}
	if st, err := os.Stat(first.Cache().Path); err != nil || time.Since(st.ModTime()) > time.Hour {
		t.Fatalf("after a hit the file's time is %v (%v); want now", st.ModTime(), err)
	}
	s := "市民反映小区门口井盖丢失，存在安全隐患"
	if got, want := second.Cut(s), first.Cut(s); !slices.Equal(got, want) {
		t.Fatalf("cached Cut = %q; want %q", got, want)
	}
	b, err := os.ReadFile(first.Cache().Path)
	if err != nil {
		t.Fatal(err)
	}
	b = b[:len(b)/2] // a file cut short
	if err := os.WriteFile(first.Cache().Path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := loadCached(dir, v)
	if err != nil {
		t.Fatal(err)
	}
	if st := third.Cache(); st.Hit || st.Err != nil {
		t.Fatalf("damaged file: %+v; want a rebuild", st)
	}
	if _, err := decode(b); !errors.Is(err, errCorrupt) {
		t.Fatalf("decode(damaged) = %v; want errCorrupt", err)
	}
	// A file of the right length with bytes changed inside an array: the
	// checksum turns it away (an offset gone wrong would make Cut panic).
	whole, err := os.ReadFile(third.Cache().Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{len(whole) / 3, len(whole) / 2, len(whole) - 5} {
		bad := slices.Clone(whole)
		bad[at] ^= 0x5a
		if _, err := decode(bad); !errors.Is(err, errCorrupt) {
			t.Fatalf("decode(byte %d of %d changed) = %v; want errCorrupt", at, len(whole), err)
		}
	}
	if _, err := decode(whole); err != nil {
		t.Fatalf("decode(the rebuilt file) = %v", err)
	}
	if cacheKey(v) == cacheKey("v0.0.1 h1:other") {
		t.Fatal("cacheKey ignores gse's version")
	}
}

// TestWriteCacheKeepsFilesInUse: writing a cache file removes the other
// segdict files not read for staleAfter, and keeps those read since (a
// binary of another version sharing the directory).
func TestWriteCacheKeepsFilesInUse(t *testing.T) {
	_, c := smallDict(t, []string{"井盖", "丢失", "小区"}, nil)
	dir := t.TempDir()
	inUse, stale := filepath.Join(dir, "segdict-inuse.bin"), filepath.Join(dir, "segdict-stale.bin")
	for _, p := range []string{inUse, stale} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "segdict-new.bin")
	if err := writeCache(path, c); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{path: true, inUse: true, stale: false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v; want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// TestWriteCacheKeepsFewOthers: of the other segdict files, the keepOthers
// most recently read stay, and older ones go once no process has read
// them for inUseFor, however young they are against staleAfter; a file
// read within inUseFor stays whatever its rank.
func TestWriteCacheKeepsFewOthers(t *testing.T) {
	_, c := smallDict(t, []string{"井盖", "丢失", "小区"}, nil)
	for _, tc := range []struct {
		read []int // hours since each other file was read
		kept int   // how many of them, the most recent, stay
	}{
		{[]int{50, 1, 98, 74, 800}, 3}, // 98 h: beyond the 3 most recent; 800 h: stale
		{[]int{3, 50, 1, 5, 2}, 4},     // read within a day: kept beyond the 3
	} {
		dir := t.TempDir()
		want := map[string]bool{}
		sorted := slices.Sorted(slices.Values(tc.read))
		for i, h := range tc.read {
			p := filepath.Join(dir, fmt.Sprintf("segdict-%d.bin", i))
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			read := time.Now().Add(-time.Duration(h) * time.Hour)
			if err := os.Chtimes(p, read, read); err != nil {
				t.Fatal(err)
			}
			want[p] = h <= sorted[tc.kept-1]
		}
		path := filepath.Join(dir, "segdict-new.bin")
		if err := writeCache(path, c); err != nil {
			t.Fatal(err)
		}
		want[path] = true
		for p, keep := range want {
			if _, err := os.Stat(p); (err == nil) != keep {
				t.Errorf("read %v hours ago: %s exists: %v; want %v", tc.read, filepath.Base(p), err == nil, keep)
			}
		}
	}
}

// TestIsPlaceCode checks isPlaceCode against the pattern it replaced,
// ^[a-z][0-9]{0,2}$, on words around its edges.
func TestIsPlaceCode(t *testing.T) {
	re := regexp.MustCompile(`^[a-z][0-9]{0,2}$`)
	for _, w := range []string{"", "a", "k2", "a35", "a356", "A3", "3a", "ab", "a3b", "z9", "{1", "`1", "a/", "a:", "路", "a路", "a\n"} {
		if got, want := isPlaceCode(w), re.MatchString(w); got != want {
			t.Errorf("isPlaceCode(%q) = %v; want %v", w, got, want)
		}
	}
}

// TestTrimSpace checks trimSpace against strings.TrimSpace around the
// edges of its quick case.
func TestTrimSpace(t *testing.T) {
	for _, w := range []string{"", " ", "路", " 路", "路 ", "路\u3000", "\u3000路", "路灯", "a路", "路a", "\xe4\x80", "\xe4\x80\x80",
		"路\xe4\x80", "\xe4路", "路\xe9\xbf\xbf", "\u4000\u9fff", "路\u2028", "\u00a0路\u00a0", "路\xe4\xc0\x80", "路\xe4\x80\xc0"} {
		if got, want := trimSpace(w), strings.TrimSpace(w); got != want {
			t.Errorf("trimSpace(%q) = %q; want %q", w, got, want)
		}
	}
}
