-- load_stage_reset: clear what staging a previous file left on the
-- connection and create the empty tables every format's staging fills:
-- structural(line, reason, raw), the rows rejected before any field is
-- read (a CSV row that does not parse, a JSON line that is not an object,
-- an XLSX row wider than its header); line_shift(adj), how far DuckDB's
-- CSV row numbers fall behind the file's lines after rejected rows.
-- Parameters: none. A script of several statements, run as one: the
-- loader's staging owns these temporary names on its connection.
DROP VIEW IF EXISTS raw;
DROP VIEW IF EXISTS objects;
DROP VIEW IF EXISTS source;
DROP VIEW IF EXISTS csv_src;
DROP VIEW IF EXISTS csv_strict;
DROP TABLE IF EXISTS src;
DROP TABLE IF EXISTS csv_rejects;
DROP TABLE IF EXISTS csv_scans;
CREATE OR REPLACE TEMP TABLE structural (line BIGINT, reason VARCHAR, raw VARCHAR);
CREATE OR REPLACE TEMP TABLE line_shift (adj BIGINT);
