package text

import (
	"bufio"
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
	boiler *strings.Replacer
}

// NewCleaner returns a Cleaner with the embedded boilerplate list.
func NewCleaner() *Cleaner {
	phrases := dataLines("data/boilerplate.txt")
	// Longer phrases first: at one position the Replacer takes the first
	// listed match, so 市民来电反映 wins over 市民来电.
	sort.SliceStable(phrases, func(i, j int) bool { return len(phrases[i]) > len(phrases[j]) })
	var pairs []string
	for _, p := range phrases {
		pairs = append(pairs, p, " ")
	}
	return &Cleaner{boiler: strings.NewReplacer(pairs...)}
}

// Clean returns s normalised for features: full-width ASCII and the ideographic
// space folded to ASCII, letters lower-cased, boilerplate and the given place
// strings (district, street, address...) removed, punctuation and runs of
// space collapsed to one space, and digit-or-letter runs of five or more
// (phone, ID card and plate numbers, ticket ids) dropped.
func (c *Cleaner) Clean(s string, places ...string) string {
	s = fold(s)
	s = c.boiler.Replace(s)
	for _, p := range places {
		if len(p) >= 6 { // at least two Chinese characters
			s = strings.ReplaceAll(s, fold(p), " ")
		}
	}
	return squeeze(s)
}

// fold maps full-width ASCII (U+FF01..U+FF5E) to ASCII, U+3000 to a space,
// upper-case ASCII to lower case, and punctuation and symbols to spaces.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
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
		b.WriteRune(r)
	}
	return b.String()
}

// squeeze collapses spaces and drops ASCII alphanumeric runs of five or more.
func squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != ' ' {
			j := i
			for j < len(s) && s[j] < utf8.RuneSelf && s[j] != ' ' {
				j++
			}
			if j-i < 5 {
				b.WriteString(s[i:j])
				space = false
			}
			i = j
			continue
		}
		if s[i] == ' ' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		space = false
		i += n
	}
	return strings.TrimSpace(b.String())
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
