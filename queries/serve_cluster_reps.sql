-- serve_cluster_reps: the representative tickets of a cluster (closest to its
-- centroid first) that belong to a scope; the caller masks the text.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many. The scope is
-- checked on cluster_member_facts, which also drops a representative that
-- has since left the cluster.
SELECT r.ticket_id, t.received_at, coalesce(t.title, '') AS title, coalesce(t.content, '') AS content,
       coalesce(t.district, '') AS district, coalesce(t.street, '') AS street
FROM cluster_representatives r
JOIN cluster_member_facts f ON f.cluster_id = r.cluster_id AND f.ticket_id = r.ticket_id
JOIN tickets t ON t.ticket_id = r.ticket_id
WHERE r.cluster_id = $3
  AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
ORDER BY r.rank, r.ticket_id
LIMIT $4;
