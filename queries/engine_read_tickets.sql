-- engine_read_tickets: what the engine needs of each staged ticket of
-- one part (engine_selection, engine_selection_parts): its text (subject twice, then body: ticket_text), its
-- places, coordinates, caller, time and row hash, by ticket id. The text
-- is read only for tickets without tokens stored for their current values
-- and this tokenizer version ('' for the others): a warm weekly run reads
-- no text at all. The stored tokens are tested for existence only, never
-- joined with their lists (an outer join on the lists hashed every one).
-- The id range of the part lets the scans of tickets and ticket_tokens
-- skip what lies outside it.
-- Parameters: $1 tokenizer version, $2 part, $3 and $4 its first and last
-- ticket id. Missing places read as ''.
SELECT t.ticket_id,
    CASE WHEN EXISTS (SELECT 1 FROM ticket_tokens k
                      WHERE k.ticket_id = t.ticket_id AND k.version = $1 AND k.row_hash = t.row_hash
                        AND k.ticket_id BETWEEN $3 AND $4)
         THEN '' ELSE ticket_text(t.title, t.content) END AS text,
    coalesce(t.district, ''), coalesce(t.street, ''), coalesce(t.community, ''), coalesce(t.address, ''),
    t.lat, t.lon, coalesce(t.caller_id, ''), t.received_at, t.row_hash
FROM tickets t JOIN engine_selection s USING (ticket_id)
WHERE s.part = $2 AND t.ticket_id BETWEEN $3 AND $4
ORDER BY t.ticket_id;
