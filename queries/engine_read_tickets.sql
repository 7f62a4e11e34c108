-- engine_read_tickets: what the engine needs of each staged ticket
-- (engine_selection): its text (subject twice, then body: ticket_text), its
-- places, coordinates, caller, time and row hash, by ticket id.
-- Parameters: none. Missing places read as ''.
SELECT t.ticket_id, ticket_text(t.title, t.content) AS text,
    coalesce(t.district, ''), coalesce(t.street, ''), coalesce(t.community, ''), coalesce(t.address, ''),
    t.lat, t.lon, coalesce(t.caller_id, ''), t.received_at, t.row_hash
FROM tickets t JOIN engine_selection USING (ticket_id)
ORDER BY t.ticket_id;
