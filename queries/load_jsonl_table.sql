-- load_jsonl_table: the temp table a JSON Lines file's non-blank lines are
-- appended to, each with its line number, before DuckDB parses them.
-- Parameters: none.
CREATE TEMP TABLE src (_line BIGINT, j VARCHAR);
