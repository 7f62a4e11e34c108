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
// Stored and nightly (package cluster): the weekly job trains a Linear on
// the newest 60,000 clustered tickets with a final department and stores
// its weights by term (route_terms, route_classes); each nightly
// assignment ranks its new tickets with it and keeps the best department,
// its confidence, the runner-up and evidence (ticket_suggestions).
//
// The confidence above which a suggestion against the first dispatch is
// flagged for review (v_suggestions, migration 0011) is 0.6, measured on
// generated tickets with planted misdispatch (8,000 tickets, 30% letters,
// 10% misdispatched; eight weeks learned, four assigned; cluster's
// TestNightlySuggestionsFindPlantedMisdispatch with the threshold varied):
//
//	threshold      0.3   0.4   0.5   0.6   0.7   0.8   0.9
//	seed 21  P   0.933 0.952 0.967 0.980 0.991 0.994 1.000
//	         R   0.984 0.975 0.965 0.943 0.932 0.910 0.847
//	seed 22  P   0.936 0.944 0.958 0.976 0.994 0.997 1.000
//	         R   0.997 0.994 0.994 0.982 0.951 0.926 0.862
//
// (suggestion = owning department: 0.986 and 0.989). 0.6 keeps precision
// near 0.98 with recall above 0.94; real text is harder than generated, and
// a review list that is mostly right is what a meeting will keep reading.
//
// It leaves out the catalogue item: leian's exports carry an item (目录项)
// per ticket, but the suggestion is of the department; the item is shown
// beside it where the data has one.
package route
