package serve

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/leian/leian/analysis"
)

// cacheEntries bounds the page-query cache: far more than the pages of a
// meeting (a few hundred clusters and member pages per scope), small in
// memory (results are a few rows each); when full it starts again empty.
const cacheEntries = 5000

// resultCache keeps the results of the console's fixed statements
// (serve_*.sql) for as long as the database file is unchanged: the data
// changes only when a job writes it (once a night), while the same
// overview and clusters are opened again and again in a meeting. The
// version is the size and modification time of the file and of its
// write-ahead log; a different version empties the cache. Results of the
// SQL page are never cached. Safe for concurrent use; concurrent misses of
// one key run the statement once.
type resultCache struct {
	path    string
	mu      sync.Mutex
	version string
	m       map[string]*analysis.Table
	running map[string]*call
	misses  int // statements run, for tests
}

type call struct {
	done chan struct{}
	t    *analysis.Table
	err  error
}

func newResultCache(path string) *resultCache {
	return &resultCache{path: path, m: map[string]*analysis.Table{}, running: map[string]*call{}}
}

// fileVersion describes the database file's state: size and modification
// time of the file and of its .wal, if any.
func fileVersion(path string) string {
	var b strings.Builder
	for _, p := range []string{path, path + ".wal"} {
		if st, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%d/%d;", st.Size(), st.ModTime().UnixNano())
		}
	}
	return b.String()
}

// check empties the cache if the file changed since the last check.
func (c *resultCache) check() {
	v := fileVersion(c.path)
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version || len(c.m) >= cacheEntries {
		c.version, c.m = v, map[string]*analysis.Table{}
	}
}

// key is a statement's name and arguments as text; times in UTC with
// nanoseconds, so equal instants give one key.
func key(name string, args []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, a := range args {
		if t, ok := a.(time.Time); ok {
			a = t.UTC().Format(time.RFC3339Nano)
		}
		fmt.Fprintf(&b, "\x00%T:%v", a, a)
	}
	return b.String()
}

// get returns the cached result of k, or runs f once for all concurrent
// callers and keeps its result (not its error).
func (c *resultCache) get(k string, f func() (*analysis.Table, error)) (*analysis.Table, error) {
	c.mu.Lock()
	if t, ok := c.m[k]; ok {
		c.mu.Unlock()
		return t, nil
	}
	if cl, ok := c.running[k]; ok {
		c.mu.Unlock()
		<-cl.done
		return cl.t, cl.err
	}
	cl := &call{done: make(chan struct{})}
	c.running[k] = cl
	c.misses++
	version := c.version
	c.mu.Unlock()
	cl.t, cl.err = f()
	c.mu.Lock()
	delete(c.running, k)
	if cl.err == nil && c.version == version {
		c.m[k] = cl.t
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.t, cl.err
}
