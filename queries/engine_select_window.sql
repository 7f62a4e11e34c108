-- engine_select_window: the tickets of a clustering window, staged for
-- engine_read_tickets and engine_read_tokens on the same connection, in
-- parts of $3 tickets by ticket id (engine_selection_parts).
-- Parameters: $1 window start (TIMESTAMPTZ, inclusive), $2 window end
-- (exclusive), $3 tickets a part (BIGINT). An empty window stages no row.
CREATE OR REPLACE TEMP TABLE engine_selection AS
SELECT ticket_id, (row_number() OVER (ORDER BY ticket_id) - 1) // $3 AS part
FROM tickets WHERE received_at >= $1 AND received_at < $2;
