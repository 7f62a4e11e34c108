package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leian/leian/internal/serve"
)

// TestUserAdd adds a console user with the password on standard input
// and checks the file lets that password in with the role.
func TestUserAdd(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users.json")
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"user", "add", "zhang", "--role", "department:住建委", "--users", users},
		strings.NewReader("s3cret-pw\n"), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), "zhang") {
		t.Fatalf("user add: exit %d, %s %s", code, out.String(), errb.String())
	}
	us, err := serve.ReadUsers(users)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := us.Check("zhang", "s3cret-pw"); err != nil || r.String() != "department:住建委" {
		t.Errorf("Check: %v %v; want department:住建委", r, err)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"user", "add", "li", "--role", "mayor", "--users", users}, 1},
		{[]string{"user", "add", "li", "--users", users}, 2},
		{[]string{"user", "remove", "li", "--role", "city", "--users", users}, 2},
		{[]string{"user", "add", "li", "--role", "city", "--users", users}, 1}, // no password on stdin
	} {
		if _, stderr, code := run(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d (%s); want %d", tc.args, code, stderr, tc.code)
		}
	}
}

// TestServeRefusesOtherAddresses checks leian serve without users will
// not listen beyond the loopback interface.
func TestServeRefusesOtherAddresses(t *testing.T) {
	_, stderr, code := run(t, "serve", "--db", "x.duckdb", "--reports", t.TempDir(), "--addr", "0.0.0.0:8080")
	if code != 1 || !strings.Contains(stderr, "127.0.0.1") {
		t.Errorf("serve on 0.0.0.0 without users: exit %d, %q; want a refusal naming 127.0.0.1", code, stderr)
	}
	if _, _, code := run(t, "serve", "--db", "x.duckdb"); code != 2 {
		t.Errorf("serve without --reports: exit %d; want 2", code)
	}
}

// TestSQLFileAccess checks leian sql refuses to read or write files
// unless --allow-files is given.
func TestSQLFileAccess(t *testing.T) {
	dir := t.TempDir()
	csv, db := filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.duckdb")
	if _, stderr, code := run(t, "gen", "--rows", "50", "--out", csv, "--days", "5"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, "load", "--db", db, csv); code != 0 {
		t.Fatal(stderr)
	}
	secret := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP-SECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "sql", "--db", db, "--format", "csv", "SELECT content FROM read_text('"+secret+"')")
	if code != 1 || strings.Contains(out, "TOP-SECRET") || !strings.Contains(stderr, "--allow-files") {
		t.Errorf("read_text without --allow-files: exit %d, %q %q; want refused", code, out, stderr)
	}
	copyTo := filepath.Join(dir, "out.csv")
	if _, _, code := run(t, "sql", "--db", db, "COPY (SELECT 1) TO '"+copyTo+"'"); code != 1 {
		t.Errorf("COPY without --allow-files: exit %d; want 1", code)
	}
	if _, err := os.Stat(copyTo); err == nil {
		t.Error("COPY wrote a file")
	}
	if _, stderr, code := run(t, "sql", "--db", db, "--format", "parquet", "--out", filepath.Join(dir, "r.parquet"), "SELECT 1"); code != 1 || !strings.Contains(stderr, "--allow-files") {
		t.Errorf("parquet without --allow-files: exit %d %q", code, stderr)
	}
	out, stderr, code = run(t, "sql", "--db", db, "--allow-files", "--format", "csv", "SELECT content FROM read_text('"+secret+"')")
	if code != 0 || !strings.Contains(out, "TOP-SECRET") {
		t.Errorf("read_text with --allow-files: exit %d, %q %q", code, out, stderr)
	}
}
