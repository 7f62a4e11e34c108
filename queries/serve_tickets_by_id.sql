-- serve_tickets_by_id: the fields of some tickets as the member lists of
-- the console show them, newest first (ties by ticket id); the caller
-- masks the text and has checked the scope of the ids.
-- Parameters: $1 ticket ids (VARCHAR[]). Unknown ids give no row; empty
-- strings for missing fields.
SELECT t.ticket_id, t.received_at, coalesce(t.channel, '') AS channel,
       coalesce(t.district, '') AS district, coalesce(t.street, '') AS street,
       coalesce(t.department, '') AS department, coalesce(t.title, '') AS title,
       coalesce(t.content, '') AS content
FROM tickets t
WHERE t.ticket_id IN (SELECT unnest($1::VARCHAR[]))
ORDER BY t.received_at DESC, t.ticket_id;
