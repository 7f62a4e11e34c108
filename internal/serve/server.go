package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// Defaults of Config: the SQL page's time limit and row caps. 30 s lets an
// analyst scan a 10M-ticket history once (the metric set takes seconds
// there, analysis benchmarks); 1,000 rows is more than a page can show;
// 200,000 rows is a year of a department's tickets, in a download.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultMaxRows      = 1000
	DefaultMaxDownload  = 200000
)

// Config is what the console serves and how.
type Config struct {
	DB      string // database file, opened read-only per lease (see package doc)
	Reports string // folder of the written reports (weekly/, monthly/)
	// Users are the accounts; nil means no login: every request is the
	// city role, and only requests to a loopback host name are answered.
	Users        *Users
	Queries      fs.FS // nil means queries.FS
	Log          *slog.Logger
	QueryTimeout time.Duration // 0 means DefaultQueryTimeout
	MaxRows      int           // rows shown by the SQL page; 0 means DefaultMaxRows
	MaxDownload  int           // rows of a download; 0 means DefaultMaxDownload
	// NoCache turns the page-query cache off (see resultCache), so every
	// page reads the database; for measuring and testing.
	NoCache bool
}

// Server is the console. Safe for concurrent use; Close it when done.
type Server struct {
	cfg      Config
	db       *lease
	sessions *sessions
	pages    map[string]*template.Template
	reports  *os.Root
	cache    *resultCache // nil with Config.NoCache
	archive  archiveCache
	segOnce  sync.Once
	tok      *text.Tokenizer
	segErr   error
}

// New checks cfg and returns a console. The database is not opened until a
// page needs it; the reports folder must exist.
func New(cfg Config) (*Server, error) {
	if cfg.DB == "" {
		return nil, errors.New("serve: no database (--db)")
	}
	if _, err := os.Stat(cfg.DB); err != nil {
		return nil, fmt.Errorf("serve: database: %w", err)
	}
	if cfg.Queries == nil {
		cfg.Queries = queries.FS
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = DefaultMaxRows
	}
	if cfg.MaxDownload <= 0 {
		cfg.MaxDownload = DefaultMaxDownload
	}
	root, err := os.OpenRoot(cfg.Reports)
	if err != nil {
		return nil, fmt.Errorf("serve: reports folder: %w", err)
	}
	pages, err := parsePages()
	if err != nil {
		root.Close()
		return nil, err
	}
	s := &Server{cfg: cfg, db: newLease(cfg.DB, cfg.Queries, cfg.Log), sessions: newSessions(),
		pages: pages, reports: root}
	if !cfg.NoCache {
		s.cache = newResultCache(cfg.DB)
	}
	return s, nil
}

// Close closes the database (once the requests using it are done) and the
// reports folder.
func (s *Server) Close() error {
	s.db.close()
	return s.reports.Close()
}

// Handler returns the console's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.FileServerFS(staticFiles))
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.Handle("POST /logout", s.auth(s.logout, false))
	mux.Handle("GET /{$}", s.auth(s.overview, false))
	mux.Handle("GET /archive", s.auth(s.archivePage, false))
	mux.Handle("GET /reports/{path...}", s.auth(s.reportFile, false))
	mux.Handle("GET /clusters", s.auth(s.clusterList, false))
	mux.Handle("GET /clusters/{id}", s.auth(s.clusterPage, false))
	mux.Handle("GET /tickets/{id}", s.auth(s.ticketPage, false))
	mux.Handle("GET /similar", s.auth(s.similarPage, false))
	mux.Handle("GET /sql", s.auth(s.sqlPage, true))
	mux.Handle("POST /sql", s.auth(s.sqlRun, true))
	mux.Handle("POST /sql/download", s.auth(s.sqlDownload, true))
	return securityHeaders(mux)
}

// handlerFunc is a page: it writes the answer or returns an error that
// Server.serveError turns into one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// httpError is an answer other than 200 with a message for the user.
type httpError struct {
	code int
	msg  string
}

func (e *httpError) Error() string { return e.msg }

func notFound(msg string) error   { return &httpError{http.StatusNotFound, msg} }
func badRequest(msg string) error { return &httpError{http.StatusBadRequest, msg} }

// errDenied is returned by pages that find the user outside their scope;
// serveError answers 403 and logs it.
var errDenied = errors.New("denied")

