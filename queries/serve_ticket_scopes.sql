-- serve_ticket_scopes: the department and district of some tickets, so the
-- console can keep "cases like this" of a scoped user to the tickets of that user.
-- Parameters: $1 ticket ids (VARCHAR[]). Unknown ids give no row; empty
-- strings for missing fields.
SELECT ticket_id, coalesce(department, '') AS department, coalesce(district, '') AS district
FROM tickets
WHERE list_contains($1, ticket_id);
