-- job_done: how many runs of a job finished done, for one period or any.
-- Parameters: $1 job (nightly, weekly, monthly), $2 period ('2026-11-25',
-- '2026-W47', '2026-11'; '' for any period).
-- Runs failed, abandoned or still running do not count; 0 when none.
SELECT count(*) FROM job_runs
WHERE job = $1 AND ($2 = '' OR period = $2) AND status = 'done';
