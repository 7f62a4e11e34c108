package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gov495 is a real city message-board export (../shared/data/README.md):
// no department, no district, no channel, bodies padded with tabs and
// newlines. testdata/gov495-map.json maps its headers to ticket fields.
const gov495 = "../../../shared/data/gov495.xlsx"

var cellRE = regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)

// TestReportsOfARealExport does what a new user does with a real export:
// load it with a mapping, cluster it, write the weekly packs of two weeks
// of 2019 (report weekly and the weekly job) and the monthly briefing, and
// reads them.
func TestReportsOfARealExport(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and clusters a real export")
	}
	if _, err := os.Stat(gov495); err != nil {
		t.Skipf("real export absent (%v): clone the project beside ../shared to run this test", err)
	}
	dir := t.TempDir()
	db, out := filepath.Join(dir, "g.duckdb"), filepath.Join(dir, "reports")
	for _, args := range [][]string{
		{"load", "--db", db, "--map", filepath.Join("testdata", "gov495-map.json"), gov495},
		{"cluster", "--db", db, "--from", "2011-01-01", "--to", "2020-02-01"},
		{"report", "weekly", "--db", db, "--week", "2019-W46", "--out", out},
		{"report", "weekly", "--db", db, "--week", "2019-W47", "--out", out},
		{"report", "monthly", "--db", db, "--month", "2019-11", "--out", out},
	} {
		if _, stderr, code := run(t, args...); code != 0 {
			t.Fatalf("leian %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	// Issue 10: on real letters, k from the data gives 10-80 clusters and
	// none holds more than a fifth of the tickets (the first version made
	// one cluster of 97%).
	got, _, _ := run(t, "sql", "--db", db, "--format", "csv",
		"SELECT count(*) BETWEEN 10 AND 80 AND max(size) <= 0.2 * 494 AS ok FROM clusters WHERE status = 'active'")
	if got != "ok\ntrue\n" {
		out, _, _ := run(t, "sql", "--db", db, "SELECT name, size FROM clusters WHERE status = 'active' ORDER BY size DESC")
		t.Errorf("clusters of gov495: want 10-80, none over a fifth; got\n%s", out)
	}
	// The stored text stays as read: the bodies keep their tabs.
	got, _, _ = run(t, "sql", "--db", db, "--format", "csv", "SELECT count(*) > 100 AS padded FROM tickets WHERE content LIKE '%'||chr(9)||'%'")
	if got != "padded\ntrue\n" {
		t.Errorf("tickets with tabs in their stored content: got %q; want more than 100", got)
	}
	for week, want := range map[string][]string{
		"2019-W46": {"category-劳动和社会保障", "city"},
		"2019-W47": {"category-交通运输", "category-商贸旅游", "category-城乡建设", "category-教育文体", "city"},
	} {
		if got := packs(t, out, week); !cmp.Equal(got, want) {
			t.Errorf("%s packs: got %v; want %v", week, got, want)
		}
	}
	checkRealPack(t, filepath.Join(out, "weekly", "2019-W47", "city"), "全市 每周类案研讨（2019-W47）", "本数据无派单时间字段，派单时限从略。")
	checkRealPack(t, filepath.Join(out, "weekly", "2019-W47", "category-城乡建设"), "问题大类「城乡建设」 每周类案研讨", "本数据无街道与地址字段，集中区域从略。")
	checkRealPack(t, filepath.Join(out, "monthly", "2019-11", "briefing"), "市长月度专题汇报（2019年11月）", "本数据无承办单位字段，派单指标从略。")
	idx, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(idx), `href="weekly/2019-W46/city.html"`) {
		t.Errorf("index.html (%v) does not link the city-wide pack of 2019-W46", err)
	}

	// The weekly job writes the same packs (it re-clusters, so the clusters
	// may differ, not the scopes).
	jobOut := filepath.Join(dir, "job")
	if _, stderr, code := run(t, "weekly", "--db", db, "--week", "2019-W47", "--out", jobOut); code != 0 {
		t.Fatalf("leian weekly: exit %d\n%s", code, stderr)
	}
	if got, want := packs(t, jobOut, "2019-W47"), packs(t, out, "2019-W47"); !cmp.Equal(got, want) {
		t.Errorf("weekly job packs: got %v; want those of report weekly %v", got, want)
	}
}

// packs lists the weekly packs of a week under root, by file name.
func packs(t *testing.T, root, week string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(root, "weekly", week, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range m {
		names = append(names, strings.TrimSuffix(filepath.Base(p), ".md"))
	}
	return names
}

// checkRealPack reads a report's Markdown and HTML: its title and a line
// it must say, nothing named 全部, no OS error, no tab in the Markdown and
// no tab or line break inside any table cell of the page (excerpts, names;
// sparklines, which are SVG, aside).
func checkRealPack(t *testing.T, base, title, says string) {
	t.Helper()
	md, err := os.ReadFile(base + ".md")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(base + ".html")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{title, says} {
		if !strings.Contains(string(md), want) {
			t.Errorf("%s.md does not say %q", filepath.Base(base), want)
		}
	}
	// Citizens write 全部 too: what must not appear is a value, a table
	// cell or a chart label, named 全部.
	for _, bad := range []string{"| 全部 |", "\t", "no such file"} {
		if strings.Contains(string(md), bad) {
			t.Errorf("%s.md shows %q", filepath.Base(base), bad)
		}
	}
	for _, bad := range []string{">全部<", "no such file"} {
		if strings.Contains(string(page), bad) {
			t.Errorf("%s.html shows %q", filepath.Base(base), bad)
		}
	}
	cells := cellRE.FindAllStringSubmatch(string(page), -1)
	if len(cells) == 0 {
		t.Errorf("%s.html has no table cells: nothing to check", filepath.Base(base))
	}
	for _, c := range cells {
		if strings.ContainsAny(c[1], "\t\n\r") && !strings.Contains(c[1], "<svg") {
			t.Errorf("%s.html: a cell keeps white space: %q", filepath.Base(base), c[1])
		}
	}
}
