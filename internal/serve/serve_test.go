package serve

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// Passwords of the test users (bcrypt hashes in the users file).
const (
	cityPW = "city-password"
	deptPW = "dept-password"
)

// console is a console on the fixture with three users: ana (city), dep
// (the fixture's busiest department) and dis (its busiest district), and
// the log it writes.
type console struct {
	s   *Server
	h   http.Handler
	td  testData
	log *syncBuffer
}

// syncBuffer is a log sink safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var (
	usersOnce sync.Once
	usersPath string
	usersErr  error
)

// testUsers writes the users file once (bcrypt is slow on purpose).
func testUsers(t testing.TB, td testData) string {
	usersOnce.Do(func() {
		usersPath = filepath.Join(td.dir, "users.json")
		for _, u := range []struct{ name, role, pw string }{
			{"ana", "city", cityPW}, {"dep", "department:" + td.dept, deptPW}, {"dis", "district:" + td.district, deptPW},
		} {
			r, err := ParseRole(u.role)
			if err == nil {
				err = AddUser(usersPath, u.name, r, u.pw)
			}
			if err != nil {
				usersErr = err
				return
			}
		}
	})
	if usersErr != nil {
		t.Fatal(usersErr)
	}
	return usersPath
}

func newConsole(t testing.TB, withUsers bool, tweak func(*Config)) *console {
	t.Helper()
	td := fixture(t)
	logBuf := &syncBuffer{}
	cfg := Config{DB: td.db, Reports: td.reports, Log: slog.New(slog.NewTextHandler(logBuf, nil))}
	if withUsers {
		us, err := ReadUsers(testUsers(t, td))
		if err != nil {
			t.Fatal(err)
		}
		cfg.Users = us
	}
	if tweak != nil {
		tweak(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &console{s: s, h: s.Handler(), td: td, log: logBuf}
}

// client is a browser without a browser: it keeps cookies and sends
// requests straight to the handler.
type client struct {
	t       testing.TB
	h       http.Handler
	host    string
	cookies map[string]string
}

func (c *console) client(t testing.TB) *client {
	return &client{t: t, h: c.h, host: "console.example", cookies: map[string]string{}}
}

func (cl *client) do(method, target string, form url.Values) *httptest.ResponseRecorder {
	cl.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.Host = cl.host
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range cl.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	rec := httptest.NewRecorder()
	cl.h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(cl.cookies, ck.Name)
		} else {
			cl.cookies[ck.Name] = ck.Value
		}
	}
	return rec
}

func (cl *client) get(target string) *httptest.ResponseRecorder {
	return cl.do(http.MethodGet, target, nil)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf returns the CSRF token of the forms on page.
func csrf(t testing.TB, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf field in page:\n%.500s", page)
	}
	return m[1]
}

// login logs cl in as name and returns the session's CSRF token.
func (cl *client) login(name, pw string) string {
	cl.t.Helper()
	page := cl.get("/login").Body.String()
	rec := cl.do(http.MethodPost, "/login", url.Values{"csrf": {csrf(cl.t, page)}, "name": {name}, "password": {pw}, "next": {"/"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		cl.t.Fatalf("login %s: %d %s", name, rec.Code, rec.Body.String())
	}
	home := cl.get("/")
	if home.Code != http.StatusOK {
		cl.t.Fatalf("overview after login: %d %s", home.Code, home.Body.String())
	}
	return csrf(cl.t, home.Body.String())
}

// ticketsOf returns the departments and districts of the tickets ids,
// read from the fixture database directly.
func ticketsOf(t testing.TB, td testData, ids []string) map[string][2]string {
	t.Helper()
	ctx := context.Background()
	d, err := store.Open(ctx, td.db, store.Options{ReadOnly: true, NoFiles: true, Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rows, err := d.QueryContext(ctx, "SELECT ticket_id, coalesce(department, ''), coalesce(district, '') FROM tickets WHERE list_contains(?, ticket_id)", ids)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][2]string{}
	for rows.Next() {
		var id, dep, dis string
		if err := rows.Scan(&id, &dep, &dis); err != nil {
			t.Fatal(err)
		}
		out[id] = [2]string{dep, dis}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// dbValue runs a query on the fixture database and returns its one value.
func dbValue[T any](t testing.TB, td testData, q string, args ...any) T {
	t.Helper()
	ctx := context.Background()
	d, err := store.Open(ctx, td.db, store.Options{ReadOnly: true, NoFiles: true, Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var v T
	if err := d.QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

var ticketLink = regexp.MustCompile(`/tickets/(GD[0-9]+)`)

// linkedTickets returns the ticket ids a page links to, each once.
func linkedTickets(page string) []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range ticketLink.FindAllStringSubmatch(page, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			ids = append(ids, m[1])
		}
	}
	return ids
}

func mustExist(t testing.TB, p string) {
	t.Helper()
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
}
