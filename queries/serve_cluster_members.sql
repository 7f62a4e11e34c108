-- serve_cluster_members: one page of the tickets of a cluster in a scope,
-- newest first (ties by ticket id); the caller masks the text. The page is
-- chosen on the ids and times alone (cluster_member_facts), and only its
-- rows are read whole.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 page size, $5 rows to skip.
WITH page AS (
    SELECT f.ticket_id, f.received_at
    FROM cluster_member_facts f
    WHERE f.cluster_id = $3
      AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
    ORDER BY f.received_at DESC, f.ticket_id
    LIMIT $4 OFFSET $5
)
SELECT t.ticket_id, t.received_at, coalesce(t.channel, '') AS channel,
       coalesce(t.district, '') AS district, coalesce(t.street, '') AS street,
       coalesce(t.department, '') AS department, coalesce(t.title, '') AS title,
       coalesce(t.content, '') AS content, m.similarity
FROM page JOIN tickets t USING (ticket_id) JOIN cluster_members m USING (ticket_id)
ORDER BY t.received_at DESC, t.ticket_id;
