package serve

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// benchRows is the size of the benchmark database: the 1,000,000
// tickets, a year of a big city's busiest weeks; LEIAN_BENCH_ROWS makes it
// smaller.
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// benchDB returns the path of a database of benchRows generated tickets
// received over the year to 2026-11-23, loaded and clustered by the
// project's own gen, load and cluster code (a full run over the year,
// then the surge flags). It is built once into the user's cache folder
// (leian-bench/serve-N.duckdb), through a temporary name so an interrupted
// build leaves nothing half made; the benchmark skips, saying why, when it
// cannot be built.
func benchDB(b *testing.B) string {
	b.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		b.Skipf("no cache folder for the benchmark database: %v", err)
	}
	dir := filepath.Join(cache, "leian-bench")
	path := filepath.Join(dir, fmt.Sprintf("serve-%d.duckdb", benchRows()))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Skipf("cannot make %s: %v", dir, err)
	}
	b.Logf("building %s (once; minutes for a million tickets)", path)
	tmp := path + ".building"
	os.Remove(tmp)
	if err := buildBenchDB(tmp, benchRows()); err != nil {
		os.Remove(tmp)
		b.Skipf("cannot build the benchmark database %s: %v", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Skipf("cannot keep the benchmark database: %v", err)
	}
	return path
}

func buildBenchDB(path string, rows int) error {
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{Migrations: queries.FS})
	if err != nil {
		return err
	}
	defer db.Close()
	end := time.Date(2026, 11, 23, 0, 0, 0, 0, ticket.Zone)
	start := end.AddDate(0, 0, -364)
	csv := path + ".csv"
	for _, p := range []string{csv, path + ".truth.csv", path + ".surges.csv"} { // gen writes the truth beside
		defer os.Remove(p)
	}
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 7, Start: start, Days: 364}, gen.Output{Path: csv}); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(ctx, csv); err != nil {
		return err
	}
	seg, err := text.LoadGSE()
	if err != nil {
		return err
	}
	eng := &cluster.Engine{DB: db, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: log}
	if _, err := eng.Run(ctx, start, end); err != nil {
		return err
	}
	_, err = eng.Surges(ctx, queries.FS)
	return err
}

// benchServer is a console on the benchmark database with an archive of
// a year of reports (see writeArchive) and users: a city analyst and one
// user of each of the busiest departments.
type benchServer struct {
	s       *Server
	h       http.Handler
	depts   []string
	cluster int64 // the largest cluster
}

func newBenchServer(b *testing.B, depts int, noCache bool) *benchServer {
	b.Helper()
	path := benchDB(b)
	ctx := context.Background()
	d, err := store.Open(ctx, path, store.Options{ReadOnly: true, NoFiles: true, Migrations: queries.FS})
	if err != nil {
		b.Fatal(err)
	}
	bs := &benchServer{}
	rows, err := d.QueryContext(ctx, "SELECT department FROM tickets WHERE department IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?", depts)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var dep string
		if err := rows.Scan(&dep); err != nil {
			b.Fatal(err)
		}
		bs.depts = append(bs.depts, dep)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	rows.Close()
	if err := d.QueryRowContext(ctx, "SELECT cluster_id FROM clusters WHERE status = 'active' ORDER BY size DESC, cluster_id LIMIT 1").Scan(&bs.cluster); err != nil {
		b.Fatal(err)
	}
	if err := d.Close(); err != nil {
		b.Fatal(err)
	}
	reports := b.TempDir()
	writeArchive(b, reports, bs.depts)
	s, err := New(Config{DB: path, Reports: reports, Users: benchUsers(b, bs.depts), NoCache: noCache})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	bs.s, bs.h = s, s.Handler()
	return bs
}

// benchUsers are sessions need no users file: the benchmark starts them
// directly; a non-nil Users makes the console answer any host name.
func benchUsers(b *testing.B, _ []string) *Users {
	b.Helper()
	return &Users{byName: map[string]User{}}
}

