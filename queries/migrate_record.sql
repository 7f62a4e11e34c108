-- migrate_record: record a migration as applied, in the transaction that
-- ran it.
-- Parameters: $1 version, $2 file name.
INSERT INTO schema_migrations (version, name) VALUES ($1, $2);
