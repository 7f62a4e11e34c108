-- first_dispatch: first-time correct dispatch rate (一次派准率, target 98%)
-- per department: the share of its dispatched tickets never returned (退回)
-- nor reassigned (转派), with the returns and reassignments counted.
-- Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge cases: undispatched tickets are left out; a department is the one
-- holding the ticket now (the last of its dispatch chain).
SELECT department,
       count(*) AS dispatched,
       count(*) FILTER (WHERE first_dispatch_correct) AS first_correct,
       count(*) FILTER (WHERE first_dispatch_correct) / count(*) AS rate,
       count(*) FILTER (WHERE first_dispatch_correct) / count(*) >= 0.98 AS meets_target,
       CAST(sum(returns) AS BIGINT) AS returns,
       CAST(sum(reassigns) AS BIGINT) AS reassigns
FROM v_tickets
WHERE dispatched_at IS NOT NULL AND department IS NOT NULL
  AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
GROUP BY department
ORDER BY rate, department;
