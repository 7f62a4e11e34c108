-- engine_store_tokens: store the staged tokens (tokens_stage, joined by
-- U+001F) under the row hash they were segmented for, after
-- engine_clear_staged_tokens. A ticket loaded anew meanwhile has another
-- row hash, so its stored tokens are not used and it is segmented again.
-- Parameters: $1 tokenizer version. An empty staged string is no token.
INSERT INTO ticket_tokens
SELECT s.ticket_id, s.row_hash, $1,
    CASE WHEN s.tokens = '' THEN []::VARCHAR[] ELSE string_split(s.tokens, chr(31)) END
FROM tokens_stage s;
