-- proactive: the proactive-discovery funnel (未诉先办) of a period: tickets
-- filed from verified clues (clue_id set), dispatched, closed, resolved at
-- call-back, and rated satisfied. Clues that never became tickets are not in
-- this database, so the funnel starts at case filed.
-- Parameters: period_from, period_to (TIMESTAMPTZ).
SELECT count(*) AS filed,
       count(dispatched_at) AS dispatched,
       count(closed_at) AS closed,
       count(*) FILTER (WHERE resolved) AS resolved,
       count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意')) AS satisfied
FROM v_tickets
WHERE clue_id IS NOT NULL
  AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ;
