// Package dup finds near-duplicate tickets: reports of one event through
// several channels, or one caller again on one issue, so that they are not
// counted as separate problems. Candidates come from MinHash LSH over each
// ticket's word set, bucketed by street and two-week period, and from
// buckets of one address and period; a pair is one event when it is at one
// address with most of the smaller ticket's words in the other, or at one
// street within 300 m and 14 days with word Jaccard at least 0.40, or from
// one caller within 30 days with Jaccard at least 0.30 (measurements beside
// the constants and in package cluster's doc).
//
// It works on word sets and places only: segmentation is package
// cluster/text's, storage package cluster's. Groups is safe for concurrent
// use; a Cache is not.
package dup
