-- serve_cluster_dups: the near-duplicate groups of a cluster (one event through
-- several channels, or one caller again) among its tickets of a scope:
-- the group id, its tickets in the scope, their channels, first and last
-- received time and up to 5 ticket ids; largest first, ties by group id.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 cluster id, $4 how many groups.
SELECT d.group_id, count(*) AS tickets,
       list(DISTINCT coalesce(t.channel, '未填') ORDER BY coalesce(t.channel, '未填')) AS channels,
       min(t.received_at) AS first_at, max(t.received_at) AS last_at,
       list(t.ticket_id ORDER BY t.received_at, t.ticket_id)[1:5] AS ticket_ids
FROM cluster_members m
JOIN dup_groups d USING (ticket_id)
JOIN tickets t USING (ticket_id)
WHERE m.cluster_id = $3
  AND ($1 = 'city' OR $1 = 'department' AND t.department = $2 OR $1 = 'district' AND t.district = $2)
GROUP BY d.group_id
HAVING count(*) > 1
ORDER BY tickets DESC, d.group_id
LIMIT $4;
