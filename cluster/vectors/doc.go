// Package vectors is the numerical stage of leian's similar-case engine:
// from tokenised documents (held as word ids, Docs) to clusters, with no
// database. It weighs terms
// (sublinear TF-IDF times a general-corpus prior, GeneralWeigher), learns
// term vectors (PPMI of windowed co-occurrence by a randomized SVD, rare
// words leaning on their characters' vectors, joined by LSA loadings and
// weighed by their concentration in a first clustering for long texts,
// the common component removed), embeds
// documents, clusters them by spherical k-means with k given (Fit: the
// better of k-means and a refined Ward cut) or from the data (Ward merges
// of an over-clustering cut at the best simplified silhouette, oversized
// clusters split, centroids as alike as a warm start merges then merged),
// or warm from a previous clustering (FitFrom, FitWarm),
// then refines the clusters by their words (a naive Bayes model fitted by
// EM, lexical.go) before every document is assigned,
// ranks "cases like this" (Index, LikeScore) and scores clusterings
// against labels (Compare).
//
// Package cluster (the engine) reads and writes the tables; package
// cluster/text cleans and segments. The measurements behind every setting
// are in package cluster's doc. A Model is read-only after fitting and
// safe for concurrent use; Fit and the k-means functions are deterministic
// for a seed.
package vectors
