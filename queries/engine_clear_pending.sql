-- engine_clear_pending: drop the pending memberships (no cluster) of
-- tickets received before $1; the assignment writes them anew.
-- Parameters: $1 before (TIMESTAMPTZ, exclusive).
DELETE FROM cluster_members WHERE cluster_id IS NULL
    AND ticket_id IN (SELECT ticket_id FROM tickets WHERE received_at < $1);
