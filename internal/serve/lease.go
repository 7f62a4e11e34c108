package serve

import (
	"context"
	"io/fs"
	"log/slog"
	"sync"
	"time"

	"github.com/leian/leian/store"
)

// Lease times: how long an open database may sit unused before it is
// closed, and how long one handle is handed out before requests get a
// fresh one. DuckDB lets no process write a file that another process holds
// open, even read-only, so the console keeps the file open only while
// pages are being served: a night with nobody at the console leaves it
// closed, and the nightly job finds it free. An open of the 1M-ticket
// benchmark database costs a few milliseconds (BenchmarkOpen), so closing
// after 2 idle seconds costs a user little; the 30 s age bounds how long a
// busy console holds one handle (the new one is opened before the old
// closes, so busy hours never leave the file free: the jobs run at night).
const (
	leaseIdle   = 2 * time.Second
	leaseMaxAge = 30 * time.Second
)

// handle is one open database and the requests using it.
type handle struct {
	db       *store.DB
	users    int
	opened   time.Time
	lastUsed time.Time
	retired  bool
}

// lease opens the database read-only, with file access off, on demand and
// closes it when unused (see leaseIdle). Safe for concurrent use.
type lease struct {
	path  string
	fsys  fs.FS // queries.FS: migrations and serve_no_files.sql
	idle  time.Duration
	age   time.Duration
	mu    sync.Mutex
	cur   *handle
	opens int // how many times the file was opened, for tests
	log   *slog.Logger
}

func newLease(path string, fsys fs.FS, log *slog.Logger) *lease {
	return &lease{path: path, fsys: fsys, idle: leaseIdle, age: leaseMaxAge, log: log}
}

func (l *lease) closeDB(h *handle) {
	if err := h.db.Close(); err != nil {
		l.log.Error("close database", "path", l.path, "err", err)
	}
}

// acquire returns the open database and a function to call when the
// request is done with it. A file held by a writer gives store.ErrLocked.
func (l *lease) acquire(ctx context.Context) (*store.DB, func(), error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.cur != nil && now.Sub(l.cur.opened) >= l.age {
		l.retire(l.cur)
	}
	if l.cur == nil {
		// Open's context must outlive the request: the connector's init
		// runs on later connections with it.
		d, err := store.Open(context.WithoutCancel(ctx), l.path, store.Options{ReadOnly: true, NoFiles: true, Migrations: l.fsys})
		if err != nil {
			return nil, nil, err
		}
		l.cur = &handle{db: d, opened: now}
		l.opens++
	}
	h := l.cur
	h.users++
	h.lastUsed = now
	return h.db, func() { l.release(h) }, nil
}

// retire takes h out of service; it closes when its last user is done.
// Called with l.mu held.
func (l *lease) retire(h *handle) {
	h.retired = true
	if l.cur == h {
		l.cur = nil
	}
	if h.users == 0 {
		l.closeDB(h)
	}
}

func (l *lease) release(h *handle) {
	l.mu.Lock()
	defer l.mu.Unlock()
	h.users--
	h.lastUsed = time.Now()
	switch {
	case h.users > 0:
	case h.retired:
		l.closeDB(h)
	default:
		time.AfterFunc(l.idle, func() { l.closeIdle(h) })
	}
}

// closeIdle closes h if nobody has used it for l.idle.
func (l *lease) closeIdle(h *handle) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !h.retired && h.users == 0 && time.Since(h.lastUsed) >= l.idle {
		l.retire(h)
	}
}

// close closes the open database, if any, once its users are done.
func (l *lease) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur != nil {
		l.retire(l.cur)
	}
}

// idleClosed reports whether no database is open (for tests).
func (l *lease) idleClosed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur == nil
}
