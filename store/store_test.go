package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/leian/leian/queries"
)

func TestMigrateOnceAndReadOnlyCheck(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	v1 := withBookkeeping(t, fstest.MapFS{"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x INTEGER);")}})
	for i := 0; i < 2; i++ { // the second open must not apply 0001 again
		db, err := Open(ctx, path, Options{Migrations: v1})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		db.Close()
	}
	v2 := withBookkeeping(t, fstest.MapFS{
		"migrations/0001_a.sql": v1["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (y INTEGER);")},
	})
	if _, err := Open(ctx, path, Options{ReadOnly: true, Migrations: v2}); !errors.Is(err, ErrSchemaOld) {
		t.Errorf("read-only open with a pending migration: got %v; want ErrSchemaOld", err)
	}
	db, err := Open(ctx, path, Options{Migrations: v2})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	db.Close()
	if n != 2 {
		t.Errorf("schema_migrations has %d rows; want 2", n)
	}
	bad := fstest.MapFS{"migrations/0003_bad.sql": {Data: []byte("CREATE TABLE c (z INTEGER); SELECT nonsense FROM nowhere;")}}
	for k, v := range v2 {
		bad[k] = v
	}
	if _, err := Open(ctx, path, Options{Migrations: bad}); err == nil {
		t.Fatal("a failing migration opened without error")
	}
	db, err = Open(ctx, path, Options{Migrations: v2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT count(*) FROM c`).Scan(&n); err == nil {
		t.Error("a failed migration left its first statement's table behind")
	}
}

// withBookkeeping adds the migration bookkeeping statements of queries/ to
// a test's migrations.
func withBookkeeping(t *testing.T, m fstest.MapFS) fstest.MapFS {
	t.Helper()
	for _, n := range []string{"migrate_bootstrap", "migrate_applied", "migrate_record", "migrate_count"} {
		b, err := fs.ReadFile(queries.FS, n+".sql")
		if err != nil {
			t.Fatal(err)
		}
		m[n+".sql"] = &fstest.MapFile{Data: b}
	}
	return m
}

// TestNoFiles checks that a database opened with NoFiles reads its tables
// but refuses every statement that touches another file or a setting, on
// every connection of its pool, and keeps the platform's time zone.
func TestNoFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.duckdb")
	fsys := queries.FS
	w, err := Open(ctx, path, Options{Migrations: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, "CREATE TABLE a AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path, Options{ReadOnly: true, NoFiles: true, Migrations: fsys})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var conns []*sql.Conn
	for i := 0; i < 3; i++ { // three connections: the first locks, the others inherit
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		var x int
		var zone string
		if err := c.QueryRowContext(ctx, "SELECT x, current_setting('TimeZone') FROM a").Scan(&x, &zone); err != nil || x != 1 || zone != Zone {
			t.Errorf("conn %d: got %d %q %v; want 1 %q", i, x, zone, err, Zone)
		}
		for _, q := range []string{
			"SELECT * FROM read_text('" + secret + "')",
			"SELECT * FROM read_csv('" + secret + "')",
			"COPY a TO '" + filepath.Join(dir, "out.csv") + "'",
			"ATTACH '" + filepath.Join(dir, "other.duckdb") + "'",
			"INSTALL httpfs",
			"SET enable_external_access = true",
			"SET lock_configuration = false",
		} {
			if _, err := c.ExecContext(ctx, q); err == nil {
				t.Errorf("conn %d: %s succeeded; want refused", i, q)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out.csv")); err == nil {
		t.Error("COPY wrote out.csv")
	}
	// A second open in the process shares DuckDB's instance, locked by
	// the first: it must open, and refuse files too.
	again, err := Open(ctx, path, Options{ReadOnly: true, NoFiles: true, Migrations: fsys})
	if err != nil {
		t.Fatalf("second NoFiles open: %v", err)
	}
	defer again.Close()
	if _, err := again.ExecContext(ctx, "SELECT * FROM read_text('"+secret+"')"); err == nil {
		t.Error("second open reads files")
	}
	if _, err := Open(ctx, path, Options{ReadOnly: true, NoFiles: true}); !errors.Is(err, ErrNoFilesFS) {
		t.Errorf("NoFiles without Migrations: got %v; want ErrNoFilesFS", err)
	}
}
