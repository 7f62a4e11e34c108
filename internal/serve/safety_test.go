package serve

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is a file outside the reports folder and the database that no
// request may read.
func secret(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(p, []byte("TOP-SECRET-4711\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTraversalRefused tries to leave the reports folder, as the city role
// (who may open every report): with ../ in its forms, an absolute path,
// and a link inside the folder that points out of it.
func TestTraversalRefused(t *testing.T) {
	sec := secret(t)
	reports := t.TempDir()
	if err := os.MkdirAll(filepath.Join(reports, "weekly", "2026-W10"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(sec, filepath.Join(reports, "weekly", "2026-W10", "city.html")); err != nil {
		t.Fatal(err)
	}
	c := newConsole(t, true, func(cfg *Config) { cfg.Reports = reports })
	cl := c.client(t)
	cl.login("ana", cityPW)
	rel, err := filepath.Rel(reports, sec)
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		"/reports/" + rel,
		"/reports/" + strings.ReplaceAll(rel, "/", "%2f"),
		"/reports/" + strings.ReplaceAll(strings.ReplaceAll(rel, "/", "%2F"), ".", "%2e"),
		"/reports/weekly/..%2f..%2f" + strings.ReplaceAll(rel, "/", "%2f"),
		"/reports/%2f" + strings.TrimPrefix(strings.ReplaceAll(sec, "/", "%2f"), "%2f"),
		"/reports/weekly/2026-W10/..%5c..%5c..%5csecret.txt",
		"/reports/weekly/2026-W10/city.html",
	} {
		rec := cl.get(target)
		if rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "TOP-SECRET") {
			t.Errorf("GET %s: %d, body %.200q; want refused", target, rec.Code, rec.Body.String())
		}
	}
}

// TestFileSQLRefused runs, as the city role, statements that reach for
// files or settings: each is refused with the reason, no file is written
// and no secret read.
func TestFileSQLRefused(t *testing.T) {
	sec := secret(t)
	out := filepath.Join(t.TempDir(), "out.csv")
	c := newConsole(t, true, nil)
	cl := c.client(t)
	tok := cl.login("ana", cityPW)
	for _, q := range []string{
		"SELECT * FROM read_text('" + sec + "')",
		"SELECT * FROM read_csv('" + sec + "')",
		"SELECT * FROM glob('" + filepath.Dir(sec) + "/*')",
		"COPY (SELECT 'x') TO '" + out + "'",
		"ATTACH '" + out + ".duckdb' AS other",
		"INSTALL httpfs",
		"LOAD httpfs",
		"SET enable_external_access = true",
		"SET lock_configuration = false",
		"CREATE TABLE stolen AS SELECT 1",
		"DELETE FROM tickets",
	} {
		for _, target := range []string{"/sql", "/sql/download"} {
			rec := cl.do(http.MethodPost, target, url.Values{"csrf": {tok}, "query": {q}, "format": {"csv"}})
			body := rec.Body.String()
			refused := strings.Contains(body, "已拒绝") || strings.Contains(body, "Error")
			if strings.Contains(body, "TOP-SECRET") || !refused || target == "/sql/download" && rec.Code != http.StatusBadRequest {
				t.Errorf("POST %s %q: %d %.300s; want refused", target, q, rec.Code, body)
			}
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("COPY wrote %s", out)
	}
	if n := dbValue[int64](t, c.td, "SELECT count(*) FROM tickets"); n != 3000 {
		t.Errorf("tickets: %d; want 3000 untouched", n)
	}
}

// TestNoSessionRefused sends every route without logging in: pages go to
// the login, posts are 403, and no answer carries data.
func TestNoSessionRefused(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	for _, target := range []string{"/", "/archive", "/reports/weekly/" + fixtureWeek + "/city.html", "/reports/index.html",
		"/clusters", "/clusters/1", "/tickets/" + c.ticketOf(t, c.td.dept), "/similar?text=x", "/sql"} {
		rec := cl.get(target)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=") || len(linkedTickets(rec.Body.String())) > 0 {
			t.Errorf("GET %s without session: %d %s; want 303 to the login", target, rec.Code, loc)
		}
	}
	for _, target := range []string{"/sql", "/sql/download", "/logout"} {
		rec := cl.do(http.MethodPost, target, url.Values{"query": {"SELECT * FROM tickets"}, "format": {"csv"}})
		if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "GD") {
			t.Errorf("POST %s without session: %d; want 403", target, rec.Code)
		}
	}
	cl.cookies[sessionCookie] = "forged-session-id"
	if rec := cl.get("/"); rec.Code != http.StatusSeeOther {
		t.Errorf("GET / with a forged session: %d; want 303 to the login", rec.Code)
	}
	if n := strings.Count(c.log.String(), "msg=denied"); n != 9+3+1 {
		t.Errorf("%d refusals logged; want 13, one per request", n)
	}
}

// TestBadCSRFRefused posts with a wrong, a missing and another session's
// token, and logs in without the login form's token.
func TestBadCSRFRefused(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	tok := cl.login("ana", cityPW)
	other := c.client(t)
	otherTok := other.login("ana", cityPW)
	for _, bad := range []string{"", "wrong", tok + "x", otherTok} {
		for _, target := range []string{"/sql", "/sql/download", "/logout"} {
			rec := cl.do(http.MethodPost, target, url.Values{"csrf": {bad}, "query": {"SELECT ticket_id FROM tickets"}, "format": {"csv"}})
			if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "GD") {
				t.Errorf("POST %s with token %q: %d; want 403", target, bad, rec.Code)
			}
		}
	}
	fresh := c.client(t)
	rec := fresh.do(http.MethodPost, "/login", url.Values{"name": {"ana"}, "password": {cityPW}, "csrf": {"guess"}})
	if rec.Code != http.StatusForbidden || fresh.cookies[sessionCookie] != "" {
		t.Errorf("login without the form's token: %d; want 403 and no session", rec.Code)
	}
	page := fresh.get("/login").Body.String()
	rec = fresh.do(http.MethodPost, "/login", url.Values{"name": {"ana"}, "password": {"wrong"}, "csrf": {csrf(t, page)}})
	if rec.Code != http.StatusUnauthorized || fresh.cookies[sessionCookie] != "" {
		t.Errorf("login with a wrong password: %d; want 401 and no session", rec.Code)
	}
	if rec := cl.do(http.MethodPost, "/logout", url.Values{"csrf": {tok}}); rec.Code != http.StatusSeeOther {
		t.Errorf("logout: %d", rec.Code)
	}
	if rec := cl.get("/"); rec.Code != http.StatusSeeOther {
		t.Errorf("GET / after logout: %d; want 303 to the login", rec.Code)
	}
}

// TestLocalOnly checks the console without users: loopback host names
// only, and forms still need the session's token.
func TestLocalOnly(t *testing.T) {
	c := newConsole(t, false, nil)
	cl := c.client(t)
	cl.host = "evil.example"
	if rec := cl.get("/"); rec.Code != http.StatusForbidden {
		t.Errorf("Host evil.example: %d; want 403", rec.Code)
	}
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080"} {
		cl := c.client(t)
		cl.host = host
		if rec := cl.get("/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "SQL 查询") {
			t.Errorf("Host %s: %d; want the overview with the SQL page", host, rec.Code)
		}
		if rec := cl.do(http.MethodPost, "/sql", url.Values{"query": {"SELECT 1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("Host %s: POST without the token: %d; want 403", host, rec.Code)
		}
	}
	for _, tc := range []struct {
		addr  string
		users bool
		ok    bool
	}{
		{"127.0.0.1:8080", false, true}, {"localhost:8080", false, true}, {"[::1]:80", false, true},
		{"0.0.0.0:8080", false, false}, {":8080", false, false}, {"10.1.2.3:8080", false, false}, {"example.com:80", false, false},
		{"0.0.0.0:8080", true, true}, {":8080", true, true}, {"nonsense", false, false},
	} {
		if err := CheckAddr(tc.addr, tc.users); (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %v) = %v; want ok %v", tc.addr, tc.users, err, tc.ok)
		}
	}
}

// TestRowCapAndTimeLimit checks the SQL page keeps the first rows of a
// long result and stops a query past the time limit.
func TestRowCapAndTimeLimit(t *testing.T) {
	c := newConsole(t, true, func(cfg *Config) { cfg.MaxRows = 5; cfg.QueryTimeout = 300 * time.Millisecond })
	cl := c.client(t)
	tok := cl.login("ana", cityPW)
	rec := cl.do(http.MethodPost, "/sql", url.Values{"csrf": {tok}, "query": {"SELECT ticket_id FROM tickets ORDER BY ticket_id"}})
	if n := len(linkedTickets(strings.ReplaceAll(rec.Body.String(), "<td>GD", "/tickets/GD"))); n != 5 || !strings.Contains(rec.Body.String(), "只显示前 5 行") {
		t.Errorf("row cap 5: %d rows shown", n)
	}
	t0 := time.Now()
	rec = cl.do(http.MethodPost, "/sql", url.Values{"csrf": {tok}, "query": {"SELECT count(*) FROM range(100000000000) a"}})
	if rec.Code != http.StatusGatewayTimeout || time.Since(t0) > 10*time.Second {
		t.Errorf("long query: %d after %v; want 504 soon after 300 ms", rec.Code, time.Since(t0))
	}
}

// TestLeaseClosesWhenIdle checks the database is closed after the idle
// time, so a writer can have it, and opened again for the next page.
func TestLeaseClosesWhenIdle(t *testing.T) {
	c := newConsole(t, true, nil)
	c.s.db.idle = 200 * time.Millisecond
	cl := c.client(t)
	cl.login("ana", cityPW)
	for i := 0; i < 2; i++ {
		if rec := cl.get("/clusters"); rec.Code != http.StatusOK {
			t.Fatal(rec.Code)
		}
		deadline := time.Now().Add(5 * time.Second)
		for !c.s.db.idleClosed() && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if !c.s.db.idleClosed() {
			t.Fatalf("round %d: the database is still open after the idle time", i)
		}
	}
	if c.s.db.opens != 2 {
		t.Errorf("opened %d times; want 2 (once per round)", c.s.db.opens)
	}
	d, release, err := c.s.db.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	release()
	if d == nil {
		t.Fatal("no database")
	}
}
