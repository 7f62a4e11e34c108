-- serve_cluster_member_ids: the ids of the tickets of a cluster in a
-- scope, newest first (ties by ticket id), at most $4: the order the
-- console pages through, read once and kept, so a further page only reads
-- its own rows (serve_tickets_by_id).
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many ids at most.
-- Reads the cluster's rows of cluster_member_facts.
SELECT f.ticket_id
FROM cluster_member_facts f
WHERE f.cluster_id = $3
  AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
ORDER BY f.received_at DESC, f.ticket_id
LIMIT $4;
