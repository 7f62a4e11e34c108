-- engine_clear_staged_tokens: drop the stored tokens of the tickets about
-- to be stored anew (tokens_stage); engine_store_tokens writes them.
-- Parameters: none.
DELETE FROM ticket_tokens WHERE ticket_id IN (SELECT ticket_id FROM tokens_stage);
