-- migrate_bootstrap: the table that records which migrations a database
-- has, created before the first migration runs (store.Migrate).
-- Parameters: none. Runs on every open that migrates; a no-op once created.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
