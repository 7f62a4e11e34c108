-- report_coverage: what a report stands on, per scope: when data was last
-- loaded, the latest ticket received, tickets and events (duplicates once)
-- counted in the scope and period and the period before, those in
-- near-duplicate groups (repeat requests), and the tickets left out of the
-- similar-case sections (not yet in a cluster), plus all rows the loader has
-- rejected (kept in rejects), a line of a file loaded again counted once
-- (the same content by sha256). A scope with no tickets in either period has no
-- row. Parameters: scope_kind ('all' for every scope; scope_categories false
-- leaves the categories out of 'all', see migration 0009), scope_value,
-- period_from, period_to (TIMESTAMPTZ).
WITH s AS (
    SELECT *, received_at >= getvariable('period_from')::TIMESTAMPTZ AS cur
    FROM scoped_tickets(
        getvariable('period_from')::TIMESTAMPTZ - (getvariable('period_to')::TIMESTAMPTZ - getvariable('period_from')::TIMESTAMPTZ),
        getvariable('period_to')::TIMESTAMPTZ)
), g AS (
    SELECT (SELECT strftime(max(finished_at), '%Y-%m-%d %H:%M') FROM loads) AS loaded_until,
           (SELECT strftime(max(received_at), '%Y-%m-%d %H:%M') FROM tickets) AS latest_ticket,
           (SELECT count(*) FROM (SELECT DISTINCT l.sha256, r.line
                                  FROM rejects r JOIN loads l USING (load_id))) AS rejected_rows
)
SELECT scope_kind, scope_value, any_value(g.loaded_until) AS loaded_until,
       any_value(g.latest_ticket) AS latest_ticket,
       count(*) FILTER (WHERE cur) AS tickets,
       count(*) FILTER (WHERE cur AND cluster_id IS NULL) AS unclustered,
       count(DISTINCT event_id) FILTER (WHERE cur) AS events,
       count(*) FILTER (WHERE cur AND dup_group IS NOT NULL) AS repeated,
       count(DISTINCT event_id) FILTER (WHERE NOT cur) AS prev_events,
       any_value(g.rejected_rows) AS rejected_rows
FROM s, g
GROUP BY scope_kind, scope_value
ORDER BY scope_kind, scope_value;
