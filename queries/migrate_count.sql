-- migrate_count: how many migrations a database has (a read-only open
-- refuses a database with fewer than the binary knows).
-- Parameters: none. Fails on a database without schema_migrations.
SELECT count(*) FROM schema_migrations;
