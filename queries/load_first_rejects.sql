-- load_first_rejects: the first rejects of a load, by line then field, for
-- display (all of them stay in rejects).
-- Parameters: $1 load_id, $2 how many.
SELECT line, field, reason FROM rejects WHERE load_id = $1 ORDER BY line, field LIMIT $2;
