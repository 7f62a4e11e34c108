-- engine_clear_window_dups: drop the near-duplicate groups of a window's
-- tickets; the run writes them anew.
-- Parameters: $1 window start (TIMESTAMPTZ, inclusive), $2 end (exclusive).
DELETE FROM dup_groups WHERE ticket_id IN (
    SELECT ticket_id FROM tickets WHERE received_at >= $1 AND received_at < $2);
