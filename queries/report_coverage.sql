-- report_coverage: what a report stands on: when data was last loaded, the
-- latest ticket received, tickets and events (duplicates once) counted in the
-- scope and period and the period before, those in near-duplicate groups
-- (repeat requests), and the tickets
-- left out of the similar-case sections (not yet in a cluster), plus all
-- rows the loader has rejected (kept in rejects). Parameters: scope_kind,
-- scope_value, period_from, period_to (TIMESTAMPTZ).
SELECT (SELECT strftime(max(finished_at), '%Y-%m-%d %H:%M') FROM loads) AS loaded_until,
       (SELECT strftime(max(received_at), '%Y-%m-%d %H:%M') FROM tickets) AS latest_ticket,
       count(*) FILTER (WHERE cur) AS tickets,
       count(*) FILTER (WHERE cur AND cluster_id IS NULL) AS unclustered,
       count(DISTINCT event_id) FILTER (WHERE cur) AS events,
       count(*) FILTER (WHERE cur AND dup_group IS NOT NULL) AS repeated,
       count(DISTINCT event_id) FILTER (WHERE NOT cur) AS prev_events,
       (SELECT count(*) FROM rejects) AS rejected_rows
FROM (
    SELECT *, received_at >= getvariable('period_from')::TIMESTAMPTZ AS cur
    FROM v_tickets
    WHERE in_scope(department, district)
      AND received_at >= getvariable('period_from')::TIMESTAMPTZ - (getvariable('period_to')::TIMESTAMPTZ - getvariable('period_from')::TIMESTAMPTZ)
      AND received_at < getvariable('period_to')::TIMESTAMPTZ
);
