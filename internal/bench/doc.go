// Package bench measures the throughput of every stage of leian at a
// scale, in one run, to size a machine: generating, loading, clustering
// (with its segmentation, features and near-duplicate stages), nightly
// assignment, the weekly re-clustering, the monthly metric set and the
// reports. leian bench prints its rows; the stages live here, beside the
// jobs and packages they drive.
//
// It measures wall time of one run only (no repetitions, no statistics);
// Go benchmarks (*_bench_test.go) measure single stages more carefully.
package bench
