package text

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// long is 32 characters, 96 bytes: the long words are its prefixes and
// extensions, so that they share prefixes of 63 bytes or more.
var long = strings.Repeat("噪音扰民占道经营", 4)

// prefixWords are the words of the small dictionaries: one-character
// words, words that are prefixes of others, characters above U+FFFF
// (four bytes, one of which ends at byte 64 after 60 bytes of long),
// and long words whose prefixes of 63 bytes or more share a tag length.
func prefixWords() (short, longs []string) {
	short = []string{"路", "灯", "一", "𠀀", "𠀁", "ab", "abc", "路灯", "路灯不亮", "小区", "小区门口",
		"𠀀小区", "小区𠀀", "𠀀𠀁", "不亮"}
	longs = []string{long[:63], long[:66], long[:69], long[:96], long[:63] + "𠀀路", long[:75] + "路灯",
		long[:75] + "小区", strings.Repeat("q", 64), strings.Repeat("q", 70), "ab" + long[:63]}
	return short, longs
}

// smallDict builds, through gse, compactOf and the cache file's bytes,
// the compact dictionary of words, with gse's segmenter of them.
func smallDict(t *testing.T, words []string, gidf map[string]float64) (*gse.Segmenter, *compact) {
	t.Helper()
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	var dict []map[string]string
	for i, w := range words {
		pos := []string{"n", "v", "a"}[i%3]
		dict = append(dict, map[string]string{"text": w, "freq": strconv.Itoa(2 + 37*i%101), "pos": pos})
	}
	if err := seg.LoadDictMap(dict); err != nil {
		t.Fatal(err)
	}
	c, err := compactOf(seg, gidf)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = decode(encode(c)); err != nil {
		t.Fatal(err)
	}
	got := make([]string, c.n())
	for i := range got {
		got[i] = c.word(i)
	}
	want := slices.Clone(words)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("compact words %q; want %q", got, want)
	}
	return seg, c
}

// firstWith is block by a linear scan: the first of the sorted words
// that begins with p, or -1.
func firstWith(words []string, p string) int {
	for i, w := range words {
		if strings.HasPrefix(w, p) {
			return i
		}
	}
	return -1
}

// checkTable compares block and find with a linear scan over c's words,
// for every prefix of every word that ends at a character boundary, and
// for the words extended by a character and a few strings no word has.
func checkTable(t *testing.T, c *compact) {
	t.Helper()
	words := make([]string, c.n())
	for i := range words {
		words[i] = c.word(i)
	}
	keys := []string{"不", "亮不", "𠀂", "q", strings.Repeat("q", 71), strings.Repeat("噪", 30), long + "路"}
	for _, w := range words {
		for i := 0; i < len(w); {
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
			keys = append(keys, w[:i])
		}
		keys = append(keys, w+"路", w+"𠀀", w+"z", w[:len(w)-1]+"\xff")
	}
	slices.Sort(keys)
	for _, p := range slices.Compact(keys) {
		if got, want := c.probe(p, hashMore(fnvOffset, p)), firstWith(words, p); got != want {
			t.Errorf("probe(%q) = %d; want %d", p, got, want)
		}
		if got, want := c.find(p), slices.Index(words, p); got != want {
			t.Errorf("find(%q) = %d; want %d", p, got, want)
		}
	}
}

