-- engine_active_terms: the top terms of the active clusters, by id, so a
-- new run can compare them with its centroids.
-- Parameters: none.
SELECT cluster_id, top_terms FROM clusters WHERE status = 'active' ORDER BY cluster_id;
