-- load_csv_rejects: once the CSV behind the view source has been read
-- (by load_classify.sql, or on the fast path by the pass of
-- load_fast_insert.sql that keeps rejects), record the rows read_csv rejected as structural
-- rejects (one per line: the first error by column, the line as read) and
-- the line shifts they cause.
-- Parameters: none. Input: temp table csv_rejects (read_csv's rejects of
-- that read); output into the temp tables structural and line_shift
-- (load_stage_reset.sql). A script of two statements.
INSERT INTO structural
SELECT line, arg_min(error_type || ': ' || error_message, coalesce(column_idx, 0)), any_value(csv_line)
FROM csv_rejects GROUP BY line;
INSERT INTO line_shift
SELECT line - (row_number() OVER (ORDER BY line) - 1) - 2 FROM (SELECT DISTINCT line FROM csv_rejects);
