-- engine_assign_last: the last load an assignment up to $2 covers: the
-- load before the first one after $1 that holds a ticket received at or
-- after $2 (not a candidate yet), else the newest load; -1 with no load.
-- Parameters: $1 last load covered before (BIGINT), $2 before (TIMESTAMPTZ).
SELECT coalesce(
    (SELECT min(load_id) - 1 FROM tickets WHERE load_id > $1 AND received_at >= $2),
    (SELECT max(load_id) FROM loads), -1)::BIGINT;
