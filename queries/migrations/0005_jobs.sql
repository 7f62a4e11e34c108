-- 0005_jobs: the run log of the nightly, weekly and monthly jobs.
CREATE TABLE job_runs (
    job         VARCHAR NOT NULL,  -- nightly, weekly, monthly
    period      VARCHAR NOT NULL,  -- 2026-11-25, 2026-W47, 2026-11
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,       -- NULL while running, or if the run died
    status      VARCHAR NOT NULL,  -- running, done, failed
    counts      VARCHAR,           -- JSON of what the run did
    error       VARCHAR
);
