-- dispatch_deadline: dispatch-deadline compliance of the tickets received in a
-- period, per department. The limit is the catalogue item's own deadline if
-- set, else 30 minutes for urgent and 120 for general tickets.
-- Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge cases: tickets not dispatched yet are "pending" and in no rate; the
-- rate is NULL for a department with no dispatched ticket.
SELECT coalesce(department, '（未派单）') AS department,
       count(*) AS tickets,
       count(dispatch_minutes) AS dispatched,
       count(*) FILTER (WHERE dispatch_minutes <= dispatch_limit_minutes) AS on_time,
       count(*) FILTER (WHERE dispatch_minutes > dispatch_limit_minutes) AS late,
       count(*) FILTER (WHERE dispatch_minutes > dispatch_limit_minutes AND urgency = '紧急') AS urgent_late,
       count(*) - count(dispatch_minutes) AS pending,
       count(*) FILTER (WHERE dispatch_minutes <= dispatch_limit_minutes) / nullif(count(dispatch_minutes), 0) AS on_time_rate
FROM v_tickets
WHERE received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
GROUP BY ALL
ORDER BY on_time_rate NULLS LAST, department;
