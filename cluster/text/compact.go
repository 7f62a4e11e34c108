package text

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// compact is gse's dictionary reduced to what Cut, PartOfSpeech and
// GeneralIDF read, in arrays that load without building anything: the
// words in byte order, each with gse's path length (distance), its
// number of gse text units and its part of speech, a hash table of the
// words' prefixes, and gse's general IDF table. It is read-only once
// built and safe for concurrent use.
type compact struct {
	words    string    // the words, sorted, concatenated
	off      []uint32  // word i is words[off[i]:off[i+1]]
	dist     []float32 // gse's Token.distance of word i
	units    []uint8   // gse's len(Token.text) of word i
	pos      []uint16  // index into posNames
	posNames []string
	maxUnits int // gse's Dictionary.MaxTokenLen

	idfWords string
	idfOff   []uint32
	idf      []float64

	// prefixes is a hash table (open addressing, linear probing, at most
	// half full) of every prefix of every word that ends at a character
	// boundary: the prefix's slot holds the index of the first word that
	// begins with it plus 1 in its low 20 bits (prefixIdx), then the
	// prefix's length (63 for 63 bytes or more) in 6 bits and the top 6
	// bits of its hash; 0 is an empty slot. Slots of other prefixes are
	// mostly passed over on length and hash, without reading their words.
	prefixes []uint32

	// firstOf3 holds, for each character of three UTF-8 bytes (U+0800 to
	// U+FFFF, the common Han characters among them), the index of the
	// first word that begins with it plus 1, 0 when none does: block's
	// answer for that one-character prefix, read from a table of 256 KB
	// instead of probing the prefix table and reading a word (block).
	// Every position of a text starts with such a lookup. Built on
	// loading (indexRunes), not saved.
	firstOf3 []int32
}

// pseudoDistance is the path length gse gives a character that starts no
// dictionary word (segmenter.go, segmentWords).
const pseudoDistance = 32

func (c *compact) word(i int) string { return c.words[c.off[i]:c.off[i+1]] }

func (c *compact) n() int { return len(c.off) - 1 }

// index builds prefixes from the sorted words.
func (c *compact) index() error {
	if c.n() >= prefixIdx {
		return fmt.Errorf("text: %d dictionary words, more than the prefix table holds", c.n())
	}
	count := 0
	c.eachPrefix(func(string, int) { count++ })
	size := 2
	for size < 2*count {
		size *= 2
	}
	c.prefixes = make([]uint32, size)
	c.eachPrefix(c.put)
	return nil
}

// put adds prefix p, whose first word is k, to the prefix table, in the
// first empty slot from p's. index puts the prefixes in eachPrefix's
// order; block finds them in any order.
func (c *compact) put(p string, k int) {
	h, mask := hashMore(fnvOffset, p), len(c.prefixes)-1
	i := slot(h, mask)
	for c.prefixes[i] != 0 {
		i = (i + 1) & mask
	}
	c.prefixes[i] = prefixTag(p, h) | uint32(k+1)
}

// eachPrefix calls f once for every prefix p of a word that ends at a
// character boundary (as utf8.DecodeRuneInString steps through it, an
// invalid byte being one character), with k the first word beginning
// with p: p is new at word k when the word before lacks it.
func (c *compact) eachPrefix(f func(p string, k int)) {
	prev := ""
	for k := 0; k < c.n(); k++ {
		w := c.word(k)
		for i := 0; i < len(w); {
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
			if !strings.HasPrefix(prev, w[:i]) {
				f(w[:i], k)
			}
		}
		prev = w
	}
}

// prefixIdx bounds the word indexes of the prefix table (20 bits).
const prefixIdx = 1<<20 - 1

// prefixLen is the longest prefix length a slot holds as it is.
const prefixLen = 63

// prefixTag is the high 12 bits of the slot of p, whose hash is h: p's
// length, at most prefixLen, and the top 6 bits of h.
func prefixTag(p string, h uint64) uint32 {
	return uint32(min(len(p), prefixLen))<<20 | uint32(h>>58)<<26
}

