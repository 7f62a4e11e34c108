// Package queries embeds the project's SQL: the schema migrations under
// migrations/ and one named statement per .sql file beside them.
//
// A file's header comment says what it computes and names its parameters,
// which come in one of two kinds. The metric and report queries read named
// parameters with getvariable('name'): analysis.Run sets each as a DuckDB
// variable, and in the standalone DuckDB CLI the file runs unchanged after
// SET VARIABLE lines (README.md). The other statements take numbered
// parameters $1, $2, ... that the caller binds as arguments, in the order
// the header lists them; in the DuckDB CLI they run as the body of a
// PREPARE. The package holds no Go logic beyond the embedding: it
// deliberately leaves running the statements to the packages that own each
// stage (store, load, cluster, analysis, reports, jobs).
package queries
