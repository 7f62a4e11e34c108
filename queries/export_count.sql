-- export_count: the rows of a hive-partitioned Parquet export, to report
-- what export_tickets.sql wrote.
-- Parameters: $1 a glob of the files (DIR/**/*.parquet).
-- Fails if the glob matches no file.
SELECT count(*) FROM read_parquet($1, hive_partitioning = true);
