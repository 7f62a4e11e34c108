-- load_stage_csv: after read_csv staged a CSV file into the temp table src
-- (rejecting rows into csv_rejects), expose it as the view source with
-- each row's file line (the header is line 1), record the rejected rows as
-- structural rejects (one per line: the first error by column, the line as
-- read) and the line shifts they cause.
-- Parameters: none. Input: temp tables src, csv_rejects, structural,
-- line_shift (load_stage_reset.sql). A script of three statements.
-- Edge case: DuckDB's rowid counts only accepted rows, so a rejected row
-- shifts the later lines; line_shift holds the adjustments.
CREATE TEMP VIEW source AS SELECT rowid + 2 AS _line, * FROM src;
INSERT INTO structural
SELECT line, arg_min(error_type || ': ' || error_message, coalesce(column_idx, 0)), any_value(csv_line)
FROM csv_rejects GROUP BY line;
INSERT INTO line_shift
SELECT line - (row_number() OVER (ORDER BY line) - 1) - 2 FROM (SELECT DISTINCT line FROM csv_rejects);
