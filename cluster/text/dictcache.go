package text

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"sort"
	"time"

	"github.com/go-ego/gse"
)

// cacheFormat names the layout of the cached dictionary; it is part of the
// cache key, so a change of layout never reads an old file.
const cacheFormat = "leian-segdict-5"

// errCorrupt reports a cached dictionary that does not parse.
var errCorrupt = errors.New("text: corrupt cached dictionary")

// gseModule is the module whose version (and go.sum hash) identifies the
// embedded dictionary in the cache key.
const gseModule = "github.com/go-ego/gse"

// gseVersion returns gse's module version and go.sum hash, which identify
// its embedded dictionary, or "" when the binary carries no module
// information (test binaries do not).
func gseVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == gseModule {
			if d.Replace != nil {
				d = d.Replace
			}
			return d.Version + " " + d.Sum
		}
	}
	return ""
}

// cacheKey hashes everything the compact dictionary is built from: the
// layout, gse's version and go.sum hash (which fix its embedded dictionary
// and IDF table: hashing the 5 MB table itself cost more than the rest of
// the load) and the domain dictionary.
func cacheKey(version string) string {
	domain, err := dataFS.ReadFile("data/dict.txt")
	if err != nil {
		panic("cluster: missing embedded data/dict.txt")
	}
	h := sha256.New()
	for _, part := range []string{cacheFormat, version, string(domain)} {
		fmt.Fprintf(h, "%d:%s", len(part), part)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// compactOf reduces a loaded gse segmenter and IDF table to a compact
// dictionary. gse keeps a word's path length and text units unexported,
// so they are read with reflect (read only; nothing in gse is changed).
func compactOf(seg *gse.Segmenter, gidf map[string]float64) (*compact, error) {
	type entry struct {
		w     string
		dist  float32
		units uint8
		pos   string
	}
	var es []entry
	for i := range seg.Dict.Tokens {
		t := &seg.Dict.Tokens[i]
		v := reflect.ValueOf(t).Elem()
		dist, text := v.FieldByName("distance"), v.FieldByName("text")
		if !dist.IsValid() || !text.IsValid() {
			return nil, errors.New("text: gse.Token has no distance or text field")
		}
		if text.Len() == 0 {
			continue // never found by gse's lookup
		}
		if text.Len() > 255 {
			return nil, fmt.Errorf("text: dictionary word %q has %d units", t.Text(), text.Len())
		}
		es = append(es, entry{t.Text(), float32(dist.Float()), uint8(text.Len()), t.Pos()})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].w < es[j].w })
	c := &compact{maxUnits: seg.Dict.MaxTokenLen()}
	var words bytes.Buffer
	posIdx := map[string]uint16{}
	for _, e := range es {
		c.off = append(c.off, uint32(words.Len()))
		words.WriteString(e.w)
		c.dist = append(c.dist, e.dist)
		c.units = append(c.units, e.units)
		if _, ok := posIdx[e.pos]; !ok {
			posIdx[e.pos] = uint16(len(c.posNames))
			c.posNames = append(c.posNames, e.pos)
		}
		c.pos = append(c.pos, posIdx[e.pos])
	}
	c.off = append(c.off, uint32(words.Len()))
	c.words = words.String()
	c.idfWords, c.idfOff, c.idf = idfArrays(gidf)
	if err := c.index(); err != nil {
		return nil, err
	}
	c.indexRunes()
	return c, nil
}

// idfArrays returns the IDF table as sorted concatenated words, offsets
// and values.
func idfArrays(gidf map[string]float64) (string, []uint32, []float64) {
	ws := make([]string, 0, len(gidf))
	for w := range gidf {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	var b bytes.Buffer
	off := make([]uint32, 0, len(ws)+1)
	vals := make([]float64, 0, len(ws))
	for _, w := range ws {
		off = append(off, uint32(b.Len()))
		b.WriteString(w)
		vals = append(vals, gidf[w])
	}
	return b.String(), append(off, uint32(b.Len())), vals
}

// staleAfter: writeCache removes the other segdict files in its directory
// that no process has read for this long. Each reads its own file and
// marks it read (loadCached); another binary's file (another leian
// version, another gse) is kept while it is in use. Removing every other
// file at once made two binaries sharing a cache directory rebuild each
// other's file, 1.5 s at each switch.
//
// keepOthers and inUseFor: beyond the keepOthers most recently read other
// files, a file not read for inUseFor goes too, so that a directory
// shared by many builds in a month (16 MB each) does not fill up.
const (
	staleAfter = 30 * 24 * time.Hour
	keepOthers = 3
	inUseFor   = 24 * time.Hour
)

// writeCache writes c to path atomically: a temporary file in the same
// directory, synced, then renamed over path. It then removes the other
// segdict files in the directory that are stale (removeStale; a process
// still using one keeps its mapping).
func writeCache(path string, c *compact) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(encode(c))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return errors.Join(err, os.Remove(f.Name()))
	}
	return removeStale(dir, path)
}

// removeStale removes the segdict files in dir other than keep that no
// process has read for staleAfter, and those beyond the keepOthers most
// recently read that no process has read for inUseFor.
func removeStale(dir, keep string) error {
	paths, err := filepath.Glob(filepath.Join(dir, "segdict-*.bin"))
	type other struct {
		path string
		read time.Time
	}
	var others []other
	for _, p := range paths {
		st, serr := os.Stat(p)
		if serr == nil && p != keep {
			others = append(others, other{p, st.ModTime()})
		}
		err = errors.Join(err, ignoreGone(serr))
	}
	slices.SortFunc(others, func(a, b other) int { return b.read.Compare(a.read) })
	for i, o := range others {
		if age := time.Since(o.read); age > staleAfter || i >= keepOthers && age > inUseFor {
			err = errors.Join(err, ignoreGone(os.Remove(o.path)))
		}
	}
	return err
}

// ignoreGone is err, or nil when it says the file is gone (another
// process removed it first).
func ignoreGone(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
