package text

import (
	"bufio"
	"bytes"
	"embed"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var dataFS embed.FS

// Cleaner prepares ticket text: it folds full-width forms, removes hotline
// boilerplate (data/boilerplate.txt) and the ticket's own place names, and
// turns punctuation into spaces. It is safe for concurrent use.
type Cleaner struct {
	boiler  *strings.Replacer
	phrases []string // the boilerplate phrases
	// first has bit r&0xFFFF set for the first rune r of every phrase: a
	// text with none of these runes has no boilerplate, and most texts
	// skip the Replacer.
	first []uint64
}

// NewCleaner returns a Cleaner with the embedded boilerplate list.
func NewCleaner() *Cleaner {
	phrases := dataLines("data/boilerplate.txt")
	// Longer phrases first: at one position the Replacer takes the first
	// listed match, so 市民来电反映 wins over 市民来电.
	sort.SliceStable(phrases, func(i, j int) bool { return len(phrases[i]) > len(phrases[j]) })
	var pairs []string
	first := make([]uint64, 1<<16/64)
	for _, p := range phrases {
		pairs = append(pairs, p, " ")
		r, _ := utf8.DecodeRuneInString(p)
		first[r&0xFFFF/64] |= 1 << (r % 64)
	}
	return &Cleaner{boiler: strings.NewReplacer(pairs...), phrases: phrases, first: first}
}

// cleanBuf holds the buffers of Clean, reused from text to text by one
// goroutine.
type cleanBuf struct {
	folded, squeezed []byte
}

// Clean returns s normalised for features: full-width ASCII and the ideographic
// space folded to ASCII, letters lower-cased, boilerplate and the given place
// strings (district, street, address...) removed, punctuation and runs of
// space collapsed to one space, and digit-or-letter runs of five or more
// (phone, ID card and plate numbers, ticket ids) dropped.
func (c *Cleaner) Clean(s string, places ...string) string {
	return c.clean(s, places, &cleanBuf{})
}

// clean is Clean with b's buffers: the text is folded and squeezed in
// them, and only the result is a new string. The Replacer runs only when
// a boilerplate phrase occurs (hasBoiler), since without one it returns
// its input.
func (c *Cleaner) clean(s string, places []string, b *cleanBuf) string {
	b.folded = fold(b.folded[:0], s)
	if len(places) > 0 || c.hasBoiler(b.folded) {
		t := c.boiler.Replace(string(b.folded))
		for _, p := range places {
			if len(p) >= 6 { // at least two Chinese characters
				t = strings.ReplaceAll(t, string(fold(nil, p)), " ")
			}
		}
		b.folded = append(b.folded[:0], t...)
	}
	b.squeezed = squeeze(b.squeezed[:0], b.folded)
	return string(bytes.TrimSpace(b.squeezed))
}

// hasBoiler reports whether a boilerplate phrase occurs in s.
func (c *Cleaner) hasBoiler(s []byte) bool {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		if c.first[r&0xFFFF/64]&(1<<(r%64)) != 0 {
			for _, p := range c.phrases {
				if len(s)-i >= len(p) && string(s[i:i+len(p)]) == p {
					return true
				}
			}
		}
		i += n
	}
	return false
}

// fold appends to dst s with full-width ASCII (U+FF01..U+FF5E) mapped to
// ASCII, U+3000 to a space, upper-case ASCII to lower case, punctuation
// and symbols to spaces, and invalid UTF-8 to U+FFFD.
func fold(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r < utf8.RuneSelf:
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				r = ' '
			}
		case r >= 0x4E00 && r <= 0x9FFF:
			// CJK ideographs, most of any text: letters, kept without the
			// table look-ups below.
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r):
			r = ' '
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// squeeze appends to dst s with runs of spaces collapsed to one and ASCII
// alphanumeric runs of five or more dropped.
func squeeze(dst, s []byte) []byte {
	space := true
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != ' ' {
			j := i
			for j < len(s) && s[j] < utf8.RuneSelf && s[j] != ' ' {
				j++
			}
			if j-i < 5 {
				dst = append(dst, s[i:j]...)
				space = false
			}
			i = j
			continue
		}
		if s[i] == ' ' {
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			i++
			continue
		}
		_, n := utf8.DecodeRune(s[i:])
		dst = append(dst, s[i:i+n]...)
		space = false
		i += n
	}
	return dst
}

var (
	phoneRE  = regexp.MustCompile(`1[3-9][0-9]{9}`)
	idCardRE = regexp.MustCompile(`[1-9][0-9]{5}(?:19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx]`)
	plateRE  = regexp.MustCompile(`\p{Han}[A-Z][·]?[A-Z0-9]{5,6}`)
	nameRE   = regexp.MustCompile(`(来电人|联系人|我叫|本人叫|姓名[:：]?)\p{Han}{1,3}`)
	titleRE  = regexp.MustCompile(`(\p{Han})(先生|女士)`)
	landRE   = regexp.MustCompile(`0[0-9]{2,3}-?[0-9]{7,8}`)
)

// Mask hides personal data in text shown to people: ID card numbers keep
// their first 4 and last 2 characters, mobile and landline numbers their
// first 3 and last 2 digits, plates their province and last 2, and names
// after 来电人/联系人/我叫 (and before 先生/女士) become 某.
func Mask(s string) string {
	s = idCardRE.ReplaceAllStringFunc(s, func(m string) string { return m[:4] + strings.Repeat("*", 12) + m[16:] })
	s = phoneRE.ReplaceAllStringFunc(s, func(m string) string { return m[:3] + "******" + m[9:] })
	s = landRE.ReplaceAllStringFunc(s, func(m string) string { return m[:3] + strings.Repeat("*", len(m)-5) + m[len(m)-2:] })
	s = plateRE.ReplaceAllStringFunc(s, func(m string) string {
		_, n := utf8.DecodeRuneInString(m)
		return m[:n+1] + strings.Repeat("*", len(m)-n-3) + m[len(m)-2:]
	})
	s = nameRE.ReplaceAllStringFunc(s, maskName)
	return titleRE.ReplaceAllString(s, "某${2}")
}

// nameStops are characters that start the words after a name (来电人张伟反映),
// not the name itself.
const nameStops = "反称表来说致咨投要希于在向等和及反映先女"

// maskName replaces the name after a prefix such as 来电人 with 某某, keeping
// the characters that begin the next word.
func maskName(m string) string {
	for _, p := range []string{"来电人", "联系人", "我叫", "本人叫", "姓名：", "姓名:", "姓名"} {
		if strings.HasPrefix(m, p) {
			name := []rune(strings.TrimPrefix(m, p))
			cut := len(name)
			for i := 1; i < len(name); i++ {
				if strings.ContainsRune(nameStops, name[i]) {
					cut = i
					break
				}
			}
			return p + "某某" + string(name[cut:])
		}
	}
	return m
}

// dataLines returns the non-blank, non-comment lines of an embedded file.
func dataLines(name string) []string {
	f, err := dataFS.Open(name)
	if err != nil {
		panic("cluster: missing embedded " + name)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
