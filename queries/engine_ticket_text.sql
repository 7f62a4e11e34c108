-- engine_ticket_text: one ticket's text as the engine reads it (subject
-- twice, then body: ticket_text) and its places.
-- Parameters: $1 ticket id. No row for an unknown id.
SELECT ticket_text(title, content), district, street, community, address
FROM tickets WHERE ticket_id = $1;
