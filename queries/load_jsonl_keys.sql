-- load_jsonl_keys: every key any object of a JSON Lines file has, sorted:
-- the file's columns.
-- Parameters: none. Input: view objects (load_jsonl_objects.sql).
-- No rows when no line is an object.
SELECT DISTINCT unnest(json_keys(j)) AS k FROM objects ORDER BY k;
