package text

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"unicode"
)

// Tokenize cleans and tokenises texts with workers goroutines (0 means
// GOMAXPROCS) and returns each text's tokens. places, if not nil, gives
// per text the place strings to strip (see Cleaner.Clean).
func Tokenize(ctx context.Context, tok *Tokenizer, cl *Cleaner, texts []string, places [][]string, workers int) ([][]string, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([][]string, len(texts))
	var wg sync.WaitGroup
	const chunk = 512
	next := make(chan int, workers)
	go func() {
		defer close(next)
		for i := 0; i < len(texts); i += chunk {
			if ctx.Err() != nil {
				return
			}
			next <- i
		}
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cb cleanBuf // this worker's buffers, reused text after text
			var tb cutBuf
			for start := range next {
				for i := start; i < min(start+chunk, len(texts)); i++ {
					var p []string
					if places != nil {
						p = places[i]
					}
					out[i] = tok.tokens(cl.clean(texts[i], p, &cb), &tb)
				}
			}
		}()
	}
	wg.Wait()
	return out, ctx.Err()
}

// Excerpt returns the first n characters of s with its whitespace folded
// (FoldSpace), with "…" when cut.
func Excerpt(s string, n int) string {
	s = FoldSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// FoldSpace returns s with each run of white space (spaces, tabs,
// newlines, the ideographic space U+3000) replaced by one space and none
// at either end: how excerpts, names and reports show text, which exports
// pad with tabs and line breaks. The database keeps the text as read.
// FoldSpace("") is "".
func FoldSpace(s string) string {
	if !needsFold(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsFold reports whether s has white space other than single spaces
// between words.
func needsFold(s string) bool {
	prev := true // at the start, a space is already one too many
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prev || r != ' ') {
			return true
		}
		prev = sp
	}
	return prev && s != ""
}

// tokenRules names the revision of the cleaning and token rules in code;
// change it when they change, so tokens stored before are segmented again.
const tokenRules = "3"

// dataDigest is a digest of the embedded dictionary, stop words and
// boilerplate.
var dataDigest = func() string {
	h := sha256.New()
	names, _ := fs.Glob(dataFS, "data/*.txt")
	for _, n := range names {
		b, _ := dataFS.ReadFile(n)
		fmt.Fprintf(h, "%s %d\n", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}()

// Version identifies what the tokenizer produces: the embedded data, the
// token rules and the segmenter's type. Stored tokens of another version are
// not used.
func (t *Tokenizer) Version() string {
	return fmt.Sprintf("%s-%s-%T", tokenRules, dataDigest, t.Seg)
}
