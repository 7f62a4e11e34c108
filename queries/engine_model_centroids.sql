-- engine_model_centroids: the centroids of a run's clusters still active,
-- including those formed by later assignments, by cluster id.
-- Parameters: $1 run id of the model.
SELECT c.cluster_id, c.centroid
FROM cluster_centroids c JOIN clusters k USING (cluster_id)
WHERE c.run_id = $1 AND k.status = 'active'
ORDER BY c.cluster_id;
