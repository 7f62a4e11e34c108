-- engine_upsert_clusters: write the staged clusters, keeping the first run
-- of a cluster carried on from before.
-- Parameters: none.
INSERT OR REPLACE INTO clusters
SELECT s.cluster_id, s.name, s.top_terms, s.size, coalesce(c.first_run, s.run), s.run, s.status
FROM cluster_stage s LEFT JOIN clusters c USING (cluster_id);
