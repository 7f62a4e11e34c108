-- load_rejects: keep every rejected row of the load in progress, with the
-- source row as read (a JSON object of source header -> value).
-- Parameters: $1 load_id. Input: temp tables classified, structural and
-- line_shift, and the temp view source (the staged file with its _line).
-- line_shift corrects CSV record numbers for structurally rejected records
-- that DuckDB's reader skipped before a row (empty for other formats).
INSERT INTO rejects
SELECT $1,
       c.line + (SELECT count(*) FROM line_shift WHERE adj <= c.line - 2),
       c.reject_field, c.reject_reason,
       (SELECT CAST(to_json(s) AS VARCHAR) FROM source s WHERE s._line = c.line)
FROM classified c
WHERE c.action = 'reject'
UNION ALL
SELECT $1, line, 'row', reason, raw FROM structural;