// FNV-1a, 64 bits: the prefix table's hash, fixed because the table is
// saved in the cache file.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashMore returns hash h continued over the bytes of s: the hash of a
// prefix extended by s.
func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// slot is the first slot for hash h in a table of mask+1 slots.
func slot(h uint64, mask int) int { return int((h ^ h>>32) & uint64(mask)) }

// block returns the index of the first word that begins with p, whose
// hash is h (hashMore from fnvOffset), or -1 when no word does: from
// firstOf3 when p is one character of three bytes, else from the prefix
// table (probe).
func (c *compact) block(p string, h uint64) int {
	if len(p) == 3 && len(c.firstOf3) == 1<<16 {
		if r, size := utf8.DecodeRuneInString(p); size == 3 {
			return int(c.firstOf3[r]) - 1
		}
	}
	return c.probe(p, h)
}

// probe is block by the prefix table. A slot
// with p's tag whose word begins with p gives p's first word, but for
// prefixes of prefixLen bytes or more, whose tags share one length: there
// the slot may be a longer prefix's, new at a later word, unless the word
// before lacks p. In index's order of insertion such a slot never comes
// before p's own on p's probe path; the check keeps block right in any
// order (TestPrefixTableAnyOrder).
func (c *compact) probe(p string, h uint64) int {
	mask, tag := len(c.prefixes)-1, prefixTag(p, h)
	for i := slot(h, mask); ; i = (i + 1) & mask {
		v := c.prefixes[i]
		if v == 0 {
			return -1
		}
		if v&^prefixIdx != tag {
			continue
		}
		k := int(v&prefixIdx) - 1
		if strings.HasPrefix(c.word(k), p) && (len(p) < prefixLen || k == 0 || !strings.HasPrefix(c.word(k-1), p)) {
			return k
		}
	}
}

// indexRunes builds firstOf3 from the sorted words.
func (c *compact) indexRunes() {
	c.firstOf3 = make([]int32, 1<<16)
	for k := c.n() - 1; k >= 0; k-- { // down, so that the first word is the last written
		if r, size := utf8.DecodeRuneInString(c.word(k)); size == 3 {
			c.firstOf3[r] = int32(k + 1)
		}
	}
}

// find returns the index of word w, or -1.
func (c *compact) find(w string) int {
	if w == "" {
		return -1
	}
	if k := c.block(w, hashMore(fnvOffset, w)); k >= 0 && len(c.word(k)) == len(w) {
		return k
	}
	return -1
}

// posOf returns w's part of speech, "" for a word not in the dictionary.
func (c *compact) posOf(w string) string {
	if i := c.find(w); i >= 0 {
		return c.posNames[c.pos[i]]
	}
	return ""
}

// generalIDF returns w's IDF in gse's general corpus.
func (c *compact) generalIDF(w string) (float64, bool) {
	n := len(c.idfOff) - 1
	i := sort.Search(n, func(k int) bool { return c.idfWords[c.idfOff[k]:c.idfOff[k+1]] >= w })
	if i < n && c.idfWords[c.idfOff[i]:c.idfOff[i+1]] == w {
		return c.idf[i], true
	}
	return 0, false
}

// jump is gse's jumper: the shortest path to a text unit and the length
// in units of its last word, with that word's index in the dictionary (-1
// for a pseudo word).
type jump struct {
	min   float32
	units int32
	word  int32
}

// cutBuf holds the buffers of a cut, reused from text to text by one
// goroutine: the text units' ends, the jumps, and the words cut with
// their dictionary indexes (jump.word) and parts of speech.
type cutBuf struct {
	ends  []int
	jumps []jump
	words []string
	idx   []int32
	tags  []string
}

// cut is gse's Segmenter.Cut without HMM (Slice, segmentWords out of
// search mode), step for step: text units as gse splits them, every
// dictionary word that starts at each unit, the shortest path by distance
// with gse's tie-breaking (the first word found at the smallest length
// wins; an unvisited unit has distance 0), and a one-unit pseudo word of
// distance 32 where no one-unit word starts. Words are returned as gse
// returns them: their text units joined, ASCII letters lower-cased.
func (c *compact) cut(s string) []string {
	var b cutBuf
	c.cutTo(&b, s)
	if len(b.words) == 0 {
		return nil
	}
	return b.words
}

