-- load_source_table: expose a staged table that already has _line and the
-- file's columns (an XLSX sheet) as the view source.
-- Parameters: none. Input: temp table src.
CREATE TEMP VIEW source AS SELECT * FROM src;
