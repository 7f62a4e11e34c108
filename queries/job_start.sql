-- job_start: record a job run as running.
-- Parameters: $1 job, $2 period, $3 started_at (TIMESTAMPTZ; with job and
-- period it names the run for job_finish.sql).
-- finished_at, counts and error stay NULL until the run ends; a run that
-- dies leaves its row running until job_abandon.sql.
INSERT INTO job_runs VALUES ($1, $2, $3, NULL, 'running', NULL, NULL);
