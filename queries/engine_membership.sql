-- engine_membership: each clustered ticket and its cluster, to score the
-- clusters against known types (cluster.PlantedScore; leian demo scores
-- them against the generator's).
-- Parameters: none.
-- Tickets waiting for a cluster (cluster_id NULL) are left out; no order.
SELECT ticket_id, cluster_id FROM cluster_members WHERE cluster_id IS NOT NULL;
