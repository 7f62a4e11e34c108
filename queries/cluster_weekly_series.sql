-- cluster_weekly_series: events per week of every cluster over a span of
-- weeks, zeros included, for trend lines and sparklines.
-- Parameters: week_from DATE (a Monday), weeks INTEGER.
SELECT c.cluster_id, w.week,
       coalesce(s.events, 0) AS events, coalesce(s.tickets, 0) AS tickets
FROM (SELECT DISTINCT cluster_id FROM v_cluster_weekly) c
CROSS JOIN (
    SELECT strftime(getvariable('week_from')::DATE + INTERVAL (7 * i) DAY, '%G-W%V') AS week
    FROM range(getvariable('weeks')::INTEGER) r(i)
) w
LEFT JOIN v_cluster_weekly s ON s.cluster_id = c.cluster_id AND s.week = w.week
ORDER BY c.cluster_id, w.week;
