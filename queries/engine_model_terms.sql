-- engine_model_terms: a run's vocabulary, IDF and term vectors.
-- Parameters: $1 run id. Order is the vocabulary's (insertion) order.
SELECT term, idf, vec FROM cluster_model_terms WHERE run_id = $1;
