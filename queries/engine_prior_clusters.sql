-- engine_prior_clusters: every ticket's present cluster (tickets without
-- one, or only pending, are absent).
-- Parameters: none.
SELECT ticket_id, cluster_id FROM cluster_members WHERE cluster_id IS NOT NULL;
