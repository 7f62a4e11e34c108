-- engine_read_tokens: the stored tokens of the staged tickets of one
-- part (engine_selection, engine_selection_parts) for one tokenizer
-- version; the caller keeps a row only when its row_hash matches the
-- current one of the ticket.
-- Parameters: $1 tokenizer version, $2 part, $3 and $4 its first and last
-- ticket id.
SELECT k.ticket_id, k.row_hash, k.tokens
FROM ticket_tokens k JOIN engine_selection s USING (ticket_id)
WHERE k.version = $1 AND s.part = $2 AND k.ticket_id BETWEEN $3 AND $4;
