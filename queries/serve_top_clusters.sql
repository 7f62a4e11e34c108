-- serve_top_clusters: a scope's similar-case clusters of a period, most
-- events first (near-duplicates counted once, as in v_cluster_weekly), with
-- the events of the period before, the events of each of the 8 ISO weeks
-- ending with the period's last week (for a sparkline), and the cluster's
-- surge or new flag of the period's weeks.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 period start, $4 period end, $5 previous
-- period start, $6 the Monday 7 weeks before the period's last week
-- (TIMESTAMPTZ), $7 how many clusters (ties by cluster id).
WITH s AS (
    SELECT t.ticket_id, t.received_at, m.cluster_id, coalesce(d.group_id, t.ticket_id) AS event_id
    FROM tickets t
    JOIN cluster_members m USING (ticket_id)
    LEFT JOIN dup_groups d USING (ticket_id)
    WHERE m.cluster_id IS NOT NULL
      AND t.received_at >= least($5, $6) AND t.received_at < greatest($4, $6 + INTERVAL 56 DAY)
      AND ($1 = 'city' OR $1 = 'department' AND t.department = $2 OR $1 = 'district' AND t.district = $2)
), cur AS (
    SELECT cluster_id, count(DISTINCT event_id) AS events, count(*) AS tickets
    FROM s WHERE received_at >= $3 AND received_at < $4
    GROUP BY cluster_id
    ORDER BY events DESC, cluster_id
    LIMIT $7
), prev AS (
    SELECT cluster_id, count(DISTINCT event_id) AS events
    FROM s WHERE received_at >= $5 AND received_at < $3
    GROUP BY cluster_id
), weekly AS (
    SELECT cluster_id, date_diff('day', $6, received_at) // 7 AS w, count(DISTINCT event_id) AS events
    FROM s WHERE received_at >= $6 AND received_at < $6 + INTERVAL 56 DAY
    GROUP BY ALL
), series AS (
    SELECT c.cluster_id, list(coalesce(w2.events, 0) ORDER BY r.i) AS weekly
    FROM cur c CROSS JOIN range(8) r(i)
    LEFT JOIN weekly w2 ON w2.cluster_id = c.cluster_id AND w2.w = r.i
    GROUP BY c.cluster_id
), flags AS (
    SELECT cluster_id, min(kind) AS flag FROM cluster_surges
    WHERE week >= strftime($3, '%G-W%V') AND week <= strftime($4 - INTERVAL 1 SECOND, '%G-W%V')
    GROUP BY cluster_id
)
SELECT c.cluster_id, k.name, c.events, c.tickets, coalesce(p.events, 0) AS prev_events,
       se.weekly, coalesce(f.flag, '') AS flag
FROM cur c
JOIN clusters k USING (cluster_id)
JOIN series se USING (cluster_id)
LEFT JOIN prev p USING (cluster_id)
LEFT JOIN flags f USING (cluster_id)
ORDER BY c.events DESC, c.cluster_id;
