-- report_cluster_detail: for the top_n clusters of each report scope in a
-- period (most events first, then lowest id, as in report_clusters), the
-- representative tickets (closest to the cluster centroid first) and where
-- the cluster concentrates. Parameters: scope_kind ('all' for every scope;
-- scope_categories false leaves the categories out of 'all', see migration
-- 0009), scope_value, top_n, period_from, period_to (TIMESTAMPTZ).
WITH s AS (
    SELECT v.*, m.similarity
    FROM scoped_tickets(getvariable('period_from')::TIMESTAMPTZ, getvariable('period_to')::TIMESTAMPTZ) v
    JOIN cluster_members m USING (ticket_id)
    WHERE v.cluster_id IS NOT NULL
), top AS (
    SELECT scope_kind, scope_value, cluster_id
    FROM (SELECT scope_kind, scope_value, cluster_id, count(DISTINCT event_id) AS events FROM s GROUP BY ALL)
    QUALIFY row_number() OVER (PARTITION BY scope_kind, scope_value ORDER BY events DESC, cluster_id) <= getvariable('top_n')
), d AS (
    SELECT s.* FROM s SEMI JOIN top USING (scope_kind, scope_value, cluster_id)
), reps AS (
    SELECT scope_kind, scope_value, cluster_id,
           list({'ticket_id': ticket_id, 'title': coalesce(title, ''), 'content': coalesce(content, '')}
                ORDER BY similarity DESC, ticket_id)[1:3] AS representatives,
           count(*) FILTER (WHERE dup_group IS NOT NULL) AS repeated
    FROM d GROUP BY ALL
), streets AS (
    SELECT scope_kind, scope_value, cluster_id, list(street || '（' || n || '）' ORDER BY n DESC, street)[1:3] AS streets
    FROM (SELECT scope_kind, scope_value, cluster_id, street, count(*) AS n FROM d WHERE street IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
), addresses AS (
    SELECT scope_kind, scope_value, cluster_id, list(address || '（' || n || '）' ORDER BY n DESC, address)[1:3] AS addresses
    FROM (SELECT scope_kind, scope_value, cluster_id, address, count(*) AS n FROM d WHERE address IS NOT NULL GROUP BY ALL HAVING count(*) > 1)
    GROUP BY ALL
)
SELECT r.scope_kind, r.scope_value, r.cluster_id, r.representatives, st.streets, a.addresses, r.repeated
FROM reps r
LEFT JOIN streets st USING (scope_kind, scope_value, cluster_id)
LEFT JOIN addresses a USING (scope_kind, scope_value, cluster_id)
ORDER BY r.scope_kind, r.scope_value, r.cluster_id;
