-- report_scopes: the departments and districts with tickets in a period, one
-- weekly pack each. Parameters: period_from, period_to (TIMESTAMPTZ).
SELECT DISTINCT 'department' AS kind, department AS value FROM tickets
WHERE department IS NOT NULL AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
UNION
SELECT DISTINCT 'district', district FROM tickets
WHERE district IS NOT NULL AND received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
ORDER BY kind, value;
