-- load_bad_encoding: how many rows DuckDB's CSV reader rejected for bytes
-- that are not UTF-8: a file in GBK/GB18030 whose head looked like UTF-8.
-- Parameters: none. Input: temp table csv_rejects (read_csv's rejects).
-- More than 0 makes the loader stage the file again from a UTF-8 copy.
SELECT count(*) FROM csv_rejects WHERE error_type IN ('INVALID UNICODE', 'INVALID ENCODING');
