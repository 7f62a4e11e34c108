-- serve_cluster: the description of one cluster: name, top terms, size at the
-- last run (all scopes), status, and when the runs that first and last
-- described it finished.
-- Parameters: $1 cluster id. No row for an unknown id.
SELECT c.cluster_id, c.name, c.top_terms, c.size, c.status,
       f.finished_at AS first_seen, l.finished_at AS last_seen
FROM clusters c
LEFT JOIN cluster_runs f ON f.run_id = c.first_run
LEFT JOIN cluster_runs l ON l.run_id = c.last_run
WHERE c.cluster_id = $1;
