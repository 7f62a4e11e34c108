-- ticket_extra: the extra columns of some tickets (the source columns that
-- no profile or mapping names, a JSON object from header to value as read).
-- Parameters: $1 ticket ids (VARCHAR[]).
-- Tickets without extra columns, and ids not in tickets, are left out.
SELECT ticket_id, CAST(extra AS VARCHAR) AS extra
FROM tickets
WHERE list_contains($1, ticket_id) AND extra IS NOT NULL
ORDER BY ticket_id;