// writeArchive writes a year of report files as the reports package names
// them: 52 weeks of 15 packs (the city, 9 departments, 5 districts) and 12
// monthly briefings, each as HTML, Markdown and XLSX: 2,376 files. Their
// content does not matter to the archive, which reads names only.
func writeArchive(b *testing.B, dir string, depts []string) {
	b.Helper()
	packs := []string{"city"}
	for i := 0; i < 9 && i < len(depts); i++ {
		packs = append(packs, "department-"+scopeFile(depts[i]))
	}
	for _, d := range []string{"江南区", "江北区", "城东区", "城西区", "南湖区"} {
		packs = append(packs, "district-"+d)
	}
	week := time.Date(2025, 11, 24, 0, 0, 0, 0, ticket.Zone)
	var paths []string
	for w := 0; w < 52; w++ {
		for _, p := range packs {
			paths = append(paths, "weekly/"+ticket.WeekName(week.AddDate(0, 0, 7*w))+"/"+p)
		}
	}
	for m := 0; m < 12; m++ {
		paths = append(paths, "monthly/"+ticket.MonthName(week.AddDate(0, m+1, 0))+"/briefing")
	}
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			b.Fatal(err)
		}
		for _, ext := range []string{".html", ".md", ".xlsx"} {
			if err := os.WriteFile(filepath.Join(dir, p+ext), []byte("<title>"+p+"</title>"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// get answers one GET of target as the session id, server side (no
// network), and fails the benchmark on any status but 200.
func (bs *benchServer) get(b *testing.B, sid, target string) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sid})
	rec := httptest.NewRecorder()
	bs.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body.String())
	}
}

func (bs *benchServer) session(role Role) string {
	id, _ := bs.s.sessions.start("bench", role, time.Now())
	return id
}

// benchPage times one page, server side, after a first request that opens
// the database and warms DuckDB's caches (its time is reported as
// first_ms). Goal for the overview and the cluster page on a 1M-ticket
// database: at most 150 ms each.
func benchPage(b *testing.B, bs *benchServer, role Role, target string) {
	sid := bs.session(role)
	t0 := time.Now()
	bs.get(b, sid, target)
	first := time.Since(t0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bs.get(b, sid, target)
	}
	b.StopTimer()
	b.ReportMetric(float64(first.Milliseconds()), "first_ms")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
}

// benchRoles runs bench for the city and a department user, each on a
// console without the result cache (every page reads the database: the
// first view of a page after a night's load) and with it (a page seen
// before, as in a meeting).
func benchRoles(b *testing.B, target func(bs *benchServer) string) {
	for _, mode := range []struct {
		name    string
		noCache bool
	}{{"uncached", true}, {"cached", false}} {
		bs := newBenchServer(b, 10, mode.noCache)
		b.Run("city/"+mode.name, func(b *testing.B) { benchPage(b, bs, Role{Kind: ticket.ScopeCity}, target(bs)) })
		b.Run("department/"+mode.name, func(b *testing.B) {
			benchPage(b, bs, Role{Kind: ticket.ScopeDepartment, Value: bs.depts[0]}, target(bs))
		})
	}
}

// BenchmarkServeOverview: the overview. Goal on 1M tickets: <= 150 ms.
func BenchmarkServeOverview(b *testing.B) {
	benchRoles(b, func(*benchServer) string { return "/" })
}

// BenchmarkServeCluster: the page of the largest cluster (about 5% of
// all tickets). Goal on 1M tickets: <= 150 ms.
func BenchmarkServeCluster(b *testing.B) {
	benchRoles(b, func(bs *benchServer) string { return "/clusters/" + strconv.FormatInt(bs.cluster, 10) })
}

// BenchmarkServeArchive lists a year of reports (2,376 files) with a
// filter. Goal: at most 100 ms.
func BenchmarkServeArchive(b *testing.B) {
	bs := newBenchServer(b, 10, true)
	q := url.Values{"kind": {"weekly"}, "scope": {"department"}, "q": {bs.depts[1]}}.Encode()
	b.Run("city", func(b *testing.B) { benchPage(b, bs, Role{Kind: ticket.ScopeCity}, "/archive?"+q) })
	b.Run("department", func(b *testing.B) {
		benchPage(b, bs, Role{Kind: ticket.ScopeDepartment, Value: bs.depts[0]}, "/archive?period=2026")
	})
}

