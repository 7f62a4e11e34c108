package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

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
	// NoFiles shuts DuckDB's file access off and locks its configuration
	// (Migrations' serve_no_files.sql, run on the first connection): no
	// statement can then read or write a file other than the database
	// (read_csv, read_text, COPY ... TO, ATTACH, INSTALL) or change a
	// setting. The browser console and leian sql (without --allow-files)
	// open the database this way. It needs Migrations.
	NoFiles bool
}

// ErrNoFilesFS reports Options.NoFiles without the file system that holds
// its statements.
var ErrNoFilesFS = errors.New("store: Options.NoFiles needs Options.Migrations")

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
	init, err := connInit(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	c, err := duckdb.NewConnector(dsn, init)
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

// connInit returns the function run on each new connection: it sets the
// session time zone; with opts.NoFiles the first connection instead runs
// serve_no_files.sql, which sets the zone globally and locks the
// configuration, and later connections inherit both (they could not set
// anything any more). DuckDB shares one instance between the opens of a
// file in a process: a NoFiles open that finds the instance locked already
// (serve_no_files_check.sql) has nothing to do, and an open without
// NoFiles then fails. ctx is Open's: it must outlive the database.
func connInit(ctx context.Context, opts Options) (func(driver.ExecerContext) error, error) {
	var noFiles, check string
	if opts.NoFiles {
		if opts.Migrations == nil {
			return nil, ErrNoFilesFS
		}
		var err error
		if noFiles, err = statement(opts.Migrations, "serve_no_files"); err != nil {
			return nil, err
		}
		if check, err = statement(opts.Migrations, "serve_no_files_check"); err != nil {
			return nil, err
		}
	}
	var mu sync.Mutex
	locked := false
	return func(ex driver.ExecerContext) error {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case locked:
			return nil
		case noFiles == "":
			_, err := ex.ExecContext(ctx, "SET TimeZone = '"+Zone+"'", nil)
			return err
		}
		already, err := lockedAlready(ctx, ex, check)
		if err != nil {
			return err
		}
		if !already {
			if _, err := ex.ExecContext(ctx, noFiles, nil); err != nil {
				return fmt.Errorf("shut file access off: %w", err)
			}
		}
		locked = true
		return nil
	}, nil
}

// lockedAlready runs serve_no_files_check.sql on a driver connection.
func lockedAlready(ctx context.Context, ex driver.ExecerContext, check string) (bool, error) {
	q, ok := ex.(driver.QueryerContext)
	if !ok {
		return false, errors.New("store: the driver's connection cannot query")
	}
	rows, err := q.QueryContext(ctx, check, nil)
	if err != nil {
		return false, fmt.Errorf("check file access: %w", err)
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		return false, fmt.Errorf("check file access: %w", err)
	}
	b, ok := v[0].(bool)
	return ok && b, nil
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
