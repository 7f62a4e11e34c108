-- engine_clear_window_members: drop the memberships of a window's tickets;
-- the full run writes them anew.
-- Parameters: $1 window start (TIMESTAMPTZ, inclusive), $2 end (exclusive).
DELETE FROM cluster_members WHERE ticket_id IN (
    SELECT ticket_id FROM tickets WHERE received_at >= $1 AND received_at < $2);
