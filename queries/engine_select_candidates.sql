-- engine_select_candidates: the tickets a nightly assignment considers,
-- staged for engine_read_tickets and engine_read_tokens: those received
-- before $1 and loaded after load $2 (the last load the previous
-- assignment covered), and those left pending, less any a clustering run
-- has put in a cluster since; in parts of $3 tickets by ticket id
-- (engine_selection_parts).
-- Parameters: $1 before (TIMESTAMPTZ, exclusive), $2 last load covered
-- (BIGINT; -1 for none), $3 tickets a part (BIGINT).
CREATE OR REPLACE TEMP TABLE engine_selection AS
WITH c AS (
    SELECT ticket_id FROM tickets WHERE received_at < $1 AND load_id > $2
    UNION
    SELECT m.ticket_id FROM cluster_members m JOIN tickets t USING (ticket_id)
    WHERE m.cluster_id IS NULL AND t.received_at < $1
)
SELECT ticket_id, (row_number() OVER (ORDER BY ticket_id) - 1) // $3 AS part
FROM c WHERE ticket_id NOT IN (
    SELECT ticket_id FROM cluster_members
    WHERE cluster_id IS NOT NULL AND ticket_id IN (SELECT ticket_id FROM c));
