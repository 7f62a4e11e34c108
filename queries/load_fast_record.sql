-- load_fast_record: record a load that the fast path wrote: every row read
-- was inserted or rejected.
-- Parameters: $1 load_id, $2 path, $3 sha256, $4 format, $5 encoding,
-- $6 profile, $7 rows read, $8 inserted, $9 rejected, $10 started_at.
INSERT INTO loads VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, $9, $10, now());
