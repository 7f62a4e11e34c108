-- 0006_scoped_tickets: v_tickets received in [lo, hi), once per report scope
-- a ticket belongs to (the city, its department, its district), with the
-- scope in scope_kind and scope_value. Which scopes come out is set by the
-- variables scope_kind and scope_value: 'all' gives every scope, so the
-- weekly packs of all departments and districts come from one query; 'city',
-- 'department' or 'district' with scope_value gives that one scope only
-- (privacy: a department's pack reads only its own tickets).
CREATE MACRO scoped_tickets(lo, hi) AS TABLE
WITH t AS (
    SELECT * FROM v_tickets WHERE received_at >= lo AND received_at < hi
)
SELECT 'city' AS scope_kind, '' AS scope_value, * FROM t
WHERE getvariable('scope_kind') IN ('all', 'city')
UNION ALL
SELECT 'department', department, * FROM t
WHERE department IS NOT NULL
  AND (getvariable('scope_kind') = 'all'
       OR getvariable('scope_kind') = 'department' AND department = getvariable('scope_value'))
UNION ALL
SELECT 'district', district, * FROM t
WHERE district IS NOT NULL
  AND (getvariable('scope_kind') = 'all'
       OR getvariable('scope_kind') = 'district' AND district = getvariable('scope_value'));
