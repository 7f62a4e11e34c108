-- engine_next_run_id: a new clustering or assignment run id.
-- Parameters: none.
SELECT nextval('cluster_run_ids');
