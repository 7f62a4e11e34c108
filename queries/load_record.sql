-- load_record: record a finished load and its counts.
-- Parameters: $1 load_id, $2 path, $3 sha256, $4 format, $5 encoding, $6 profile, $7 started_at.
-- Input: temp tables classified and structural.
INSERT INTO loads
SELECT $1, $2, $3, $4, $5, $6,
       (SELECT count(*) FROM classified) + (SELECT count(*) FROM structural),
       count(*) FILTER (WHERE action = 'insert'),
       count(*) FILTER (WHERE action = 'update'),
       count(*) FILTER (WHERE action = 'unchanged'),
       count(*) FILTER (WHERE action = 'reject') + (SELECT count(*) FROM structural),
       $7, now()
FROM classified;
