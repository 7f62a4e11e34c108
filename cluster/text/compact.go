package text

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// compact is gse's dictionary reduced to what Cut, PartOfSpeech and
// GeneralIDF read, in sorted arrays that load without building anything:
// the words in byte order, each with gse's path length (distance), its
// number of gse text units and its part of speech, and gse's general IDF
// table. It is read-only once built and safe for concurrent use.
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

	// byRune[r] is the range of words that begin with rune r (r < 1<<16);
	// it is derived from words when the dictionary is loaded.
	byRune []uint32 // 2 entries per rune: lo, hi
}

// pseudoDistance is the path length gse gives a character that starts no
// dictionary word (segmenter.go, segmentWords).
const pseudoDistance = 32

func (c *compact) word(i int) string { return c.words[c.off[i]:c.off[i+1]] }

func (c *compact) n() int { return len(c.off) - 1 }

// index fills byRune from the sorted words.
func (c *compact) index() {
	c.byRune = make([]uint32, 2<<16)
	for i := 0; i < c.n(); i++ {
		r, size := utf8.DecodeRuneInString(c.word(i))
		if r >= 1<<16 || r == utf8.RuneError && size <= 1 {
			continue
		}
		if c.byRune[2*r+1] == 0 {
			c.byRune[2*r] = uint32(i)
		}
		c.byRune[2*r+1] = uint32(i + 1)
	}
}

// start returns the range of words that can begin with key's first rune:
// all words when that rune is not indexed (beyond U+FFFF, or an invalid
// byte). exact is the length of the rune when the range is that of the
// rune alone, 0 when it is all words.
func (c *compact) start(key string) (lo, hi, exact int) {
	r, size := utf8.DecodeRuneInString(key)
	if r < 1<<16 && !(r == utf8.RuneError && size <= 1) {
		return int(c.byRune[2*r]), int(c.byRune[2*r+1]), size
	}
	return 0, c.n(), 0
}

// narrow returns the part of [lo, hi) whose words begin with key, given
// that all of them begin with a prefix of key. The end of the part is
// found by galloping from its start: most parts are a few words long.
func (c *compact) narrow(key string, lo, hi int) (int, int) {
	a := lo + sort.Search(hi-lo, func(k int) bool { return c.word(lo+k) >= key })
	step, b := 1, a
	for b < hi && strings.HasPrefix(c.word(b), key) {
		b = a + step
		step *= 2
	}
	if b > hi {
		b = hi
	}
	// The part ends in (a+step/4, b]: b is past it or hi.
	from := max(a, a+step/4)
	return a, from + sort.Search(b-from, func(k int) bool { return !strings.HasPrefix(c.word(from+k), key) })
}

// find returns the index of word w, or -1.
func (c *compact) find(w string) int {
	if w == "" {
		return -1
	}
	lo, hi, _ := c.start(w)
	lo, hi = c.narrow(w, lo, hi)
	if lo < hi && c.word(lo) == w {
		return lo
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
// in units of its last word.
type jump struct {
	min   float32
	units int
}

// cut is gse's Segmenter.Cut without HMM (Slice, segmentWords out of
// search mode), step for step: text units as gse splits them, every
// dictionary word that starts at each unit, the shortest path by distance
// with gse's tie-breaking (the first word found at the smallest length
// wins; an unvisited unit has distance 0), and a one-unit pseudo word of
// distance 32 where no one-unit word starts. Words are returned as gse
// returns them: their text units joined, ASCII letters lower-cased.
func (c *compact) cut(s string) []string {
	if s == "" {
		return nil
	}
	lower, ends := splitUnits(s)
	jumps := make([]jump, len(ends))
	for cur := range ends {
		var base float32
		if cur > 0 {
			base = jumps[cur-1].min
		}
		begin := 0
		if cur > 0 {
			begin = ends[cur-1]
		}
		c.relax(jumps, lower, ends, cur, begin, base)
	}
	var out []string
	for i := len(ends) - 1; i >= 0; i -= jumps[i].units {
		if jumps[i].units == 0 {
			panic("text: a text unit no word reaches")
		}
		b := 0
		if j := i - jumps[i].units; j >= 0 {
			b = ends[j]
		}
		out = append(out, lower[b:ends[i]])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// relax updates the jumps reachable by the words that start at unit cur
// (byte offset begin), as gse's segmentWords does for one position.
func (c *compact) relax(jumps []jump, lower string, ends []int, cur, begin int, base float32) {
	found, firstUnits := 0, 0
	lo, hi, exact := c.start(lower[begin:ends[cur]])
	for l := 1; l <= c.maxUnits && cur+l <= len(ends) && lo < hi; l++ {
		key := lower[begin:ends[cur+l-1]]
		if len(key) != exact { // else start's range is key's
			lo, hi = c.narrow(key, lo, hi)
		}
		if lo >= hi || c.word(lo) != key {
			continue
		}
		u := int(c.units[lo])
		if found == 0 {
			firstUnits = u
		}
		found++
		update(&jumps[cur+u-1], base+c.dist[lo], u)
	}
	if found == 0 || firstUnits > 1 {
		update(&jumps[cur], base+pseudoDistance, 1)
	}
}

// update is gse's updateJumper.
func update(j *jump, d float32, units int) {
	if j.min == 0 || j.min > d {
		j.min, j.units = d, units
	}
}

// splitUnits returns s with ASCII letters lower-cased and the byte offsets
// where gse's text units end, as gse.SplitWords splits them: one unit per
// character, a run of letters and digits encoded in one or two bytes one
// unit. gse copies every unit and lower-cases each run; every ASCII letter
// is in a run, so the lower-cased text is s with A-Z lower-cased, and s
// itself when it has none (segmenting a million tickets: 4.7 s of CPU in
// gse's split).
func splitUnits(s string) (string, []int) {
	ends := make([]int, 0, len(s)/3+1)
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
