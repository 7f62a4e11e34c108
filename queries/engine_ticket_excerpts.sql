-- engine_ticket_excerpts: the received time, title, content and catalogue
-- item (目录项, '' when none) of some tickets, for evidence shown beside a
-- suggestion (masked by the caller).
-- Parameters: $1 ticket ids (VARCHAR[]). Unknown ids are absent.
SELECT ticket_id, strftime(received_at, '%Y-%m-%d %H:%M'), coalesce(title, ''), coalesce(content, ''), coalesce(item, '')
FROM tickets
WHERE list_contains($1, ticket_id)
ORDER BY ticket_id;
