-- engine_insert_new_cluster: a cluster formed between full runs by
-- nightly assignment, active from its run.
-- Parameters: $1 cluster id, $2 name, $3 top terms (VARCHAR[]), $4 size,
-- $5 run id (first and last run).
INSERT INTO clusters VALUES ($1, $2, $3, $4, $5, $5, 'active');
