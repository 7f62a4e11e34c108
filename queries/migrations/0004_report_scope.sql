-- 0004_report_scope: the scope of a report as a macro, so report queries
-- read one department's or one district's tickets only (privacy: a
-- department's pack carries only its own tickets). Set the variables
-- scope_kind ('city', 'department' or 'district') and scope_value first.
CREATE MACRO in_scope(dept, dist) AS (
    CASE getvariable('scope_kind')
        WHEN 'city' THEN true
        WHEN 'department' THEN dept IS NOT DISTINCT FROM getvariable('scope_value')
        WHEN 'district' THEN dist IS NOT DISTINCT FROM getvariable('scope_value')
        ELSE false
    END
);
