-- serve_surges: the clusters flagged new or surging in one ISO week that
-- have tickets of a scope in that week, with the count and baseline of the flag
-- (city-wide, as the surge detector counts) and the own tickets of the scope.
-- Parameters: $1 scope kind ('city', 'department' or 'district'), $2 scope
-- value ('' for the city), $3 ISO week ('2026-W47'), $4 week start, $5 week
-- end (TIMESTAMPTZ). New before surge, then most tickets, ties by id.
-- The scope's tickets are counted in cluster_member_facts.
WITH mine AS (
    SELECT f.cluster_id, count(*) AS tickets
    FROM cluster_member_facts f
    WHERE f.received_at >= $4 AND f.received_at < $5
      AND ($1 = 'city' OR $1 = 'department' AND f.department = $2 OR $1 = 'district' AND f.district = $2)
    GROUP BY f.cluster_id
)
SELECT s.cluster_id, c.name, s.kind, s.count, s.baseline, mine.tickets
FROM cluster_surges s
JOIN clusters c USING (cluster_id)
JOIN mine USING (cluster_id)
WHERE s.week = $3
QUALIFY row_number() OVER (PARTITION BY s.cluster_id ORDER BY s.run_id DESC) = 1
ORDER BY s.kind = 'surge', mine.tickets DESC, s.cluster_id;
