-- load_rejects_structural: keep the rows of the load in progress rejected
-- before any field was read (structural, load_stage_reset.sql), as read.
-- Parameters: $1 load_id. Input: temp table structural.
INSERT INTO rejects
SELECT $1, line, 'row', reason, raw FROM structural;
