-- engine_read_tickets: what the engine needs of each staged ticket
-- (engine_selection): its text (subject twice, then body: ticket_text), its
-- places, coordinates, caller, time and row hash, by ticket id. The text
-- is read only for tickets without tokens stored for their current values
-- and this tokenizer version ('' for the others): a warm weekly run reads
-- no text at all. The stored tokens are tested for existence only, never
-- joined with their lists (an outer join on the lists hashed every one).
-- Parameters: $1 tokenizer version. Missing places read as ''.
SELECT t.ticket_id,
    CASE WHEN EXISTS (SELECT 1 FROM ticket_tokens k
                      WHERE k.ticket_id = t.ticket_id AND k.version = $1 AND k.row_hash = t.row_hash)
         THEN '' ELSE ticket_text(t.title, t.content) END AS text,
    coalesce(t.district, ''), coalesce(t.street, ''), coalesce(t.community, ''), coalesce(t.address, ''),
    t.lat, t.lon, coalesce(t.caller_id, ''), t.received_at, t.row_hash
FROM tickets t JOIN engine_selection USING (ticket_id)
ORDER BY t.ticket_id;
