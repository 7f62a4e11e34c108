-- load_stage_csv: expose the CSV file that the temp view csv_src reads
-- (read_csv, rejecting rows it cannot split into csv_rejects as it reads)
-- as the view source, with each row's record number in the file (the
-- header is line 1). The file is read when source is.
-- Parameters: none. Input: temp view csv_src. After the first read of
-- source, load_csv_rejects.sql records what the reader rejected.
-- Edge case: row_number() counts only the rows read_csv accepted, so a
-- rejected row shifts the later lines; line_shift holds the adjustments.
CREATE TEMP VIEW source AS SELECT row_number() OVER () + 1 AS _line, * FROM csv_src;
