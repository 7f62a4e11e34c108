// Package store opens leian's DuckDB database: it applies the embedded schema
// migrations, sets the session time zone to Asia/Shanghai and turns DuckDB's
// file-lock failure into ErrLocked, so a second writer gets a clear message
// instead of a damaged file.
//
// One process writes at a time: DuckDB holds an exclusive lock on a database
// file opened read-write, and that lock is the only coordination leian needs.
// Read-only opens (leian sql) share the file with other readers.
//
// The package owns no tables of its own beyond schema_migrations; it
// deliberately leaves every query to the stage that owns the table.
package store
