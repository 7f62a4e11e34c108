-- engine_member_facts_clear_window: drop the console's facts of a window's
-- tickets, as engine_clear_window_members drops their memberships; the
-- full run adds them anew (engine_member_facts_add). The facts carry each
-- ticket's received time (kept equal to the ticket's by every load), so
-- no join with tickets is needed.
-- Parameters: $1 window start (TIMESTAMPTZ, inclusive), $2 end (exclusive).
DELETE FROM cluster_member_facts WHERE received_at >= $1 AND received_at < $2;
