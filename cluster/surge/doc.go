// Package surge flags the weeks in which a similar-case cluster surges or
// first appears. Weekly event counts (a near-duplicate group counts once)
// are compared with the cluster's own trailing eight weeks as Poisson
// counts: a surge when P(X >= count) is below 1e-5, the count at least
// twice the baseline and at least 8; a new issue when the trailing weeks
// hold at most one event and the count reaches 8.
//
// It reads counts (WeeklySeries) but stores nothing: package cluster's
// Engine.Surges writes the flags. Detect is a pure function and safe for
// concurrent use.
package surge
