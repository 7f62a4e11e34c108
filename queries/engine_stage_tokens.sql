-- engine_stage_tokens: an empty staging table for freshly segmented
-- tokens, joined by U+001F (DuckDB scans an Arrow list column far slower
-- than a string column: 29k tickets 7.8 s), with the row hash of the
-- values they were segmented from (read with the tickets, so storing
-- them needs no join with tickets).
-- Parameters: none.
CREATE OR REPLACE TEMP TABLE tokens_stage (ticket_id VARCHAR, row_hash UBIGINT, tokens VARCHAR);
