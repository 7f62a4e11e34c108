// Package export writes query results and the ticket history as files for
// other tools: a query's result as Parquet (DuckDB's COPY) or as an Arrow
// IPC file (record batches streamed from DuckDB's Arrow interface). leian
// sql and leian export parse flags and call it.
//
// It leaves out every format leian sql prints itself (table, CSV, JSON):
// those are text on standard output, not files for other tools.
package export
