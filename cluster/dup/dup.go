package dup

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Tuned near-duplicate settings. The values were chosen on generated
// tickets, whose duplicate events are known, and are reported in doc.go.
//
// On 20,000 generated tickets, word-set Jaccard of planted duplicate pairs
// at one street has p5 0.47, median 0.69; of other tickets of the same
// issue type at the same street p95 0.50, p99 0.62, so text alone cannot
// separate them: place (coordinates within dupMeters) and time decide too.
// Character 3-gram shingles separated worse (duplicates p5 0.23, others p95
// 0.27) because reports reorder the same words.
const (
	minHashes    = 48   // hash functions (bands x rows)
	lshRows      = 2    // rows per band: a pair with Jaccard 0.4 collides with p ≈ 0.985
	dupJaccard   = 0.40 // word-set Jaccard at or above which two nearby tickets report one event
	repeatJacc   = 0.30 // looser bar for the same caller again on the same issue
	dupMeters    = 300  // reports of one event are geocoded this close, when coordinates exist
	dupWindow    = 14 * 24 * time.Hour
	repeatWindow = 30 * 24 * time.Hour
	maxBucket    = 500 // buckets larger than this are skipped (boilerplate-like collisions)
	// addrOverlap: two tickets at the same address within dupWindow report
	// one event when this share of the smaller one's words is in the other
	// (overlap coefficient). Reports of one event sent as letters wrap it in
	// different salutations and may add a second matter, which sinks their
	// Jaccard (generated letters: recall 0.61 on Jaccard alone) while the
	// words of the matter stay.
	addrOverlap = 0.5
)

// Doc is a ticket as near-duplicate detection sees it.
type Doc struct {
	Terms    []uint64 // TermSet of the ticket's tokens (places kept)
	Place    string   // district+street: one event happens in one place
	Address  string   // the ticket's address, "" when unknown
	Lat, Lon float64  // NaN when unknown
	Caller   string
	Received time.Time
}

// TermSet returns the sorted distinct hashes of tokens.
func TermSet(tokens []string) []uint64 {
	out := make([]uint64, len(tokens))
	for i, t := range tokens {
		out[i] = TermHash(t)
	}
	return HashSet(out)
}

// TermHash returns the hash of token t that TermSet keeps.
func TermHash(t string) uint64 {
	var h uint64 = 0xcbf29ce484222325
	for i := 0; i < len(t); i++ {
		h = (h ^ uint64(t[i])) * 0x100000001b3
	}
	return mix(h)
}

// HashSet returns the sorted distinct values of TermHash hashes h,
// sorting h in place.
func HashSet(h []uint64) []uint64 {
	slices.Sort(h)
	return slices.Compact(h)
}

// Groups finds tickets that report the same event (same street and spot,
// similar words, within dupWindow) or are the same caller again on the same
// issue (similar words, within repeatWindow), by MinHash locality-sensitive
// hashing over word sets: each ticket is hashed once and compared only with
// the tickets it shares a band bucket with (buckets are keyed by street and
// two-week period too), so cost grows with volume, not with its square. It
// returns a group number per document (-1 when the ticket has no duplicate);
// groups are numbered by their first document.
func Groups(ctx context.Context, docs []Doc) ([]int, error) {
	return GroupsCached(ctx, docs, nil)
}

// Cache keeps MinHash signatures between calls, by ticket id and a
// digest of the ticket's terms: the nightly job re-groups the same two
// weeks of tickets every night, each time with one new day.
type Cache map[string]cachedSig

type cachedSig struct {
	terms uint64 // digest of the terms the signature is of
	sig   [minHashes]uint64
}

// GroupsCached is Groups with signatures looked up in (and added to) cache,
// if it is not nil, under ids.
func GroupsCached(ctx context.Context, docs []Doc, cache Cache, ids ...string) ([]int, error) {
	// Without a cache the signatures are not kept: each band computes the
	// rows it needs (the same work in total), which spares 384 bytes a
	// ticket (384 MB at a million).
	var sig [][minHashes]uint64
	if cache != nil {
		sig = signatures(docs, cache, ids)
	}
	row := func(i, k int) uint64 {
		if sig != nil {
			return sig[i][k]
		}
		return minhashAt(docs[i].Terms, k)
	}
	uf := newUnionFind(len(docs))
	bk := newBuckets(docs)
	for b := 0; b < minHashes/lshRows; b++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		bk.reset()
		bk.bandKeys(b, row)
		for i := range docs {
			if len(docs[i].Terms) > 0 {
				bk.addPeriods(bk.hs[i], docs[i].Received, i)
			}
		}
		bk.join(uf)
	}
	// Tickets at one address are candidates whatever their words: one more
	// pass with buckets keyed by address and period.
	bk.reset()
	for i := range docs {
		if docs[i].Address == "" || len(docs[i].Terms) == 0 {
			continue
		}
		bk.addPeriods(mix(bk.keys[i].address^0xA5A5), docs[i].Received, i)
	}
	bk.join(uf)
	return uf.groups(), nil
}

