package serve

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// TestUsersFile adds users, replaces one, and checks passwords, roles, the
// file's mode and that it holds no password.
func TestUsersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.json")
	dept, _ := ParseRole("department:住建委")
	city, _ := ParseRole("city")
	if err := AddUser(path, "wang", dept, "pw-1"); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "li", city, "pw-2"); err != nil {
		t.Fatal(err)
	}
	if err := AddUser(path, "wang", dept, "pw-3"); err != nil { // new password
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v (%v); want 0600", st.Mode().Perm(), err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "pw-") || strings.Index(string(b), `"li"`) > strings.Index(string(b), `"wang"`) {
		t.Errorf("users file holds a password or is not sorted:\n%s", b)
	}
	us, err := ReadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, pw string
		want     Role
		err      error
	}{
		{"wang", "pw-3", dept, nil}, {"li", "pw-2", city, nil},
		{"wang", "pw-1", Role{}, ErrNoUser}, {"nobody", "pw-2", Role{}, ErrNoUser}, {"li", "", Role{}, ErrNoUser},
	} {
		got, err := us.Check(tc.name, tc.pw)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Check(%s, %s) = %v, %v; want %v, %v", tc.name, tc.pw, got, err, tc.want, tc.err)
		}
	}
	for _, bad := range []string{"", "department:", "district", "mayor:x", "city:x"} {
		if _, err := ParseRole(bad); !errors.Is(err, ErrBadRole) {
			t.Errorf("ParseRole(%q) = %v; want ErrBadRole", bad, err)
		}
	}
	if err := AddUser(path, "with space", city, "x"); err == nil {
		t.Error("a name with a space was accepted")
	}
	if err := os.WriteFile(path, []byte(`{"users":[{"name":"x","role":"king","hash":"h"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadUsers(path); !errors.Is(err, ErrBadRole) {
		t.Errorf("ReadUsers with a bad role: %v", err)
	}
}

// TestCacheFollowsTheFile checks cached results last while the file is
// unchanged and are dropped when it changes.
func TestCacheFollowsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	if err := os.WriteFile(path, []byte("v1"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newResultCache(path)
	runs := 0
	f := func() (*analysis.Table, error) { runs++; return &analysis.Table{}, nil }
	for i := 0; i < 3; i++ {
		c.check()
		if _, err := c.get("k", f); err != nil {
			t.Fatal(err)
		}
	}
	if runs != 1 {
		t.Errorf("%d runs for one unchanged file; want 1", runs)
	}
	if err := os.WriteFile(path, []byte("version 2"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.check()
	if _, err := c.get("k", f); err != nil || runs != 2 {
		t.Errorf("after the file changed: %d runs (%v); want 2", runs, err)
	}
}

// TestPrewarm checks that after Prewarm a department's overview, cluster
// list and top cluster are answered without running a statement.
func TestPrewarm(t *testing.T) {
	c := newConsole(t, true, nil)
	if err := c.s.Prewarm(context.Background()); err != nil {
		t.Fatal(err)
	}
	cl := c.client(t)
	cl.login("dep", deptPW) // opens the overview
	page := cl.get("/").Body.String()
	top := regexp.MustCompile(`href="/clusters/([0-9]+)"`).FindStringSubmatch(page)
	if top == nil {
		t.Fatal("no cluster on the overview")
	}
	c.s.cache.mu.Lock()
	before := c.s.cache.misses
	c.s.cache.mu.Unlock()
	for _, target := range []string{"/", "/clusters", "/clusters/" + top[1]} {
		if rec := cl.get(target); rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", target, rec.Code)
		}
	}
	c.s.cache.mu.Lock()
	defer c.s.cache.mu.Unlock()
	if c.s.cache.misses != before {
		t.Errorf("%d statements run after Prewarm; want 0", c.s.cache.misses-before)
	}
}

// leasedLargest leases the console's database for the rest of the test
// and returns it with the id of the largest active cluster.
func (c *console) leasedLargest(t *testing.T) (context.Context, *store.DB, int64) {
	t.Helper()
	ctx := context.Background()
	d, release, err := c.s.db.acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(release)
	return ctx, d, c.largestClusterID(t)
}

// TestMemberPagesAgree checks the two ways to read a page of members, the
// kept order of ids (pages up to memberIDs) and the offset query (pages
// after it), give the same tickets in the same order.
func TestMemberPagesAgree(t *testing.T) {
	c := newConsole(t, true, nil)
	ctx, d, id := c.leasedLargest(t)
	for _, role := range []Role{{Kind: "city"}, {Kind: "department", Value: c.td.dept}} {
		for pg := 1; pg <= 3; pg++ {
			off := (pg - 1) * membersPage
			kept, err := c.s.memberPage(ctx, d, role.args(), id, off)
			if err != nil {
				t.Fatal(err)
			}
			offset, err := queryAs[ticketLine](ctx, c.s.q(d), "serve_cluster_members", append(role.args(), id, membersPage, off)...)
			if err != nil {
				t.Fatal(err)
			}
			if len(kept) != len(offset) || role.City() && len(kept) != membersPage {
				t.Fatalf("%v page %d: %d and %d rows", role, pg, len(kept), len(offset))
			}
			for i := range kept {
				if kept[i].ID != offset[i].ID || kept[i].Content != offset[i].Content {
					t.Errorf("%v page %d row %d: %s and %s", role, pg, i, kept[i].ID, offset[i].ID)
				}
			}
		}
	}
}

// TestWeeklyCountsAgree checks the weeks the console counts in epoch
// steps against the analysts' view v_cluster_weekly (ISO weeks by the
// calendar): the cluster trend and the overview's top clusters.
func TestWeeklyCountsAgree(t *testing.T) {
	c := newConsole(t, true, nil)
	ctx, d, id := c.leasedLargest(t)
	city := Role{Kind: ticket.ScopeCity}
	var cd clusterData
	if err := c.s.fillTrend(ctx, d, city.args(), id, &cd); err != nil {
		t.Fatal(err)
	}
	var o overviewData
	if err := c.s.fillOverview(ctx, d, city, &o); err != nil {
		t.Fatal(err)
	}
	want := func(cluster int64, week string) int64 {
		return dbValue[int64](t, c.td, "SELECT coalesce(max(events), 0) FROM v_cluster_weekly WHERE cluster_id = ? AND week = ?", cluster, week)
	}
	nonzero := 0
	for _, w := range cd.Trend {
		if got := want(id, w.Week); w.Events != got {
			t.Errorf("cluster %d week %s: %d events; v_cluster_weekly %d", id, w.Week, w.Events, got)
		}
		if w.Events > 0 {
			nonzero++
		}
	}
	if nonzero < 3 {
		t.Errorf("only %d weeks with events; the check proves little", nonzero)
	}
	if len(o.Top) == 0 {
		t.Fatal("no top clusters")
	}
	for _, tc := range o.Top {
		if got := want(tc.ID, o.Week); tc.Events != got || tc.Weekly[7] != got {
			t.Errorf("top cluster %d in %s: %d events (sparkline %d); v_cluster_weekly %d", tc.ID, o.Week, tc.Events, tc.Weekly[7], got)
		}
	}
}
