// Package load loads ticket exports into the tickets table: CSV/TSV (UTF-8
// with or without BOM, GBK/GB18030), XLSX, JSON lines, Open311 GeoReport v2
// JSON, and Parquet.
//
// A load runs in three steps, with DuckDB doing the heavy lifting:
//
//  1. Stage: the file is read as text into a temporary table, one VARCHAR
//     column per source column plus its line. CSV, JSON and Parquet are read
//     by DuckDB's own readers (GBK is transcoded to UTF-8 first); XLSX is
//     streamed by excelize through DuckDB's appender. Rows DuckDB cannot split
//     into fields (a CSV line with too many columns, a JSON line that does
//     not parse) are kept as structural rejects.
//  2. Check: queries/load_check.sql maps source columns to ticket fields
//     through a profile (canonical names, Chinese export headers, Open311,
//     or a user mapping file), parses timestamps with the parse_local_ts
//     macro, and names the first bad field of each bad row. Columns that no
//     field takes are kept in the ticket's extra: a JSON object from source
//     header to value as read (text; null for an empty cell), keys sorted,
//     so that the same export as CSV, XLSX, JSON or Parquet, or with its
//     columns in another order, stores the same ticket.
//  3. Merge: in one transaction, new tickets are inserted, newer versions
//     (later updated_at) replace older ones, older or identical versions
//     change nothing, a row that differs from the stored version only in
//     extra replaces it (an export's own counters, such as likes, change
//     without an update time), and every other row goes to rejects with its line,
//     field, reason and the source row as read. The loads row records the
//     counts, which always add up: read = inserted + updated + unchanged +
//     rejected.
//
// A file commits whole or not at all; a process killed mid-load leaves the
// database as it was, because the merge is one DuckDB transaction.
//
// Line numbers are those of the source: for CSV the record number counting
// the header as line 1 (a record whose quoted field spans several physical
// lines counts once), for XLSX the sheet row, for JSON lines the line, for a
// JSON array the element number, for Parquet the row number.
//
// A Loader is not safe for concurrent use; one process writes a database at
// a time (see package store).
package load
