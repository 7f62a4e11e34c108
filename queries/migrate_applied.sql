-- migrate_applied: the versions of the migrations a database has.
-- Parameters: none.
SELECT version FROM schema_migrations;
