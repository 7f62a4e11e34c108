-- contributors: frequent contributors: callers with 10 or more requests in a
-- period, with their count, the number of distinct clusters they raised, and
-- the band (10+, 100+). Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge case: tickets without a caller id are not counted.
SELECT caller_id, count(*) AS requests, count(DISTINCT cluster_id) AS clusters,
       CASE WHEN count(*) >= 100 THEN '100+' ELSE '10+' END AS band
FROM v_tickets
WHERE caller_id IS NOT NULL
  AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
GROUP BY caller_id
HAVING count(*) >= 10
ORDER BY requests DESC, caller_id;
