-- report_dispatch_month: city-wide first-time correct dispatch of a period
-- against the 98% goal, and how many of the misses (tickets returned or
-- reassigned) a confident dispatch suggestion would have caught: it was
-- against the first dispatch and named the department that finally
-- handled the ticket (v_suggestions.caught).
-- Parameters: period_from, period_to (TIMESTAMPTZ).
-- Edge cases: undispatched tickets are left out, as in first_dispatch.sql;
-- with no suggestion stored, suggested and caught are 0.
SELECT count(*) AS dispatched,
       count(*) FILTER (WHERE t.first_dispatch_correct) AS first_correct,
       coalesce(count(*) FILTER (WHERE t.first_dispatch_correct) / nullif(count(*), 0), 0) AS rate,
       count(*) FILTER (WHERE NOT t.first_dispatch_correct) AS misses,
       count(s.ticket_id) AS suggested,
       count(s.ticket_id) FILTER (WHERE NOT t.first_dispatch_correct) AS misses_suggested,
       count(*) FILTER (WHERE NOT t.first_dispatch_correct AND s.caught) AS caught
FROM v_tickets t LEFT JOIN v_suggestions s USING (ticket_id)
WHERE t.dispatched_at IS NOT NULL AND t.department IS NOT NULL
  AND t.received_at >= getvariable('period_from')::TIMESTAMPTZ AND t.received_at < getvariable('period_to')::TIMESTAMPTZ;
