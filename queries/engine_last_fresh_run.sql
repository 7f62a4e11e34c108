-- engine_last_fresh_run: the size and window end (epoch seconds) of the
-- latest full run that started from scratch; no row before the first.
-- Parameters: none.
SELECT tickets, epoch(window_to)::BIGINT
FROM cluster_runs
WHERE kind = 'full' AND coalesce(json_extract_string(params, '$.start'), 'fresh') = 'fresh'
ORDER BY run_id DESC
LIMIT 1;
