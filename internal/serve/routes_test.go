package serve

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/leian/leian/queries"
)

func (c *console) largestCluster(t *testing.T) string {
	return strconv.FormatInt(c.largestClusterID(t), 10)
}

// largestClusterID is the id of the largest active cluster.
func (c *console) largestClusterID(t *testing.T) int64 {
	return dbValue[int64](t, c.td, "SELECT cluster_id FROM clusters WHERE status = 'active' ORDER BY size DESC, cluster_id LIMIT 1")
}

// ticketOf returns a clustered ticket of department dept.
func (c *console) ticketOf(t *testing.T, dept string) string {
	return dbValue[string](t, c.td, "SELECT min(ticket_id) FROM tickets JOIN cluster_members USING (ticket_id) WHERE department = ? AND cluster_id IS NOT NULL", dept)
}

// TestRoutesCity opens every page as the city role and checks each shows
// what it is for.
func TestRoutesCity(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	cl.login("ana", cityPW)
	cid, tid := c.largestCluster(t), c.ticketOf(t, c.td.dept)
	for _, tc := range []struct{ target, want string }{
		{"/", "本周高频类案"},
		{"/archive", "每周类案研讨 · 全市"},
		{"/archive?kind=monthly", "市长月度专题汇报 · 全市"},
		{"/archive?scope=department&q=" + url.QueryEscape(c.td.dept), "每周类案研讨 · " + c.td.dept},
		{"/reports/index.html", "<html"},
		{"/reports/weekly/" + fixtureWeek + "/city.html", "<html"},
		{"/reports/weekly/" + fixtureWeek + "/city.md", "#"},
		{"/reports/monthly/2026-02/briefing.html", "<html"},
		{"/clusters", "关键词"},
		{"/clusters?q=" + url.QueryEscape("噪音"), "类案"},
		{"/clusters/" + cid, `<svg class="chart"`},
		{"/clusters/" + cid + "?page=2", "第 2/"},
		{"/tickets/" + tid, "诉求内容"},
		{"/similar", "相似案件"},
		{"/similar?ticket=" + tid, "相似度"},
		{"/similar?text=" + url.QueryEscape("小区门口井盖丢失"), "相似度"},
		{"/sql", "three_rates"},
		{"/sql?saved=volume", `name="p_period_from"`},
		{"/static/style.css", "@media print"},
	} {
		rec := cl.get(tc.target)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("GET %s: %d, want 200 with %q; got\n%.400s", tc.target, rec.Code, tc.want, rec.Body.String())
		}
	}
	for _, target := range []string{"/clusters/99999999", "/clusters/abc", "/tickets/GD000", "/reports/weekly/none.html", "/sql?saved=serve_ticket", "/nope"} {
		if rec := cl.get(target); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d; want 404", target, rec.Code)
		}
	}
}

