-- export_tickets: write every ticket, with its similar-case cluster and
-- near-duplicate group (v_tickets without row_hash), as Parquet files
-- partitioned by local year and month of receipt:
-- DIR/year=2026/month=11/*.parquet, a layout DuckDB, Spark and Trino read
-- as it is (hive partitioning).
-- Parameters: $1 the output directory (absolute; created if missing).
-- Everything already in the directory is deleted first (OVERWRITE), so a
-- partition the tickets no longer fill does not keep its old files; no
-- tickets leaves the directory empty.
COPY (
    SELECT * EXCLUDE (row_hash),
           year(timezone('Asia/Shanghai', received_at)) AS year,
           month(timezone('Asia/Shanghai', received_at)) AS month
    FROM v_tickets
) TO $1 (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE);
