-- cluster_profile: one similar-case cluster in a period: tickets, events,
-- growth on the previous period, where it concentrates (top streets and
-- addresses and a concentration index: the Herfindahl index of street
-- shares, 1 when all in one street), departments involved, handling speed
-- (median hours to reply) and satisfaction rate.
-- Parameters: cluster_id BIGINT, period_from, period_to (TIMESTAMPTZ).
-- Edge cases: a cluster with no ticket in the period gives one row of zeros
-- and NULLs; open tickets have no reply time and are left out of the median.
WITH p AS (
    SELECT getvariable('period_from')::TIMESTAMPTZ AS f, getvariable('period_to')::TIMESTAMPTZ AS t
), cur AS (
    SELECT v.* FROM v_tickets v, p WHERE v.cluster_id = getvariable('cluster_id') AND v.received_at >= p.f AND v.received_at < p.t
), prev AS (
    SELECT count(*) AS n FROM v_tickets v, p
    WHERE v.cluster_id = getvariable('cluster_id') AND v.received_at >= p.f - (p.t - p.f) AND v.received_at < p.f
), streets AS (
    SELECT street, count(*) AS n FROM cur WHERE street IS NOT NULL GROUP BY street
)
SELECT (SELECT count(*) FROM cur) AS tickets,
       (SELECT count(DISTINCT event_id) FROM cur) AS events,
       (SELECT n FROM prev) AS prev_tickets,
       (SELECT count(*) FROM cur) / nullif((SELECT n FROM prev), 0) - 1 AS growth,
       (SELECT list(street ORDER BY n DESC, street)[1:5] FROM streets) AS top_streets,
       (SELECT list(address ORDER BY n DESC, address)[1:5] FROM (SELECT address, count(*) AS n FROM cur WHERE address IS NOT NULL GROUP BY address)) AS top_addresses,
       (SELECT sum((n / (SELECT sum(n) FROM streets)) ^ 2) FROM streets) AS concentration,
       (SELECT list(department ORDER BY n DESC, department) FROM (SELECT department, count(*) AS n FROM cur WHERE department IS NOT NULL GROUP BY department)) AS departments,
       (SELECT median(reply_hours) FROM cur) AS median_reply_hours,
       (SELECT count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意')) / nullif(count(satisfaction), 0) FROM cur) AS satisfaction_rate;
