-- load_columns: the columns of a temporary table, in order: a staged
-- file's headers as DuckDB named them.
-- Parameters: $1 table name. No rows for a table that does not exist.
SELECT column_name FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = $1
ORDER BY column_index;