// BenchmarkServeConcurrent is 50 department users (5 of each of the 10
// busiest departments) browsing at once over HTTP, each opening the
// overview, the archive, the cluster list, the top cluster of its
// overview, that cluster's second page of members and the overview again.
// The console has prewarmed its cache for the data, as leian serve does
// at start and after each night's change (Server.Watch); the second pages
// are not prewarmed. Goal: no error, p95 at most 300 ms. Reports the p50,
// p95 and maximum latency of all requests and the prewarm's seconds.
func BenchmarkServeConcurrent(b *testing.B) {
	const users = 50
	bs := newBenchServer(b, 10, false)
	t0 := time.Now()
	if err := bs.s.Prewarm(context.Background()); err != nil {
		b.Fatal(err)
	}
	prewarm := time.Since(t0)
	srv := httptest.NewServer(bs.h)
	defer srv.Close()
	cl := srv.Client()
	cl.Transport.(*http.Transport).MaxIdleConnsPerHost = users
	sids := make([]string, users)
	pages := make([][]string, users)
	for i := range sids {
		sids[i] = bs.session(Role{Kind: ticket.ScopeDepartment, Value: bs.depts[i%len(bs.depts)]})
		c := bs.topCluster(b, sids[i])
		pages[i] = []string{"/", "/archive?period=2026", "/clusters", "/clusters/" + c, "/clusters/" + c + "?page=2", "/"}
	}
	var lat []time.Duration
	var errs []string
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l, e := browse(cl, srv.URL, sids, pages)
		lat, errs = append(lat, l...), append(errs, e...)
	}
	b.StopTimer()
	if len(errs) > 0 {
		b.Fatalf("%d errors, first: %s", len(errs), errs[0])
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50_ms")
	b.ReportMetric(q(0.95), "p95_ms")
	b.ReportMetric(q(1), "max_ms")
	b.ReportMetric(float64(len(lat)), "requests")
	b.ReportMetric(prewarm.Seconds(), "prewarm_s")
}

var clusterLink = regexp.MustCompile(`href="/clusters/([0-9]+)"`)

// topCluster is the first cluster of the overview of the session sid.
func (bs *benchServer) topCluster(b *testing.B, sid string) string {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sid})
	rec := httptest.NewRecorder()
	bs.h.ServeHTTP(rec, req)
	m := clusterLink.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil {
		b.Fatalf("overview: %d, no cluster link", rec.Code)
	}
	return m[1]
}

// browse runs every user's pages at once (each user's in order) and
// returns every request's latency and the errors.
func browse(cl *http.Client, base string, sids []string, pages [][]string) ([]time.Duration, []string) {
	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	var wg sync.WaitGroup
	for i, sid := range sids {
		wg.Go(func() {
			for _, p := range pages[i] {
				t0 := time.Now()
				err := fetchPage(cl, base+p, sid)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					errs = append(errs, err.Error())
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return lat, errs
}

func fetchPage(cl *http.Client, u, sid string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sid})
	resp, err := cl.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "</html>") {
		return fmt.Errorf("GET %s: %d", u, resp.StatusCode)
	}
	return nil
}

// BenchmarkServeOpen is what a lease costs: opening the 1M-ticket database
// read-only with file access off, one query, closing it.
func BenchmarkServeOpen(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := store.Open(ctx, path, store.Options{ReadOnly: true, NoFiles: true, Migrations: queries.FS})
		if err != nil {
			b.Fatal(err)
		}
		var n int64
		if err := d.QueryRowContext(ctx, "SELECT count(*) FROM clusters").Scan(&n); err != nil {
			b.Fatal(err)
		}
		if err := d.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
