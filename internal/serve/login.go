package serve

import (
	"net/http"
	"strings"
	"time"
)

type loginData struct {
	CSRF, Next, Error string
}

// loginPage shows the login form with a fresh CSRF token, kept in a cookie
// of its own (there is no session yet). Without users there is nothing to
// log into: it goes to the overview.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Users == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.showLogin(w, r, http.StatusOK, "")
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, code int, msg string) {
	tok := token()
	setCookie(w, r, loginCookie, tok, 600)
	s.render(w, r, code, "login", "登录", loginData{CSRF: tok, Next: safeNext(r.FormValue("next")), Error: msg})
}

// login checks the form's CSRF token against the login cookie, then the
// name and password; on success it starts a session and goes to next.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Users == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		s.deny(w, r, "login without a valid CSRF token")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	role, err := s.cfg.Users.Check(name, r.PostFormValue("password"))
	if err != nil {
		s.cfg.Log.Warn("login failed", "user", name, "remote", r.RemoteAddr)
		s.showLogin(w, r, http.StatusUnauthorized, "用户名或密码错误")
		return
	}
	id, _ := s.sessions.start(name, role, time.Now())
	setCookie(w, r, sessionCookie, id, int(sessionTTL.Seconds()))
	setCookie(w, r, loginCookie, "", -1)
	s.cfg.Log.Info("login", "user", name, "role", role.String(), "remote", r.RemoteAddr)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.end(c.Value)
	}
	setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// safeNext keeps a redirect target on this site: a path starting with one
// slash (not "//host" or "/\host"), else "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
