-- engine_route_terms: the term weights of a run's route model, each term
-- with its weight for every class (engine_route_classes' order).
-- Parameters: $1 run id.
SELECT term, weights FROM route_terms WHERE run_id = $1;
