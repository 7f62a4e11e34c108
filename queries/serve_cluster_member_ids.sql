-- serve_cluster_member_ids: the ids of the tickets of a cluster in a
-- scope, newest first (ties by ticket id), at most $4: the order the
-- console pages through, read once and kept, so a further page only reads
-- its own rows (serve_tickets_by_id).
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many ids at most.
SELECT t.ticket_id
FROM cluster_members m
JOIN tickets t USING (ticket_id)
WHERE m.cluster_id = $3
  AND ($1 = 'city' OR $1 = 'department' AND t.department = $2 OR $1 = 'district' AND t.district = $2)
ORDER BY t.received_at DESC, t.ticket_id
LIMIT $4;
