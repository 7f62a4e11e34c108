// Package export writes query results and the ticket history as files for
// other tools: a query's result as Parquet (DuckDB's COPY) or as an Arrow
// IPC file (record batches streamed from DuckDB's Arrow interface), and
// the whole history as Hive-partitioned Parquet (History: tickets by local
// year and month of receipt, and the clusters), which each export replaces.
// TestHistoryReadsBack reads that back with DuckDB's read_parquet and hive
// partitioning and checks the rows, the partitions and that every column
// has a type Spark and Trino read. leian sql and leian export parse flags
// and call it.
//
// It leaves out every format leian sql prints itself (table, CSV, JSON):
// those are text on standard output, not files for other tools.
package export
