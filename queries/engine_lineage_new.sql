-- engine_lineage_new: the lineage row of a cluster formed by assignment:
-- new, with no previous cluster.
-- Parameters: $1 run id, $2 cluster id.
INSERT INTO cluster_lineage VALUES ($1, $2, NULL, 'new', NULL, NULL);
