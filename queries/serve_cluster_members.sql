-- serve_cluster_members: one page of the tickets of a cluster in a scope,
-- newest first (ties by ticket id); the caller masks the text. The page is
-- chosen on the ids and times alone, and only its rows are read whole.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 page size, $5 rows to skip.
WITH page AS (
    SELECT t.ticket_id, t.received_at, m.similarity
    FROM cluster_members m
    JOIN tickets t USING (ticket_id)
    WHERE m.cluster_id = $3
      AND ($1 = 'city' OR $1 = 'department' AND t.department = $2 OR $1 = 'district' AND t.district = $2)
    ORDER BY t.received_at DESC, t.ticket_id
    LIMIT $4 OFFSET $5
)
SELECT t.ticket_id, t.received_at, coalesce(t.channel, '') AS channel,
       coalesce(t.district, '') AS district, coalesce(t.street, '') AS street,
       coalesce(t.department, '') AS department, coalesce(t.title, '') AS title,
       coalesce(t.content, '') AS content, page.similarity
FROM page JOIN tickets t USING (ticket_id)
ORDER BY t.received_at DESC, t.ticket_id;
