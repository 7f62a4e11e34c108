-- job_finish: record how a job run ended.
-- Parameters: $1 job, $2 period, $3 started_at (the run, as job_start.sql
-- recorded it), $4 finished_at, $5 status (done or failed), $6 counts
-- (JSON of what the run did), $7 error ('' for none: stored as NULL).
UPDATE job_runs
SET finished_at = $4, status = $5, counts = $6, error = nullif($7, '')
WHERE job = $1 AND period = $2 AND started_at = $3;