// buckets holds one pass's bucket entries as (key, ticket) pairs; sorting
// them by key lines up each bucket's tickets, in ticket order. It keeps
// the hashes of each ticket's place, address and caller, computed once
// for all passes and compared before the strings.
//
// A Go map from key to a slice of tickets did the same: it allocated a
// slice for each of the two million keys of a pass over a million tickets,
// nearly all of them singletons, twenty-five passes a run. Sorting the
// pairs (a radix sort, four passes of 16 bits) gives the same buckets in
// the same order within each bucket, so the same groups, with two flat
// arrays reused by every pass (measurements in package cluster's doc).
type buckets struct {
	docs   []Doc
	keys   []docKeys
	hs     []uint64 // each ticket's key in the band at hand
	e, tmp []entry
}

// docKeys is what a candidate pair is first judged on, packed so that
// judging reads one small record a ticket rather than its Doc and the
// bytes of its strings (at a million tickets the pairs' memory reads were
// most of the stage): the hashes of the place (for band keys), address
// and caller, the place's number (exact; -1 for none), the received time
// and the coordinates.
type docKeys struct {
	place, address, caller uint64
	placeID                int32
	received               int64 // Unix nanoseconds (a ticket's validated time: far inside 1678-2262)
	lat, lon               float64
}

type entry struct {
	key uint64
	doc int32
}

func newBuckets(docs []Doc) *buckets {
	n := len(docs)
	keys := make([]docKeys, n)
	placeIDs := map[string]int32{"": -1}
	for i := range docs {
		d := &docs[i]
		id, ok := placeIDs[d.Place]
		if !ok {
			id = int32(len(placeIDs) - 1)
			placeIDs[d.Place] = id
		}
		keys[i] = docKeys{hashString(d.Place), hashString(d.Address), hashString(d.Caller), id, d.Received.UnixNano(), d.Lat, d.Lon}
	}
	return &buckets{docs: docs, keys: keys, hs: make([]uint64, n), e: make([]entry, 0, 2*n), tmp: make([]entry, 2*n)}
}

// bandKeys computes each ticket's key in band b (its place and the band's
// rows of its MinHash signature, from row) into hs, the tickets split
// between the CPUs: the signatures are most of a pass's work.
func (bk *buckets) bandKeys(b int, row func(i, k int) uint64) {
	n, w := len(bk.docs), runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for part := range w {
		wg.Go(func() {
			for i := part * n / w; i < (part+1)*n/w; i++ {
				h := uint64(b)*0x9E3779B97F4A7C15 ^ bk.keys[i].place
				for r := 0; r < lshRows; r++ {
					h = mix(h ^ row(i, b*lshRows+r))
				}
				bk.hs[i] = h
			}
		})
	}
	wg.Wait()
}

func (b *buckets) reset() { b.e = b.e[:0] }

// addPeriods puts ticket i into the buckets of key h for the period of
// dupWindow it was received in and the next, so any two tickets at most
// dupWindow apart share one, and a year's tickets of one issue at one
// street do not all land together.
func (b *buckets) addPeriods(h uint64, received time.Time, i int) {
	p := uint64(received.Unix() / int64(dupWindow.Seconds()))
	for _, q := range []uint64{p, p + 1} {
		b.e = append(b.e, entry{mix(h ^ q*0xC2B2AE3D27D4EB4F), int32(i)})
	}
}

// join sorts the entries by key and unites, in each bucket of 2 to
// maxBucket tickets, the pairs that isDup judges one event.
func (b *buckets) join(uf *unionFind) {
	e := b.sorted()
	for lo := 0; lo < len(e); {
		hi := lo + 1
		for hi < len(e) && e[hi].key == e[lo].key {
			hi++
		}
		if n := hi - lo; n >= 2 && n <= maxBucket {
			for x := lo; x < hi; x++ {
				for y := x + 1; y < hi; y++ {
					a, c := int(e[x].doc), int(e[y].doc)
					if uf.find(a) != uf.find(c) && b.isDup(a, c) {
						uf.union(a, c)
					}
				}
			}
		}
		lo = hi
	}
}

// sorted radix-sorts the entries by key (stable: equal keys keep the
// order they were added in) and returns them.
func (b *buckets) sorted() []entry {
	src, dst := b.e, b.tmp[:len(b.e)]
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		clear(count[:])
		for _, x := range src {
			count[(x.key>>shift)&0xFFFF]++
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, x := range src {
			d := (x.key >> shift) & 0xFFFF
			dst[count[d]] = x
			count[d]++
		}
		src, dst = dst, src
	}
	return src // after an even number of passes, b.e again
}