// TestSQLSavedAndDownloads runs a saved query with its parameters as a
// form and downloads its result as CSV, XLSX and Parquet.
func TestSQLSavedAndDownloads(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	tok := cl.login("ana", cityPW)
	form := url.Values{"csrf": {tok}, "saved": {"volume"}, "p_period_from": {"2026-02-01"}, "p_period_to": {"2026-03-01"}}
	page := cl.get("/sql?saved=volume").Body.String()
	for _, name := range variables(string(mustRead(t, "volume.sql"))) {
		if !strings.Contains(page, `name="p_`+name+`"`) {
			t.Errorf("form of volume lacks parameter %s", name)
		}
		if form.Get("p_"+name) == "" {
			form.Set("p_"+name, "2026-02-01")
		}
	}
	rec := cl.do(http.MethodPost, "/sql", form)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<th>") || strings.Contains(rec.Body.String(), `class="error"`) {
		t.Fatalf("POST /sql volume: %d\n%.1500s", rec.Code, rec.Body.String())
	}
	form.Set("format", "csv")
	rec = cl.do(http.MethodPost, "/sql/download", form)
	if !strings.HasPrefix(rec.Body.String(), "\ufeff") {
		t.Error("CSV download without the byte-order mark Excel needs for UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(rec.Body.String(), "\ufeff"))).ReadAll()
	if rec.Code != http.StatusOK || err != nil || len(rows) < 2 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Errorf("CSV download: %d %v, %d rows", rec.Code, err, len(rows))
	}
	form.Set("format", "xlsx")
	rec = cl.do(http.MethodPost, "/sql/download", form)
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("XLSX download: %d %v", rec.Code, err)
	}
	xrows, err := x.GetRows("Sheet1")
	if err != nil || len(xrows) != len(rows) || xrows[0][0] != rows[0][0] {
		t.Errorf("XLSX rows %d (%v); want %d as the CSV", len(xrows), err, len(rows))
	}
	form.Set("format", "parquet")
	rec = cl.do(http.MethodPost, "/sql/download", form)
	if b := rec.Body.Bytes(); rec.Code != http.StatusOK || !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
		t.Errorf("Parquet download: %d, %d bytes without the PAR1 magic", rec.Code, len(b))
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(queries.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var overviewWeek = regexp.MustCompile(`本周工单</div><div class="v">([0-9,]+)<`)

// TestDepartmentSeesOnlyItsOwn logs in as a department and checks every
// ticket any page shows or links is the department's, that its figures
// are its own, and that everything else is refused with a logged 403.
func TestDepartmentSeesOnlyItsOwn(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	tok := cl.login("dep", deptPW)
	cid := c.largestCluster(t)
	var shown []string
	for _, target := range []string{"/", "/clusters", "/clusters/" + cid, "/clusters/" + cid + "?page=2", "/clusters/" + cid + "?page=3",
		"/similar?text=" + url.QueryEscape("小区门口井盖丢失"), "/similar?ticket=" + c.ticketOf(t, c.td.dept)} {
		rec := cl.get(target)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", target, rec.Code)
		}
		shown = append(shown, linkedTickets(rec.Body.String())...)
	}
	if len(shown) == 0 {
		t.Fatal("no ticket shown at all; the test would prove nothing")
	}
	for id, where := range ticketsOf(t, c.td, shown) {
		if where[0] != c.td.dept {
			t.Errorf("ticket %s of %s shown to %s", id, where[0], c.td.dept)
		}
	}
	week := dbValue[int64](t, c.td, "SELECT count(*) FROM tickets WHERE department = ? AND strftime(received_at, '%G-W%V') = (SELECT strftime(max(received_at), '%G-W%V') FROM tickets)", c.td.dept)
	if m := overviewWeek.FindStringSubmatch(cl.get("/").Body.String()); m == nil || strings.ReplaceAll(m[1], ",", "") != strconv.FormatInt(week, 10) {
		t.Errorf("overview week tickets %v; want %d, the department's own", m, week)
	}
	archive := cl.get("/archive").Body.String()
	links := regexp.MustCompile(`href="/reports/([^"]+)"`).FindAllStringSubmatch(archive, -1)
	if len(links) == 0 {
		t.Error("archive lists none of the department's packs")
	}
	for _, l := range links {
		if p, err := url.PathUnescape(l[1]); err != nil || !strings.Contains(p, "department-"+scopeFile(c.td.dept)+".") {
			t.Errorf("archive links %s for %s", l[1], c.td.dept)
		}
	}
	own := "/reports/weekly/" + fixtureWeek + "/department-" + url.PathEscape(scopeFile(c.td.dept))
	other := "/reports/weekly/" + fixtureWeek + "/department-" + url.PathEscape(scopeFile(c.td.other))
	for _, target := range []string{own + ".html", own + ".md", own + ".xlsx"} {
		if rec := cl.get(target); rec.Code != http.StatusOK {
			t.Errorf("GET own %s: %d", target, rec.Code)
		}
	}
	denied := []string{other + ".html", other + ".xlsx", other + ".md", "/reports/weekly/" + fixtureWeek + "/city.html",
		"/reports/monthly/2026-02/briefing.html", "/reports/index.html", "/reports/", "/tickets/" + c.ticketOf(t, c.td.other),
		"/similar?ticket=" + c.ticketOf(t, c.td.other), "/sql", "/sql?saved=volume"}
	for _, target := range denied {
		rec := cl.get(target)
		if rec.Code != http.StatusForbidden || len(linkedTickets(rec.Body.String())) > 0 {
			t.Errorf("GET %s as %s: %d; want 403", target, c.td.dept, rec.Code)
		}
	}
	for _, target := range []string{"/sql", "/sql/download"} {
		rec := cl.do(http.MethodPost, target, url.Values{"csrf": {tok}, "query": {"SELECT * FROM tickets"}, "format": {"csv"}})
		if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "GD") {
			t.Errorf("POST %s as department: %d; want 403", target, rec.Code)
		}
	}
	if n := strings.Count(c.log.String(), "msg=denied"); n != len(denied)+2 {
		t.Errorf("%d denials logged; want %d", n, len(denied)+2)
	}
}

// TestDistrictSeesOnlyItsOwn checks the district role the same way on the
// cluster pages.
func TestDistrictSeesOnlyItsOwn(t *testing.T) {
	c := newConsole(t, true, nil)
	cl := c.client(t)
	cl.login("dis", deptPW)
	cid := c.largestCluster(t)
	var shown []string
	for _, target := range []string{"/clusters/" + cid, "/clusters/" + cid + "?page=2"} {
		shown = append(shown, linkedTickets(cl.get(target).Body.String())...)
	}
	if len(shown) == 0 {
		t.Fatal("no ticket shown")
	}
	for id, where := range ticketsOf(t, c.td, shown) {
		if where[1] != c.td.district {
			t.Errorf("ticket %s of district %s shown to %s", id, where[1], c.td.district)
		}
	}
}