// auth runs h for a request with a session (see package doc): without
// users a local session is made on the spot; a POST must carry the
// session's CSRF token; cityOnly pages refuse other roles. Every refusal
// is a 403 (or, for a page asked without a session, a redirect to the
// login) and is logged.
func (s *Server) auth(h handlerFunc, cityOnly bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(w, r)
		if !ok {
			return
		}
		r = withSession(r, sess)
		switch {
		case r.Method == http.MethodPost && !sameToken(r.PostFormValue("csrf"), sess.csrf):
			s.deny(w, r, "bad or missing CSRF token")
			return
		case cityOnly && !sess.role.City():
			s.deny(w, r, "page for the city role only")
			return
		}
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// session returns the request's session, or answers the request itself
// and returns false.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (*session, bool) {
	if s.cfg.Users == nil && !localHost(r.Host) {
		s.deny(w, r, "no users file: only requests to 127.0.0.1 or localhost are served")
		return nil, false
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if sess := s.sessions.get(c.Value, time.Now()); sess != nil {
			return sess, true
		}
	}
	if s.cfg.Users == nil {
		id, sess := s.sessions.start("本机", Role{Kind: "city"}, time.Now())
		setCookie(w, r, sessionCookie, id, 0)
		return sess, true
	}
	if r.Method == http.MethodGet {
		s.cfg.Log.Warn("denied", "method", r.Method, "path", r.URL.Path, "remote", r.RemoteAddr,
			"reason", "no session: sent to the login page")
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return nil, false
	}
	s.deny(w, r, "no session")
	return nil, false
}

// deny answers 403 and logs who was refused what and why.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, reason string) {
	user, role := "", ""
	if sess := sessionOf(r); sess != nil {
		user, role = sess.user, sess.role.String()
	}
	s.cfg.Log.Warn("denied", "method", r.Method, "path", r.URL.Path, "user", user, "role", role,
		"remote", r.RemoteAddr, "reason", reason)
	s.render(w, r, http.StatusForbidden, "error", "无权访问", errorPage{Code: 403, Message: "无权访问：此内容不在您的权限范围内。"})
}

// serveError turns a page's error into its answer.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	switch {
	case errors.Is(err, errDenied):
		s.deny(w, r, strings.TrimPrefix(err.Error(), errDenied.Error()+": "))
	case errors.As(err, &he):
		s.render(w, r, he.code, "error", "出错了", errorPage{Code: he.code, Message: he.msg})
	case errors.Is(err, store.ErrLocked):
		w.Header().Set("Retry-After", "60")
		s.render(w, r, http.StatusServiceUnavailable, "error", "数据更新中", errorPage{Code: 503, Message: "数据库正在更新（夜间任务运行中），请稍后再试。"})
	case errors.Is(err, context.DeadlineExceeded):
		s.render(w, r, http.StatusGatewayTimeout, "error", "查询超时", errorPage{Code: 504, Message: "查询超过时间限制，已停止。请缩小范围后再试。"})
	default:
		s.cfg.Log.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
		s.render(w, r, http.StatusInternalServerError, "error", "出错了", errorPage{Code: 500, Message: "服务器内部错误：" + err.Error()})
	}
}

// securityHeaders sets headers every answer carries: no framing, no
// content sniffing, scripts and styles from this site only.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		h.ServeHTTP(w, r)
	})
}

// pageTimeout bounds the queries of a page other than the SQL page's:
// their statements are fixed and take well under a second on a year of a
// big city (BenchmarkServeOverview, BenchmarkServeCluster); this only
// stops one that has gone wrong.
const pageTimeout = time.Minute

// withDB runs f with the leased database and pageTimeout.
func (s *Server) withDB(r *http.Request, f func(ctx context.Context, d *store.DB) error) error {
	return s.withDBFor(r, pageTimeout, f)
}

// withDBFor runs f with the leased database and the time limit d.
func (s *Server) withDBFor(r *http.Request, limit time.Duration, f func(ctx context.Context, d *store.DB) error) error {
	ctx, cancel := context.WithTimeout(r.Context(), limit)
	defer cancel()
	if s.cache != nil {
		s.cache.check()
	}
	d, release, err := s.db.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	err = f(ctx, d)
	if err != nil && ctx.Err() != nil { // DuckDB says "Interrupted"
		return fmt.Errorf("%w: %v", ctx.Err(), err)
	}
	return err
}

// q is how the pages query d: the statements of Config.Queries through
// the result cache.
func (s *Server) q(d *store.DB) querier {
	return querier{db: d, fsys: s.cfg.Queries, cache: s.cache}
}

// args are the first two arguments of the scoped serve_*.sql statements:
// the role's kind and value.
func (r Role) args() []any {
	return []any{string(r.Kind), r.Value}
}

// inScope reports whether a ticket of department and district is the
// role's to see.
func (r Role) inScope(department, district string) bool {
	switch r.Kind {
	case "city":
		return true
	case "department":
		return department == r.Value
	case "district":
		return district == r.Value
	}
	return false
}

func trimForm(r *http.Request, name string) string { return strings.TrimSpace(r.FormValue(name)) }

// errorf wraps sentinel with a message for the log.
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}
