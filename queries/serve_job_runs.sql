-- serve_job_runs: the latest run of each job (nightly, weekly, monthly),
-- for the freshness line of the console.
-- Parameters: none. One row per job that ever ran: job, period, status,
-- started_at, finished_at (NULL while running or if the run died), by job.
SELECT job, period, status, started_at, finished_at
FROM job_runs
QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC) = 1
ORDER BY job;
