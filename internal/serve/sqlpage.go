package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// variableRef finds the DuckDB variables a query reads (getvariable('x')):
// the parameters the SQL page asks for.
var variableRef = regexp.MustCompile(`getvariable\('([A-Za-z_][A-Za-z0-9_]*)'\)`)

// sqlForm is the SQL page's form: a saved query by name, or free SQL, and
// the values of the variables it reads.
type sqlForm struct {
	Saved  string
	Query  string
	Names  []string          // variables the query reads, in order of first use
	Values map[string]string // by name
}

type sqlData struct {
	Saved   []analysis.Saved
	Chosen  *analysis.Saved
	Form    sqlForm
	Result  *analysis.Table
	Cells   [][]string
	Error   string
	MaxRows int
	Seconds string
}

// variables returns the names of the variables query reads, in order of
// first use, each once.
func variables(query string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range variableRef.FindAllStringSubmatch(query, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// readForm reads the form of r: the saved query's text when one is named
// (an unknown name is a 404), else the free SQL.
func (s *Server) readForm(r *http.Request) (sqlForm, error) {
	f := sqlForm{Saved: trimForm(r, "saved"), Query: r.FormValue("query"), Values: map[string]string{}}
	if f.Saved != "" {
		if strings.HasPrefix(f.Saved, "serve_") || !isSaved(s.cfg.Queries, f.Saved) {
			return f, notFound("没有这个预置查询：" + f.Saved)
		}
		b, err := fs.ReadFile(s.cfg.Queries, f.Saved+".sql")
		if err != nil {
			return f, err
		}
		f.Query = string(b)
	}
	f.Names = variables(f.Query)
	for _, n := range f.Names {
		f.Values[n] = trimForm(r, "p_"+n)
	}
	return f, nil
}

// isSaved reports whether name is one of analysis.List's saved queries.
func isSaved(fsys fs.FS, name string) bool {
	saved, err := analysis.List(fsys)
	if err != nil {
		return false
	}
	for _, sv := range saved {
		if sv.Name == name {
			return true
		}
	}
	return false
}

// sqlPage shows the saved queries and the form (GET).
func (s *Server) sqlPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.sqlData(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "sql", "SQL 查询", d)
	return nil
}

func (s *Server) sqlData(r *http.Request) (sqlData, error) {
	saved, err := analysis.List(s.cfg.Queries)
	if err != nil {
		return sqlData{}, err
	}
	f, err := s.readForm(r)
	if err != nil {
		return sqlData{}, err
	}
	d := sqlData{Saved: saved, Form: f, MaxRows: s.cfg.MaxRows}
	for i := range saved {
		if saved[i].Name == f.Saved {
			d.Chosen = &saved[i]
		}
	}
	return d, nil
}

// sqlRun runs the form's query on the read-only, file-less database with
// the time limit and row cap, and shows the result or DuckDB's error.
func (s *Server) sqlRun(w http.ResponseWriter, r *http.Request) error {
	d, err := s.sqlData(r)
	if err != nil {
		return err
	}
	t0 := time.Now()
	t, err := s.runForm(r, d.Form, s.cfg.MaxRows)
	switch {
	case err == nil:
		d.Result, d.Cells = t, cells(t)
		d.Seconds = strconv.FormatFloat(time.Since(t0).Seconds(), 'f', 2, 64)
	case isQueryError(err):
		d.Error = queryMessage(err)
		s.cfg.Log.Info("sql refused or failed", "user", sessionOf(r).user, "err", err)
	default:
		return err
	}
	s.render(w, r, http.StatusOK, "sql", "SQL 查询", d)
	return nil
}

// runForm runs f's query with its variables, keeping at most maxRows rows.
func (s *Server) runForm(r *http.Request, f sqlForm, maxRows int) (*analysis.Table, error) {
	if strings.TrimSpace(f.Query) == "" {
		return nil, queryError{"请输入查询语句"}
	}
	ps := analysis.Params{}
	for _, n := range f.Names {
		if f.Values[n] == "" {
			return nil, queryError{"缺少参数 " + n}
		}
		ps[n] = f.Values[n]
	}
	var t *analysis.Table
	err := s.withDBFor(r, s.cfg.QueryTimeout, func(ctx context.Context, d *store.DB) error {
		var err error
		t, err = analysis.RunSQLCapped(ctx, d, f.Query, ps, maxRows)
		return err
	})
	return t, err
}

// queryError is a message about the user's query, shown on the page.
type queryError struct{ msg string }

func (e queryError) Error() string { return e.msg }

// isQueryError tells the user's mistakes (and DuckDB's refusals: file
// access, writes, settings) from the console's own failures, which are a
// 500. The database being busy or the time limit are neither.
func isQueryError(err error) bool {
	if _, ok := err.(queryError); ok {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, store.ErrLocked) {
		return false
	}
	msg := err.Error()
	for _, k := range []string{"Error:", "read-only", "disabled by configuration", "configuration has been locked"} {
		if strings.Contains(msg, k) {
			return true
		}
	}
	return false
}

// queryMessage is the error as the page shows it, with a hint for the
// refusals the console makes on purpose.
func queryMessage(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "disabled by configuration"):
		return "已拒绝：控制台不允许读写文件。 " + msg
	case strings.Contains(msg, "configuration has been locked"):
		return "已拒绝：控制台不允许更改设置。 " + msg
	case strings.Contains(msg, "read-only"):
		return "已拒绝：数据库以只读方式打开，未作任何修改。 " + msg
	}
	return msg
}

// cells formats a result's values for the page: times in the platform's
// zone, floats with 6 significant digits, lists and structs as JSON, NULL
// as NULL.
func cells(t *analysis.Table) [][]string {
	out := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = cell(v)
		}
	}
	return out
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return x.In(ticket.Zone).Format(ticket.TimeLayout)
	case float64:
		return strconv.FormatFloat(x, 'g', 6, 64)
	case []byte:
		return fmt.Sprintf("%x", x)
	case map[string]any, []any:
		b, err := json.Marshal(x)
		if err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}