// cutTo is cut into b: b.words gets the words, substrings of s (or of
// s lower-cased), and b.idx their dictionary indexes.
func (c *compact) cutTo(b *cutBuf, s string) {
	b.words, b.idx = b.words[:0], b.idx[:0]
	if s == "" {
		return
	}
	lower, ends := splitUnits(b.ends[:0], s)
	b.ends = ends
	jumps := slices.Grow(b.jumps[:0], len(ends))[:len(ends)]
	clear(jumps)
	b.jumps = jumps
	for cur := range ends {
		var base float32
		begin := 0
		if cur > 0 {
			base, begin = jumps[cur-1].min, ends[cur-1]
		}
		c.relax(jumps, lower, ends, cur, begin, base)
	}
	for i := len(ends) - 1; i >= 0; i -= int(jumps[i].units) {
		if jumps[i].units == 0 {
			panic("text: a text unit no word reaches")
		}
		from := 0
		if j := i - int(jumps[i].units); j >= 0 {
			from = ends[j]
		}
		b.words = append(b.words, lower[from:ends[i]])
		b.idx = append(b.idx, jumps[i].word)
	}
	slices.Reverse(b.words)
	slices.Reverse(b.idx)
}

// tagTo sets b.tags to the parts of speech of b.words (posOf), reading
// each from the dictionary index the cut found unless the word differs
// from the dictionary's (gse's text units of a word can differ from the
// text's).
func (c *compact) tagTo(b *cutBuf) {
	b.tags = b.tags[:0]
	for i, w := range b.words {
		if k := int(b.idx[i]); k >= 0 && c.word(k) == w {
			b.tags = append(b.tags, c.posNames[c.pos[k]])
		} else {
			b.tags = append(b.tags, c.posOf(w))
		}
	}
}

// relax updates the jumps reachable by the words that start at unit cur
// (byte offset begin), as gse's segmentWords does for one position: it
// extends the key a unit at a time, with its hash, until no word begins
// with it. The first word that begins with a key is the key itself if
// the key is a word.
func (c *compact) relax(jumps []jump, lower string, ends []int, cur, begin int, base float32) {
	found, firstUnits := 0, 0
	h, from := uint64(fnvOffset), begin
	for l := 1; l <= c.maxUnits && cur+l <= len(ends); l++ {
		end := ends[cur+l-1]
		h, from = hashMore(h, lower[from:end]), end
		k := c.block(lower[begin:end], h)
		if k < 0 {
			break
		}
		if len(c.word(k)) != end-begin {
			continue
		}
		u := int(c.units[k])
		if found == 0 {
			firstUnits = u
		}
		found++
		update(&jumps[cur+u-1], base+c.dist[k], u, k)
	}
	if found == 0 || firstUnits > 1 {
		update(&jumps[cur], base+pseudoDistance, 1, -1)
	}
}

// update is gse's updateJumper, keeping the word's index too.
func update(j *jump, d float32, units, word int) {
	if j.min == 0 || j.min > d {
		j.min, j.units, j.word = d, int32(units), int32(word)
	}
}

// splitUnits returns s with ASCII letters lower-cased and the byte offsets
// where gse's text units end, as gse.SplitWords splits them: one unit per
// character, a run of letters and digits encoded in one or two bytes one
// unit. gse copies every unit and lower-cases each run; every ASCII letter
// is in a run, so the lower-cased text is s with A-Z lower-cased, and s
// itself when it has none (segmenting a million tickets: 4.7 s of CPU in
// gse's split). The ends are appended to ends.
func splitUnits(ends []int, s string) (string, []int) {
	ends = slices.Grow(ends, len(s)/3+1)
	inRun, upper := false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			inRun = true
			upper = upper || r >= 'A' && r <= 'Z'
			i += size
			continue
		}
		if inRun {
			ends = append(ends, i)
			inRun = false
		}
		i += size
		ends = append(ends, i)
	}
	if inRun {
		ends = append(ends, len(s))
	}
	if !upper {
		return s, ends
	}
	b := []byte(s) // byte by byte: invalid UTF-8 stays as it is
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b), ends
}
