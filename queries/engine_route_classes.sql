-- engine_route_classes: the departments of a run's route model, by class,
-- with their embedding weights and bias.
-- Parameters: $1 run id. No rows: the run has no route model.
SELECT class, department, dense, bias FROM route_classes WHERE run_id = $1 ORDER BY class;
