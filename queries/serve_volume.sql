-- serve_volume: the tickets of a scope in a period and in the period before it,
-- and how they were handled in the period: dispatch deadline misses (30
-- minutes urgent, 2 hours general, or the own deadline of the catalogue item, as
-- in v_tickets, which counts whole minutes: a dispatch 30 min 40 s after
-- an urgent ticket is late here and not there), tickets returned or reassigned at least once, open,
-- unresolved and dissatisfied at call-back.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 period start, $4 period end, $5 previous
-- period start, $6 previous period end (TIMESTAMPTZ; the previous period
-- is [$5, $6) and must end by $3).
-- Zeros, never NULL, for a scope without tickets.
SELECT count(*) FILTER (WHERE t.received_at >= $3) AS tickets,
       count(*) FILTER (WHERE t.received_at < $6) AS prev_tickets,
       count(*) FILTER (WHERE t.received_at >= $3
           AND epoch_us(t.dispatched_at) - epoch_us(t.received_at)
               > 60000000::BIGINT * coalesce(k.deadline_minutes, CASE WHEN t.urgency = '紧急' THEN 30 ELSE 120 END)) AS dispatch_late,
       count(*) FILTER (WHERE t.received_at >= $3 AND (t.returns > 0 OR t.reassigns > 0)) AS returned,
       count(*) FILTER (WHERE t.received_at >= $3 AND t.closed_at IS NULL) AS open,
       count(*) FILTER (WHERE t.received_at >= $3 AND t.resolved = false) AS unresolved,
       count(*) FILTER (WHERE t.received_at >= $3 AND t.satisfaction = '不满意') AS dissatisfied
FROM tickets t
LEFT JOIN catalogue k ON k.item = t.item
WHERE (t.received_at >= $5 AND t.received_at < $6 OR t.received_at >= $3 AND t.received_at < $4)
  AND ($1 = 'city' OR $1 = 'department' AND t.department = $2 OR $1 = 'district' AND t.district = $2);
