-- report_clusters: the similar-case clusters of each report scope in a
-- period: events this period and the one before (duplicates counted once),
-- tickets, the weekly events of the trailing 8 weeks ending with the period's
-- last week (for a sparkline; that whole week, even days after the period),
-- the surge or new flag of the period, and the cluster's name; per scope best
-- first. Parameters: scope_kind ('all' for every scope; scope_categories
-- false leaves the categories out of 'all', see migration 0009), scope_value,
-- period_from, period_to (TIMESTAMPTZ), weeks_from (TIMESTAMPTZ: the Monday 7
-- weeks before the period's last week).
WITH s AS (
    SELECT * FROM scoped_tickets(
        least(getvariable('weeks_from')::TIMESTAMPTZ,
              getvariable('period_from')::TIMESTAMPTZ - (getvariable('period_to')::TIMESTAMPTZ - getvariable('period_from')::TIMESTAMPTZ)),
        greatest(getvariable('period_to')::TIMESTAMPTZ, getvariable('weeks_from')::TIMESTAMPTZ + INTERVAL 56 DAY))
    WHERE cluster_id IS NOT NULL
), cur AS (
    SELECT scope_kind, scope_value, cluster_id, count(DISTINCT event_id) AS events, count(*) AS tickets
    FROM s WHERE received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
    GROUP BY ALL
), prev AS (
    SELECT scope_kind, scope_value, cluster_id, count(DISTINCT event_id) AS events
    FROM s
    WHERE received_at >= getvariable('period_from')::TIMESTAMPTZ - (getvariable('period_to')::TIMESTAMPTZ - getvariable('period_from')::TIMESTAMPTZ)
      AND received_at < getvariable('period_from')::TIMESTAMPTZ
    GROUP BY ALL
), weeks AS (
    SELECT i, strftime(getvariable('weeks_from')::TIMESTAMPTZ + INTERVAL (7 * i) DAY, '%G-W%V') AS week FROM range(8) r(i)
), weekly AS (
    SELECT scope_kind, scope_value, cluster_id, received_week, count(DISTINCT event_id) AS events
    FROM s WHERE received_at >= getvariable('weeks_from')::TIMESTAMPTZ
    GROUP BY ALL
), series AS (
    SELECT c.scope_kind, c.scope_value, c.cluster_id, list(coalesce(w2.events, 0) ORDER BY w.i) AS weekly
    FROM cur c CROSS JOIN weeks w
    LEFT JOIN weekly w2
        ON w2.scope_kind = c.scope_kind AND w2.scope_value = c.scope_value
       AND w2.cluster_id = c.cluster_id AND w2.received_week = w.week
    GROUP BY ALL
), flags AS (
    SELECT cluster_id, min(kind) AS flag FROM cluster_surges
    WHERE week >= strftime(getvariable('period_from')::TIMESTAMPTZ, '%G-W%V')
      AND week <= strftime(getvariable('period_to')::TIMESTAMPTZ - INTERVAL 1 SECOND, '%G-W%V')
    GROUP BY cluster_id
)
SELECT c.scope_kind, c.scope_value, c.cluster_id, k.name, c.events, c.tickets,
       coalesce(p.events, 0) AS prev_events, se.weekly, coalesce(f.flag, '') AS flag
FROM cur c
JOIN clusters k USING (cluster_id)
JOIN series se USING (scope_kind, scope_value, cluster_id)
LEFT JOIN prev p USING (scope_kind, scope_value, cluster_id)
LEFT JOIN flags f USING (cluster_id)
ORDER BY c.scope_kind, c.scope_value, c.events DESC, c.cluster_id;
