package store

import (
	"context"
	"errors"
	"io/fs"
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
