-- report_dispatch_review: the 派单复核 (dispatch review) section of the
-- weekly packs. Each scope's tickets of the period that a confident
-- dispatch suggestion flagged (first dispatched elsewhere than the
-- suggested owner; v_suggestions, migration 0011) or that were returned or
-- reassigned (passed on), with the suggestion where there is one, most
-- confident first. Tickets without a suggestion (received before the first
-- route model, or not yet assigned) have suggested ''.
-- Parameters: scope_kind ('all' for every scope; scope_categories false
-- leaves the categories out, see migration 0009), scope_value, period_from,
-- period_to (TIMESTAMPTZ).
SELECT t.scope_kind, t.scope_value, t.ticket_id,
       strftime(t.received_at, '%Y-%m-%d %H:%M') AS received,
       coalesce(first_department(t.dispatch_chain, t.department), '') AS first_department,
       coalesce(t.department, '') AS department,
       coalesce(s.suggested, '') AS suggested,
       coalesce(s.confidence, 0) AS confidence,
       coalesce(s.flagged, false) AS flagged,
       t.returns + t.reassigns > 0 AS passed_on,
       t.returns, t.reassigns,
       coalesce(t.cluster_name, '') AS cluster_name
FROM scoped_tickets(getvariable('period_from')::TIMESTAMPTZ, getvariable('period_to')::TIMESTAMPTZ) t
LEFT JOIN v_suggestions s USING (ticket_id)
WHERE t.department IS NOT NULL AND (s.flagged OR t.returns + t.reassigns > 0)
ORDER BY t.scope_kind, t.scope_value, s.flagged DESC NULLS LAST, s.confidence DESC NULLS LAST, t.ticket_id;
