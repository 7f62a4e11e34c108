package text

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/ticket"
)

// gseTagger is gse's own segmenter as a Tagger, neither compact nor a
// tagCutter: the Tokenizer cuts and tags through it one word at a time.
type gseTagger struct{ seg *gse.Segmenter }

func (g gseTagger) Cut(s string) []string { return g.seg.Cut(s) }

func (g gseTagger) PartOfSpeech(w string) string {
	_, pos, _ := g.seg.Find(w)
	return pos
}

// refClean is Clean as it was before its buffers and boilerplate
// pre-check: fold to a string, the Replacer on every text, squeeze.
func refClean(c *Cleaner, s string, places []string) string {
	s = c.boiler.Replace(refFold(s))
	for _, p := range places {
		if len(p) >= 6 {
			s = strings.ReplaceAll(s, refFold(p), " ")
		}
	}
	var b strings.Builder
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

// refFold is fold as it was, into a strings.Builder.
func refFold(s string) string {
	var b strings.Builder
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
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r):
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestTokenizeAsBefore checks that Tokenize, with its per-worker buffers,
// the boilerplate pre-check and parts of speech taken from the cut, gives
// the tokens of cleaning as before and tokenising with gse's own
// segmenter and tagger, on edge cases, generated tickets with their
// places, and the real sets in ../shared/data.
func TestTokenizeAsBefore(t *testing.T) {
	seg, _, c := freshAndCompact(t)
	cl, fast, ref := NewCleaner(), NewTokenizer(&GSE{dict: c}), NewTokenizer(gseTagger{seg})
	texts := []string{"", " ", "！！", "市民来电反映：路灯不亮，请相关部门处理。谢谢", "市民通过APP反映ABC路灯",
		"要求回复 要 求", "\xff\xfe无效字节 谢", "１２３４５ＡＢＣ 我们的 是 1.5 a3区", "𠀀小区噪音扰民"}
	places := make([][]string, len(texts))
	_, err := gen.Generate(gen.Config{Rows: 2000, Seed: 11, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, ticket.Zone), Days: 60, Messy: gen.DefaultMessy},
		func(tk *gen.Ticket, _ gen.Truth) error {
			texts = append(texts, tk[ticket.ColTitle]+" "+tk[ticket.ColContent])
			places = append(places, []string{tk[ticket.ColAddress], tk[ticket.ColCommunity], tk[ticket.ColStreet], tk[ticket.ColDistrict]})
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	same(t, cl, fast, ref, texts, places)
	same(t, cl, fast, ref, texts, nil)
	for _, name := range []string{"gov495.csv", "cnews1k.csv", "thucnews20k.csv"} {
		same(t, cl, fast, ref, sharedTexts(t, name), nil)
	}
}

// same fails unless Tokenize with fast gives, text by text, ref's Tokens
// of refClean, and Clean and Tokens agree with them.
func same(t *testing.T, cl *Cleaner, fast, ref *Tokenizer, texts []string, places [][]string) {
	t.Helper()
	got, err := Tokenize(context.Background(), fast, cl, texts, places, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		var p []string
		if places != nil {
			p = places[i]
		}
		clean := refClean(cl, s, p)
		want := ref.Tokens(clean)
		if !reflect.DeepEqual(got[i], want) {
			t.Fatalf("Tokenize(%q) = %#v; want %#v", s, got[i], want)
		}
		if c := cl.Clean(s, p...); c != clean {
			t.Fatalf("Clean(%q) = %q; want %q", s, c, clean)
		}
		if tk := fast.Tokens(clean); !reflect.DeepEqual(tk, want) {
			t.Fatalf("Tokens(%q) = %#v; want %#v", clean, tk, want)
		}
	}
}
