-- serve_cluster_lineage: how a cluster came to be and what became of it:
-- the lineage rows of the runs where it appears on either side (as the
-- cluster, from prev_cluster_id; or as the previous cluster of another),
-- with the name of the other cluster and when the run finished; newest run
-- first, ties by the cluster ids.
-- Parameters: $1 cluster id, $2 how many rows. Relations: same, merge,
-- split, new (package cluster).
SELECT l.run_id, r.finished_at, l.relation, l.cluster_id, l.prev_cluster_id,
       coalesce(c.name, '') AS name, coalesce(p.name, '') AS prev_name, l.overlap
FROM cluster_lineage l
JOIN cluster_runs r USING (run_id)
LEFT JOIN clusters c ON c.cluster_id = l.cluster_id
LEFT JOIN clusters p ON p.cluster_id = l.prev_cluster_id
WHERE (l.cluster_id = $1 OR l.prev_cluster_id = $1)
  AND NOT (l.relation = 'same' AND l.cluster_id = l.prev_cluster_id)
ORDER BY l.run_id DESC, l.cluster_id, l.prev_cluster_id
LIMIT $2;
