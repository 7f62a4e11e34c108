-- engine_route_clear_models: forget route_models of a run before its route model
-- is built again (TrainRoute, which writes route_models, route_classes and
-- route_terms in one transaction).
-- Parameters: $1 run id.
DELETE FROM route_models WHERE run_id = $1;
