// Package text is the first stage of leian's similar-case engine: it
// prepares citizens' text for features and for people. Cleaner folds
// full-width forms and removes hotline boilerplate and a ticket's own place
// names; Tokenizer segments with gse (dictionary, domain words, parts of
// speech) and drops stop words; Tokenize runs both over many texts at once.
// For people, Mask hides personal data and FoldSpace and Excerpt fold the
// white space that exports pad text with.
//
// # Fast start
//
// gse builds its dictionary at every start: it parses the embedded
// simplified-Chinese dictionary (352,275 words), inserts each into a cedar
// double-array trie and segments every word again for its search mode,
// then leian adds the domain words and parses gse's IDF table. That took
// 1.2 to 2.3 s and 420 MB of allocation (BenchmarkLoadGSEDict; 135 MB
// live) of every process that segments. gse offers no way to save or load
// the built dictionary (cedar v0.20.2 has no Save/Load and its arrays are
// unexported), and its Token keeps a word's path length unexported.
//
// So the dictionary is built once with gse, reduced to what Cut,
// PartOfSpeech and GeneralIDF read (compact.go: words sorted, with gse's
// path length, text units and part of speech; gse's IDF table likewise;
// a hash table of the words' prefixes, which a cut looks keys up in),
// and cached as a file in os.UserCacheDir()/leian named by a hash of its
// inputs (gse's module version and go.sum hash, data/dict.txt, the
// layout), written through a temporary file and a rename. Candidates,
// measured on this 2-core machine in one session (2026-11-27):
//
//	gse LoadDictEmbed + AddToken + IDF parse       1.2-2.3 s, 420 MB allocated
//	the same without gse's HMM model               2.1 s (no gain: not the cost)
//	compact form read whole and copied (v1)        33 ms in a warm loop; 0.15-0.2 s in a
//	                                               fresh process, where every fresh page
//	                                               faults (12 MB file + its copy), plus
//	                                               0.1 s to SHA-256 the 5 MB IDF table for the key
//	compact form mapped in place (kept)            0.16 ms (BenchmarkLoadCached): only the
//	                                               pages a lookup touches are read
//
// With the kept form `leian eval` on a three-row CSV, process start to
// segmented and clustered rows, takes 0.07-0.08 s wall against 2.3-2.8 s
// before; on the 20,000 THUCNews titles (issue 10) 5.8-6.1 s against
// 7.4-9.4 s, the difference being the dictionary, and peak RSS 172-176 MB
// against 503-510 MB. Cutting is as fast as gse's: 8.2 MB/s against
// 7.3 MB/s on gov495 (BenchmarkCut; the two vary by 20% run to run on
// this shared machine).
//
// The compact cut repeats gse's shortest-path segmentation step for step
// (compact.go, cut), so its words are gse's: TestCompactCutsAsGSE compares
// words, parts of speech and IDF on 3,000 generated tickets and the
// 21,494 texts of gov495, cnews1k and thucnews20k, raw and cleaned, and
// FuzzCompactCut on any string. A damaged cache file is rebuilt when its
// header or array lengths disagree; one damaged inside an array can make
// a lookup panic on a bounds check (never read outside the file). A
// binary without module information (go test's) does not use the cache.
//
// It leaves out everything numeric (package cluster: vectors, clustering)
// and storage. Cleaner, Tokenizer and a loaded GSE are safe for concurrent
// use; gse's dictionary is never changed after LoadGSE.
package text