// cutTexts returns texts made of the words and characters around them:
// each word alone, all of them run together, and 300 random runs.
func cutTexts(words []string) []string {
	pieces := append(slices.Clone(words), "路", "噪", "音", "𠀀", "q", "Q", "AB", " ", "，", "\xff", "1")
	texts := append(slices.Clone(words), strings.Join(words, ""), strings.Join(words, " "))
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(4) == 0 { // a word cut short, or a long word's head
				p = p[:r.IntN(len(p)+1)]
			}
			b.WriteString(p)
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestPrefixTable compares the prefix table's block and find with a
// linear scan over the words, and the cut with gse's, on two small
// dictionaries: the words of prefixWords, and their long words alone,
// the first of which is 65 bytes long (block's k == 0).
func TestPrefixTable(t *testing.T) {
	short, longs := prefixWords()
	gidf := map[string]float64{"路灯": 3.5, long[:66]: 9}
	for _, words := range [][]string{append(short, longs...), longs} {
		seg, c := smallDict(t, words, gidf)
		checkTable(t, c)
		for _, s := range cutTexts(words) {
			sameCut(t, seg, gidf, c, s)
		}
	}
}

// TestPrefixTableAnyOrder checks block on a table whose prefixes are put
// in the reverse of index's order, with a word long[:63]+x whose hash has
// the same top bits and first slot as long[:63]'s. Put first, its slot
// comes before long[:63]'s on that prefix's path, and has its tag (both
// are 63 bytes or more): only block's check that the word before lacks
// the prefix passes over it. In index's order long[:63]'s own slot comes
// first, and TestPrefixTable passes without that check.
func TestPrefixTableAnyOrder(t *testing.T) {
	short, longs := prefixWords()
	words := append(short, longs...)
	gidf := map[string]float64{}
	_, c := smallDict(t, append(words, long[:63]+"甲乙"), gidf)
	x := collider(t, len(c.prefixes)-1)
	seg, c := smallDict(t, append(words, long[:63]+x), gidf)
	p, q := hashMore(fnvOffset, long[:63]), hashMore(fnvOffset, long[:63]+x)
	if mask := len(c.prefixes) - 1; slot(p, mask) != slot(q, mask) || p>>58 != q>>58 {
		t.Fatalf("%q: no collision in a table of %d slots", x, mask+1)
	}
	checkTable(t, c)
	var ps []string
	var ks []int
	c.eachPrefix(func(p string, k int) { ps, ks = append(ps, p), append(ks, k) })
	clear(c.prefixes)
	for i := len(ps) - 1; i >= 0; i-- {
		c.put(ps[i], ks[i])
	}
	checkTable(t, c)
	for _, s := range cutTexts(words) {
		sameCut(t, seg, gidf, c, s)
	}
}

// collider returns two characters x, the first not long's 22nd (long[:63]+x
// then shares no prefix with another word past long[:63]), such that
// long[:63]+x hashes to long[:63]'s first slot in a table of mask+1 slots
// with the same top 6 bits.
func collider(t *testing.T, mask int) string {
	h := hashMore(fnvOffset, long[:63])
	next, _ := utf8.DecodeRuneInString(long[63:])
	for r1 := rune(0x4E00); r1 <= 0x9FFF; r1++ {
		if r1 == next {
			continue
		}
		for r2 := rune(0x4E00); r2 <= 0x9FFF; r2++ {
			x := string([]rune{r1, r2})
			if g := hashMore(h, x); slot(g, mask) == slot(h, mask) && g>>58 == h>>58 {
				return x
			}
		}
	}
	t.Fatal("no two characters collide")
	return ""
}

// TestRuneTableIsProbe checks firstOf3 against the prefix table: for
// every character of three bytes, and for keys of other shapes (a run of
// letters, a four-byte character, an invalid byte), block gives the
// first word probe gives.
func TestRuneTableIsProbe(t *testing.T) {
	short, longs := prefixWords()
	_, c := smallDict(t, append(short, longs...), nil)
	found := 0
	for r := rune(0x800); r <= 0xFFFF; r++ {
		unit := string(r)
		h := hashMore(fnvOffset, unit)
		got, want := c.block(unit, h), c.probe(unit, h)
		if got != want {
			t.Fatalf("block(%q) = %d, probe = %d", unit, got, want)
		}
		if got >= 0 {
			found++
		}
	}
	begin := map[rune]bool{} // characters of three bytes that begin a word
	for _, w := range append(short, longs...) {
		if r, size := utf8.DecodeRuneInString(w); size == 3 {
			begin[r] = true
		}
	}
	if found != len(begin) {
		t.Errorf("%d characters of three bytes begin a word by block, %d by the words", found, len(begin))
	}
	for _, unit := range []string{"ab", "𠀀", "\xff", "q"} {
		h := hashMore(fnvOffset, unit)
		if got, want := c.block(unit, h), c.probe(unit, h); got != want {
			t.Errorf("block(%q) = %d, probe = %d", unit, got, want)
		}
	}
}
