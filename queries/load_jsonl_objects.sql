-- load_jsonl_objects: the lines of a staged JSON Lines file that are JSON
-- objects, as the view objects(_line, j).
-- Parameters: none. Input: temp table src (load_jsonl_table.sql).
-- The nested CASE keeps DuckDB from calling json_type on invalid JSON,
-- which would raise an error instead of leaving the line out.
CREATE TEMP VIEW objects AS
SELECT _line, j FROM (
    SELECT _line, CASE WHEN json_valid(j) AND CASE WHEN json_valid(j) THEN json_type(j) = 'OBJECT' END THEN j END AS j
    FROM src
)
WHERE j IS NOT NULL;
