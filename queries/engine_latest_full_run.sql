-- engine_latest_full_run: the latest full clustering run's id, -1 before
-- the first.
-- Parameters: none.
SELECT coalesce(max(run_id), -1) FROM cluster_runs WHERE kind = 'full';
