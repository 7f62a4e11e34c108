-- report_scopes: the departments, districts and categories (问题大类) with
-- tickets in a period: the candidates for its weekly packs (the reports
-- package adds the city-wide pack and keeps the categories only when no
-- ticket of the period names a department or a district). Empty values are
-- no scope. Parameters: period_from, period_to (TIMESTAMPTZ).
WITH t AS (
    SELECT department, district, category FROM tickets
    WHERE received_at >= getvariable('period_from')::TIMESTAMPTZ AND received_at < getvariable('period_to')::TIMESTAMPTZ
)
SELECT DISTINCT 'department' AS kind, department AS value FROM t WHERE department IS NOT NULL
UNION
SELECT DISTINCT 'district', district FROM t WHERE district IS NOT NULL
UNION
SELECT DISTINCT 'category', category FROM t WHERE category IS NOT NULL
ORDER BY kind, value;
