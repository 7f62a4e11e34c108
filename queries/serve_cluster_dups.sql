-- serve_cluster_dups: the near-duplicate groups of a cluster (one event through
-- several channels, or one caller again) among its tickets of a scope:
-- the group id, its tickets in the scope, their channels, first and last
-- received time and up to 5 ticket ids; largest first, ties by group id.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many groups. Reads the
-- cluster's rows of cluster_member_facts.
SELECT d.group_id, count(*) AS tickets,
       list(DISTINCT coalesce(f.channel, '未填') ORDER BY coalesce(f.channel, '未填')) AS channels,
       min(f.received_at) AS first_at, max(f.received_at) AS last_at,
       list(f.ticket_id ORDER BY f.received_at, f.ticket_id)[1:5] AS ticket_ids
FROM cluster_member_facts f
JOIN dup_groups d USING (ticket_id)
WHERE f.cluster_id = $3
  AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
GROUP BY d.group_id
HAVING count(*) > 1
ORDER BY tickets DESC, d.group_id
LIMIT $4;
