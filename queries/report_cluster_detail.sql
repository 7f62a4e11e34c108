-- report_cluster_detail: for one cluster in a report's scope and period, the
-- representative tickets (closest to the cluster centroid first) and where
-- the cluster concentrates. Parameters: scope_kind, scope_value, cluster_id,
-- period_from, period_to (TIMESTAMPTZ).
WITH s AS (
    SELECT v.*, m.similarity FROM v_tickets v JOIN cluster_members m USING (ticket_id)
    WHERE in_scope(v.department, v.district) AND v.cluster_id = getvariable('cluster_id')
      AND v.received_at >= getvariable('period_from')::TIMESTAMPTZ AND v.received_at < getvariable('period_to')::TIMESTAMPTZ
)
SELECT (SELECT list({'ticket_id': ticket_id, 'title': coalesce(title, ''), 'content': coalesce(content, '')}
                    ORDER BY similarity DESC, ticket_id)[1:3] FROM s) AS representatives,
       (SELECT list(street || '（' || n || '）' ORDER BY n DESC, street)[1:3]
          FROM (SELECT street, count(*) AS n FROM s WHERE street IS NOT NULL GROUP BY street)) AS streets,
       (SELECT list(address || '（' || n || '）' ORDER BY n DESC, address)[1:3]
          FROM (SELECT address, count(*) AS n FROM s WHERE address IS NOT NULL GROUP BY address HAVING count(*) > 1)) AS addresses,
       (SELECT count(*) FROM s WHERE dup_group IS NOT NULL) AS repeated;
