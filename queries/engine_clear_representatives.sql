-- engine_clear_representatives: drop the representative tickets; a full
-- run writes those of its clusters.
-- Parameters: none.
DELETE FROM cluster_representatives;
