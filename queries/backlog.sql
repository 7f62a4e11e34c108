-- backlog: open and overdue tickets at a moment, per department: open means
-- received before as_of and not closed by then; overdue means open past its
-- handling deadline. Parameters: as_of (TIMESTAMPTZ).
-- Edge case: a ticket without a deadline is open but never overdue.
SELECT coalesce(department, '（未派单）') AS department,
       count(*) AS open,
       count(*) FILTER (WHERE deadline_at < getvariable('as_of')::TIMESTAMPTZ) AS overdue,
       max(date_diff('day', received_at, getvariable('as_of')::TIMESTAMPTZ)) AS oldest_days
FROM tickets
WHERE received_at < getvariable('as_of')::TIMESTAMPTZ
  AND (closed_at IS NULL OR closed_at > getvariable('as_of')::TIMESTAMPTZ)
GROUP BY ALL
ORDER BY overdue DESC, open DESC, department;
