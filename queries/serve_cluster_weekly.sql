-- serve_cluster_weekly: the tickets and events of a cluster (near-duplicates
-- counted once) of a scope in each of $4 ISO weeks starting on the Monday
-- $3, zeros included, oldest first.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 first Monday (TIMESTAMPTZ), $4 weeks, $5
-- cluster id. Weeks are whole 7-day steps from $3 in epoch microseconds (exact
-- for Asia/Shanghai, without daylight saving; cheaper than a calendar
-- difference). Reads the cluster's rows of cluster_member_facts.
WITH s AS (
    SELECT (epoch_us(f.received_at) - epoch_us($3::TIMESTAMPTZ)) // 604800000000 AS w, f.ticket_id,
           coalesce(d.group_id, f.ticket_id) AS event_id
    FROM cluster_member_facts f
    LEFT JOIN dup_groups d USING (ticket_id)
    WHERE f.cluster_id = $5 AND f.received_at >= $3::TIMESTAMPTZ AND f.received_at < $3::TIMESTAMPTZ + to_days(7 * $4::INTEGER)
      AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
)
SELECT r.i AS w, strftime($3 + to_days(7 * CAST(r.i AS INTEGER)), '%G-W%V') AS week,
       count(s.ticket_id) AS tickets, count(DISTINCT s.event_id) AS events
FROM range($4) r(i)
LEFT JOIN s ON s.w = r.i
GROUP BY r.i
ORDER BY r.i;
