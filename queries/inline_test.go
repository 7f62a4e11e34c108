package queries

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlStart matches a Go string that begins like a SQL statement (leian
// writes SQL keywords in capitals; messages start in lower case).
var sqlStart = regexp.MustCompile(`^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|COPY|WITH|ALTER|PRAGMA|SET|ATTACH|INSTALL|LOAD)\s`)

// assembled lists the statements still built in Go, by file and the start
// of the string: each takes what no .sql file can hold (a file's own
// columns, the user's query, a variable's name) or bootstraps the schema.
var assembled = map[string][]string{
	"load/source.go": {"CREATE TEMP VIEW csv_src AS SELECT * FROM read_csv(", "CREATE TEMP TABLE src AS SELECT * FROM ",
		"CREATE TEMP VIEW source AS SELECT ", "CREATE TEMP TABLE src ("},
	"load/loader.go":           {"CREATE OR REPLACE TEMP VIEW raw AS SELECT "},
	"internal/export/query.go": {"COPY ("},
	"analysis/run.go":          {"SET VARIABLE "},
	"store/store.go":           {"SET TimeZone = "},
	// Arrow batches go into a table through a view registered for them.
	"cluster/arrowio.go": {"INSERT INTO "},
}

// TestNoInlineSQL fails when a Go file holds a SQL statement in a string:
// statements live in queries/*.sql.
func TestNoInlineSQL(t *testing.T) {
	root := ".."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || strings.HasSuffix(rel, "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !sqlStart.MatchString(s) || allowed(rel, s) {
				return true
			}
			t.Errorf("%s: SQL in a Go string (%.40q...); put it in queries/ as a named, headed .sql file", fset.Position(lit.Pos()), s)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func allowed(file, s string) bool {
	for _, prefix := range assembled[file] {
		if strings.HasPrefix(strings.TrimLeft(s, " \t\n"), prefix) {
			return true
		}
	}
	return false
}
