-- engine_store_tokens: store the staged tokens (tokens_stage, joined by
-- U+001F) under the tickets' current row hash, after
-- engine_clear_staged_tokens.
-- Parameters: $1 tokenizer version. An empty staged string is no token.
INSERT INTO ticket_tokens
SELECT s.ticket_id, t.row_hash, $1,
    CASE WHEN s.tokens = '' THEN []::VARCHAR[] ELSE string_split(s.tokens, chr(31)) END
FROM tokens_stage s JOIN tickets t USING (ticket_id);
