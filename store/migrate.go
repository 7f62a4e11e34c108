package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migrate applies, in order, every migrations/NNNN_name.sql in fsys whose
// version is not yet recorded in schema_migrations. Each migration runs in
// its own transaction together with its record, so a failed or interrupted
// migration leaves no trace.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	boot, err := statement(fsys, "migrate_bootstrap")
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, boot); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	files, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(files)
	applied, err := appliedVersions(ctx, db, fsys)
	if err != nil {
		return err
	}
	for _, f := range files {
		v, err := strconv.Atoi(strings.SplitN(path.Base(f), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migrate %s: name must start with a version number", f)
		}
		if applied[v] {
			continue
		}
		if err := apply(ctx, db, fsys, f, v); err != nil {
			return err
		}
	}
	return nil
}

func appliedVersions(ctx context.Context, db *sql.DB, fsys fs.FS) (map[int]bool, error) {
	q, err := statement(fsys, "migrate_applied")
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer rows.Close()
	m := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		m[v] = true
	}
	return m, rows.Err()
}

func apply(ctx context.Context, db *sql.DB, fsys fs.FS, file string, version int) error {
	body, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", file, err)
	}
	record, err := statement(fsys, "migrate_record")
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", file, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migrate %s: %w", file, err)
	}
	if _, err := tx.ExecContext(ctx, record, version, path.Base(file)); err != nil {
		return fmt.Errorf("migrate %s: %w", file, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate %s: %w", file, err)
	}
	return nil
}

// checkCurrent fails with ErrSchemaOld if fsys has migrations db lacks.
func checkCurrent(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	files, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return err
	}
	count, err := statement(fsys, "migrate_count")
	if err != nil {
		return err
	}
	var have int
	if err := db.QueryRowContext(ctx, count).Scan(&have); err != nil {
		return fmt.Errorf("%w (%v)", ErrSchemaOld, err)
	}
	if have < len(files) {
		return fmt.Errorf("%w: %d of %d migrations applied", ErrSchemaOld, have, len(files))
	}
	return nil
}

// statement returns the bookkeeping statement name.sql of fsys (the
// migrations' own file system: queries.FS holds migrate_*.sql beside
// migrations/).
func statement(fsys fs.FS, name string) (string, error) {
	b, err := fs.ReadFile(fsys, name+".sql")
	if err != nil {
		return "", fmt.Errorf("migrate: %w", err)
	}
	return string(b), nil
}
