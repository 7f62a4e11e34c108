-- engine_surge_run: the run the surge flags are recorded against: the
-- latest clustering or assignment run, 0 before any.
-- Parameters: none.
SELECT coalesce(max(run_id), 0) FROM cluster_runs;
