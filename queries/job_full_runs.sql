-- job_full_runs: how many full clustering runs the database has had.
-- Parameters: none.
-- 0 on a fresh database: the first nightly run then clusters the window.
SELECT count(*) FROM cluster_runs WHERE kind = 'full';
