-- engine_route_training: the tickets a dispatch suggestion learns from:
-- the newest tickets whose final handling unit (department) is known, with
-- their stored tokens for the current tokenizer and values. It learns from
-- where tickets ended, not from where they were first sent.
-- Parameters: $1 tokenizer version, $2 a ticket id to leave out ('' for
-- none), $3 at most this many (the newest). Tickets never clustered have no
-- stored tokens and are absent.
SELECT t.ticket_id, t.department, k.tokens
FROM tickets t JOIN ticket_tokens k USING (ticket_id)
WHERE k.version = $1 AND k.row_hash = t.row_hash
    AND coalesce(t.department, '') <> '' AND t.ticket_id <> $2
ORDER BY t.received_at DESC, t.ticket_id
LIMIT $3;
