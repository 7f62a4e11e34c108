-- export_clusters: write the clusters table as Parquet files into a
-- directory (one file per writing thread).
-- Parameters: $1 the output directory (absolute; created if missing).
-- Everything already in the directory is deleted first (OVERWRITE), so no
-- file of an earlier export with more threads is left; an empty table
-- writes a file with the schema and no rows.
COPY clusters TO $1 (FORMAT parquet, PER_THREAD_OUTPUT, OVERWRITE);