// signatures returns the MinHash signature of each doc, from cache (keyed
// by ids) when its word set is unchanged, and keeps new ones there; a nil
// cache is not used.
func signatures(docs []Doc, cache Cache, ids []string) [][minHashes]uint64 {
	sig := make([][minHashes]uint64, len(docs))
	for i := range docs {
		if cache == nil {
			sig[i] = minhash(docs[i].Terms)
			continue
		}
		var d uint64
		for _, t := range docs[i].Terms {
			d = mix(d ^ t)
		}
		if c, ok := cache[ids[i]]; ok && c.terms == d {
			sig[i] = c.sig
			continue
		}
		sig[i] = minhash(docs[i].Terms)
		cache[ids[i]] = cachedSig{d, sig[i]}
	}
	return sig
}

// isDup decides a candidate pair of tickets i and j: same address within
// dupWindow and an overlap coefficient of at least addrOverlap, or same
// place within dupWindow and Jaccard at least dupJaccard, or same caller
// within repeatWindow and Jaccard at least repeatJacc. Places are
// compared by their numbers (most candidate pairs share their place, and
// comparing the strings read both copies); addresses and callers, equal
// far less often, by hash and then string.
func (bk *buckets) isDup(i, j int) bool {
	ka, kb := &bk.keys[i], &bk.keys[j]
	dt := time.Duration(ka.received - kb.received)
	if dt < 0 {
		dt = -dt
	}
	if dt > repeatWindow {
		return false
	}
	a, b := &bk.docs[i], &bk.docs[j]
	sameCaller := ka.caller == kb.caller && a.Caller != "" && a.Caller == b.Caller
	samePlace := ka.placeID == kb.placeID && ka.placeID >= 0 && near(ka, kb)
	sameAddress := ka.address == kb.address && a.Address != "" && a.Address == b.Address
	switch {
	case sameAddress && dt <= dupWindow && overlap(a.Terms, b.Terms) >= addrOverlap:
		return true
	case samePlace && dt <= dupWindow:
		return jaccard(a.Terms, b.Terms) >= dupJaccard
	case sameCaller && dt <= repeatWindow:
		return jaccard(a.Terms, b.Terms) >= repeatJacc
	}
	return false
}

// near reports whether two tickets are within dupMeters, or either has no
// coordinates (then the street alone is the place).
func near(a, b *docKeys) bool {
	if math.IsNaN(a.lat) || math.IsNaN(b.lat) || math.IsNaN(a.lon) || math.IsNaN(b.lon) {
		return true
	}
	const metersPerDegree = 111_320
	dy := (a.lat - b.lat) * metersPerDegree
	dx := (a.lon - b.lon) * metersPerDegree * math.Cos(a.lat*math.Pi/180)
	return dx*dx+dy*dy <= dupMeters*dupMeters
}

func hashString(s string) uint64 {
	var h uint64 = 0xcbf29ce484222325
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 0x100000001b3
	}
	return mix(h)
}

// minhash returns the minimum of minHashes independent hash functions
// h_k(x) = mix(x + k*φ) over the term hashes.
func minhash(terms []uint64) [minHashes]uint64 {
	var sig [minHashes]uint64
	for k := range sig {
		sig[k] = ^uint64(0)
	}
	for _, x := range terms {
		for k := range sig {
			if h := mix(x + uint64(k+1)*0x9E3779B97F4A7C15); h < sig[k] {
				sig[k] = h
			}
		}
	}
	return sig
}

// minhashAt returns minhash(terms)[k] alone.
func minhashAt(terms []uint64, k int) uint64 {
	m := ^uint64(0)
	for _, x := range terms {
		if h := mix(x + uint64(k+1)*0x9E3779B97F4A7C15); h < m {
			m = h
		}
	}
	return m
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// jaccard returns |a∩b| / |a∪b| of two sorted sets.
func overlap(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(common(a, b)) / float64(min(len(a), len(b)))
}

func jaccard(a, b []uint64) float64 {
	inter := common(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// common counts the values two sorted sets share.
func common(a, b []uint64) int {
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return inter
}

type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return &unionFind{p}
}

func (u *unionFind) find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

// union joins two sets under the smaller root, so roots are group minima.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra > rb {
		ra, rb = rb, ra
	}
	u.parent[rb] = int32(ra)
}

// groups numbers the sets of two or more members by their first member.
func (u *unionFind) groups() []int {
	n := len(u.parent)
	size := make([]int, n)
	for i := 0; i < n; i++ {
		size[u.find(i)]++
	}
	out := make([]int, n)
	num := map[int]int{}
	for i := 0; i < n; i++ {
		r := u.find(i)
		if size[r] < 2 {
			out[i] = -1
			continue
		}
		g, ok := num[r]
		if !ok {
			g = len(num)
			num[r] = g
		}
		out[i] = g
	}
	return out
}
