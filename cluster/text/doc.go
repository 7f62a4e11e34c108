// Package text is the first stage of leian's similar-case engine: it
// prepares citizens' text for features and for people. Cleaner folds
// full-width forms and removes hotline boilerplate and a ticket's own place
// names; Tokenizer segments with gse (dictionary, domain words, parts of
// speech) and drops stop words; Tokenize runs both over many texts at once.
// For people, Mask hides personal data and FoldSpace and Excerpt fold the
// white space that exports pad text with.
//
// It leaves out everything numeric (package cluster: vectors, clustering)
// and storage. Cleaner, Tokenizer and a loaded GSE are safe for concurrent
// use; gse's dictionary is never changed after LoadGSE.
package text
