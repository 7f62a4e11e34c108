-- engine_select_window: the tickets of a clustering window, staged for
-- engine_read_tickets and engine_read_tokens on the same connection.
-- Parameters: $1 window start (TIMESTAMPTZ, inclusive), $2 window end
-- (exclusive). An empty window stages no row.
CREATE OR REPLACE TEMP TABLE engine_selection AS
SELECT ticket_id FROM tickets WHERE received_at >= $1 AND received_at < $2;
