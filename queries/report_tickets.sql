-- report_tickets: the tickets of each report scope in a period that a review
-- meeting looks at one by one, with the reason each is listed: late dispatch,
-- passed on (returned or reassigned), unresolved, dissatisfied, re-handled.
-- Text is raw here; reports mask it. Parameters: scope_kind ('all' for every
-- scope; scope_categories false leaves the categories out of 'all', see
-- migration 0009), scope_value, period_from, period_to (TIMESTAMPTZ).
SELECT scope_kind, scope_value,
       ticket_id, strftime(received_at, '%Y-%m-%d %H:%M') AS received, department, district, street,
       coalesce(cluster_name, '') AS cluster_name, coalesce(title, '') AS title, coalesce(content, '') AS content,
       dispatch_minutes, dispatch_limit_minutes, returns, reassigns, coalesce(dispatch_chain, '') AS chain,
       resolved, coalesce(satisfaction, '') AS satisfaction, rehandled,
       dispatch_minutes > dispatch_limit_minutes AS late,
       returns + reassigns > 0 AS passed_on,
       resolved IS NOT DISTINCT FROM false AS unresolved,
       satisfaction = '不满意' AS dissatisfied
FROM scoped_tickets(getvariable('period_from')::TIMESTAMPTZ, getvariable('period_to')::TIMESTAMPTZ)
WHERE dispatch_minutes > dispatch_limit_minutes OR returns + reassigns > 0 OR resolved = false
   OR satisfaction = '不满意' OR rehandled
ORDER BY scope_kind, scope_value, ticket_id;
