-- load_rejects: keep the rows of the load in progress that the
-- classification rejected, with the source row as read (a JSON object of
-- source header -> value). The loader runs it only when there are such
-- rows: for a CSV file, source reads the file again.
-- Parameters: $1 load_id. Input: temp tables classified and line_shift,
-- and the temp view source (the staged file with its _line).
-- line_shift corrects CSV record numbers for structurally rejected records
-- that DuckDB's reader skipped before a row (empty for other formats).
INSERT INTO rejects
SELECT $1,
       c.line + (SELECT count(*) FROM line_shift WHERE adj <= c.line - 2),
       c.reject_field, c.reject_reason,
       (SELECT CAST(to_json(s) AS VARCHAR) FROM source s WHERE s._line = c.line)
FROM classified c
WHERE c.action = 'reject';
