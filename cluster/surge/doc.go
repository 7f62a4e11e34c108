// Package surge flags the weeks in which a similar-case cluster surges or
// first appears. Weekly event counts (a near-duplicate group counts once)
// are compared with the cluster's own eight weeks before them as Poisson
// rates: a surge when the week, or the week and the one before it
// together, hold improbably many events against those eight weeks (the
// conditional binomial test of two rates, P below 5e-5), at least twice
// their mean over the window and at least 8 in the week; a new issue when
// the trailing weeks hold at most one event and the count reaches 8.
//
// It reads counts (WeeklySeries) but stores nothing: package cluster's
// Engine.Surges writes the flags. Detect is a pure function and safe for
// concurrent use.
package surge
