-- load_next_id: the id of the load in progress.
-- Parameters: none. Run inside the load's transaction; a rolled-back load
-- leaves a gap in the ids.
SELECT nextval('load_ids');
