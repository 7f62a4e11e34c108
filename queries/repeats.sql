-- repeats: repeat requests in a period: tickets in near-duplicate groups
-- (one event through several channels, or one caller again), their share,
-- and the events they collapse to.
-- Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge case: with no tickets, the share is NULL.
SELECT count(*) AS tickets,
       count(*) FILTER (WHERE dup_group IS NOT NULL) AS in_dup_groups,
       count(*) FILTER (WHERE dup_group IS NOT NULL) / nullif(count(*), 0) AS dup_share,
       count(DISTINCT event_id) AS events,
       count(DISTINCT dup_group) AS dup_groups
FROM v_tickets
WHERE received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ;
