-- engine_stage_clusters: an empty staging table for a run's clusters,
-- filled from Arrow and merged by engine_upsert_clusters.
-- Parameters: none.
CREATE OR REPLACE TEMP TABLE cluster_stage (cluster_id BIGINT, name VARCHAR,
    top_terms VARCHAR[], size BIGINT, run BIGINT, status VARCHAR);
