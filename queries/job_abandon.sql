-- job_abandon: mark the runs still recorded as running abandoned.
-- Parameters: none.
-- Run at the start of a run, which holds the database's write lock: no
-- other process can be running a job, so a running row belongs to a run
-- that died (killed, or the machine went down). finished_at stays NULL.
UPDATE job_runs SET status = 'abandoned' WHERE status = 'running';
