-- engine_clear_surges: drop every surge flag; they are recomputed over
-- each cluster's whole history.
-- Parameters: none.
DELETE FROM cluster_surges;
