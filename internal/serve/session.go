package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"sync"
	"time"
)

// Cookie names and the session lifetime: a working day and a meeting
// after it; a login after that is cheap.
const (
	sessionCookie = "leian_session"
	loginCookie   = "leian_login" // CSRF token of the login form (no session yet)
	sessionTTL    = 12 * time.Hour
)

// session is one logged-in browser.
type session struct {
	user    string
	role    Role
	csrf    string
	expires time.Time
}

// sessions holds the live sessions in memory: a restart logs everyone out.
// Safe for concurrent use.
type sessions struct {
	mu sync.Mutex
	m  map[string]*session
}

func newSessions() *sessions { return &sessions{m: map[string]*session{}} }

// token returns 32 random bytes in URL-safe base64.
func token() string {
	b := make([]byte, 32)
	rand.Read(b) // never returns an error (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// start creates a session for user with role and returns its id.
func (ss *sessions) start(user string, role Role, now time.Time) (string, *session) {
	id := token()
	s := &session{user: user, role: role, csrf: token(), expires: now.Add(sessionTTL)}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for k, v := range ss.m { // drop the expired ones while here
		if now.After(v.expires) {
			delete(ss.m, k)
		}
	}
	ss.m[id] = s
	return id, s
}

// get returns the live session id names, or nil.
func (ss *sessions) get(id string, now time.Time) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.m[id]
	if s == nil || now.After(s.expires) {
		delete(ss.m, id)
		return nil
	}
	return s
}

func (ss *sessions) end(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, id)
}

type ctxKey struct{}

// sessionOf returns the request's session, set by Server.authenticate.
func sessionOf(r *http.Request) *session {
	s, _ := r.Context().Value(ctxKey{}).(*session)
	return s
}

func withSession(r *http.Request, s *session) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), ctxKey{}, s))
}

// sameToken compares two tokens in constant time; empty never matches.
func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// setCookie sets an HttpOnly, SameSite=Strict cookie for the whole site,
// Secure when the request came over TLS, directly or through a proxy that
// says so (X-Forwarded-Proto).
func setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"})
}

// localHost reports whether the request's Host names the loopback
// interface (127.0.0.1, ::1 or localhost, any port). Without users the
// console answers only such requests, so a web page cannot reach it
// through a DNS name pointed at 127.0.0.1 (DNS rebinding).
func localHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
