// Package queries embeds the project's SQL: the schema migrations under
// migrations/ and one named statement per .sql file beside them.
//
// Every file runs unchanged in the standalone DuckDB CLI. A file's header
// comment names its parameters; Go code binds them positionally in the order
// the header lists them. The package holds no Go logic beyond the embedding:
// it deliberately leaves running the statements to the packages that own
// each stage (store, load, cluster, analysis).
package queries
