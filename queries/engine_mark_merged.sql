-- engine_mark_merged: mark a previous cluster merged into a new one.
-- Parameters: $1 cluster id.
UPDATE clusters SET status = 'merged' WHERE cluster_id = $1;
