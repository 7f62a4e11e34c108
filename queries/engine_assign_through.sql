-- engine_assign_through: the last load the latest assignment covered
-- (recorded in its params as through_load), -1 before the first.
-- Parameters: none.
SELECT coalesce(max(json_extract(params, '$.through_load')::BIGINT), -1)
FROM cluster_runs WHERE kind = 'assign';
