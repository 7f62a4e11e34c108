-- engine_route_clear_classes: forget route_classes of a run before its route model
-- is built again (TrainRoute, which writes route_models, route_classes and
-- route_terms in one transaction).
-- Parameters: $1 run id.
DELETE FROM route_classes WHERE run_id = $1;
