package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/leian/leian/ticket"
)

// ErrLocked reports that another process holds the database open for writing.
var ErrLocked = errors.New("database is in use by another process")

// ErrNoArrow reports a binary built without the duckdb_arrow tag.
var ErrNoArrow = errors.New("leian was built without -tags duckdb_arrow; build it with make (see README)")

// ErrSchemaOld reports a database opened read-only whose schema lacks
// migrations this binary has.
var ErrSchemaOld = errors.New("database schema is older than this leian; run a writing command (leian load, leian nightly) once to upgrade it")

// Zone is the local time zone of the platform (ticket.ZoneName); timestamps
// without a zone are read in it, and every session of the database uses it.
const Zone = ticket.ZoneName

// Options controls Open.
type Options struct {
	// ReadOnly opens the file read-only: statements that write fail, and
	// migrations are not applied (the file must exist); with Migrations set,
	// Open fails with ErrSchemaOld if some are pending.
	ReadOnly bool
	// Migrations is the file system holding migrations/*.sql; nil means none
	// are applied.
	Migrations fs.FS
}

// DB is an open leian database. It is safe for concurrent use, like *sql.DB.
type DB struct {
	*sql.DB
	Path      string
	connector *duckdb.Connector
}

// Open opens (creating if needed) the database at path, or an in-memory one
// when path is empty, and applies pending migrations.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	dsn := path
	if opts.ReadOnly {
		dsn += "?access_mode=READ_ONLY"
	}
	c, err := duckdb.NewConnector(dsn, func(ex driver.ExecerContext) error {
		_, err := ex.ExecContext(ctx, "SET TimeZone = '"+Zone+"'", nil)
		return err
	})
	if err != nil {
		return nil, openError(path, err)
	}
	db := &DB{DB: sql.OpenDB(c), Path: path, connector: c}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	if opts.Migrations != nil {
		var err error
		if opts.ReadOnly {
			err = checkCurrent(ctx, db.DB, opts.Migrations)
		} else {
			err = Migrate(ctx, db.DB, opts.Migrations)
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	return db, nil
}

func openError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock") {
		return fmt.Errorf("open %s: %w (%s); wait for the other leian run to finish", path, ErrLocked, lockHolder(msg))
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// lockHolder extracts the "PID n" part of DuckDB's lock message, if present.
func lockHolder(msg string) string {
	i := strings.Index(msg, "PID ")
	if i < 0 {
		return "holder unknown"
	}
	j := i + 4
	for j < len(msg) && msg[j] >= '0' && msg[j] <= '9' {
		j++
	}
	return "held by " + msg[i:j]
}

// Close closes the database and its connector.
func (db *DB) Close() error {
	err := db.DB.Close()
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	return err
}
