-- engine_next_cluster_id: a new stable cluster id.
-- Parameters: none.
SELECT nextval('cluster_ids');
