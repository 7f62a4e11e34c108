// Package route suggests which department (or any label) should own a
// ticket, learned from where similar past tickets were finally handled.
// Two rankers are compared: Vote, a vote over the most similar past
// tickets as leian similar finds them, and Linear, a softmax regression
// over the same TF-IDF and embedding features trained in Go. Evaluate
// cross-validates both on labelled texts (leian eval --task route).
//
// Measured with `leian eval --task route --input F` (5 folds; seeds 1, 2, 3):
//
//	gov495 (7 categories)  vote 0.741 0.767 0.773   linear 0.769 0.773 0.773
//	                       (jieba + scikit-learn: kNN-10 0.715, LinearSVC 0.755)
//	cnews1k (10 labels)    vote 0.951               linear 0.967 (seed 1)
//
// Linear is at least as accurate on every run and has the better top-3
// (gov495 0.955-0.972 against 0.921-0.937), so it is the one kept;
// Evaluate reports both. The vote stays useful as evidence: the similar
// past tickets behind a suggestion.
//
// It leaves out storage (suggestions kept per ticket are the jobs' work)
// and the catalogue.
package route
