-- serve_top_clusters: the similar-case clusters of a scope of one week, most
-- events first (near-duplicates counted once, as in v_cluster_weekly),
-- with the events of the week before, the events of each of the 8 weeks
-- ending with it (for a sparkline; the week is the last), and the
-- surge or new flag of the cluster of the week.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 the Monday 7 weeks before the week (the
-- first week of the sparkline; TIMESTAMPTZ), $4 the week ('2026-W47'), $5 how
-- many clusters (ties by cluster id).
-- Weeks are counted in whole 7-day steps from $3 in epoch microseconds, which
-- is exact for Asia/Shanghai (no daylight saving) and much cheaper than a
-- calendar difference. Events are the tickets outside a near-duplicate
-- group plus the groups, which is count(DISTINCT event_id) of v_tickets
-- without hashing every ticket id. Reads cluster_member_facts, not
-- cluster_members joined to tickets (half the time on a million tickets).
WITH s AS (
    SELECT f.cluster_id, (epoch_us(f.received_at) - epoch_us($3::TIMESTAMPTZ)) // 604800000000 AS w,
           d.group_id
    FROM cluster_member_facts f
    LEFT JOIN dup_groups d USING (ticket_id)
    WHERE f.received_at >= $3::TIMESTAMPTZ AND f.received_at < $3::TIMESTAMPTZ + INTERVAL 56 DAY
      AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
), weekly AS MATERIALIZED (
    SELECT cluster_id, w, count(*) - count(group_id) + count(DISTINCT group_id) AS events, count(*) AS tickets
    FROM s GROUP BY cluster_id, w
), top AS (
    SELECT cluster_id, events, tickets FROM weekly WHERE w = 7
    QUALIFY row_number() OVER (ORDER BY events DESC, cluster_id) <= $5
), series AS (
    SELECT top.cluster_id, list(coalesce(weekly.events, 0) ORDER BY r.i) AS weekly
    FROM top CROSS JOIN range(8) r(i)
    LEFT JOIN weekly ON weekly.cluster_id = top.cluster_id AND weekly.w = r.i
    GROUP BY top.cluster_id
), flags AS (
    SELECT cluster_id, min(kind) AS flag FROM cluster_surges WHERE week = $4::VARCHAR GROUP BY cluster_id
)
SELECT top.cluster_id, k.name, top.events, top.tickets, se.weekly[7] AS prev_events,
       se.weekly, coalesce(f.flag, '') AS flag
FROM top
JOIN clusters k USING (cluster_id)
JOIN series se USING (cluster_id)
LEFT JOIN flags f USING (cluster_id)
ORDER BY top.events DESC, top.cluster_id;
