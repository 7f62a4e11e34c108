-- 0009_scope_category: report scopes gain the category (问题大类). Data that
-- fills neither department nor district (a message-board export, say) gets
-- its weekly packs per category instead, so scoped_tickets learns the kind
-- 'category'. Otherwise as in migration 0006: 'all' gives every scope at
-- once (a ticket once per scope it belongs to), one kind with scope_value
-- gives that scope only. Setting the variable scope_categories to false
-- leaves the categories out of 'all': the packs of data that names
-- departments or districts need none, and they would cost a quarter more
-- rows. (The older in_scope macro of 0004, which no report query uses any
-- more, is left as it was: it knows no category and so lets no ticket
-- through for one.)
CREATE OR REPLACE MACRO scoped_tickets(lo, hi) AS TABLE
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
       OR getvariable('scope_kind') = 'district' AND district = getvariable('scope_value'))
UNION ALL
SELECT 'category', category, * FROM t
WHERE category IS NOT NULL
  AND (getvariable('scope_kind') = 'all' AND getvariable('scope_categories') IS DISTINCT FROM false
       OR getvariable('scope_kind') = 'category' AND category = getvariable('scope_value'));
