-- engine_read_tokens: the stored tokens of the staged tickets
-- (engine_selection) for one tokenizer version; the caller keeps a row
-- only when its row_hash matches the ticket's current one.
-- Parameters: $1 tokenizer version.
SELECT k.ticket_id, k.row_hash, k.tokens
FROM ticket_tokens k JOIN engine_selection USING (ticket_id)
WHERE k.version = $1;
