package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/ticket"
)

// archiveLimit is how many reports the archive lists at once; a filter
// narrows the rest (a year is about 2,400 files, 800 reports).
const archiveLimit = 300

// report is one written report: its HTML and, when written, its Markdown
// and XLSX beside it.
type report struct {
	Kind       string // weekly or monthly
	Period     string // 2026-W47 or 2026-11
	Scope      ticket.ScopeKind
	ScopeValue string    // as in the file name (reports.Scope's file)
	HTML       string    // path under the reports folder
	MD, XLSX   string    // "" when missing
	end        time.Time // end of the period, for sorting; zero for a folder not named as a period
}

// Title is the report's name in Chinese.
func (r report) Title() string {
	kind := map[string]string{"weekly": "每周类案研讨", "monthly": "市长月度专题汇报"}[r.Kind]
	switch r.Scope {
	case ticket.ScopeDepartment, ticket.ScopeDistrict:
		return kind + " · " + r.ScopeValue
	case ticket.ScopeCategory:
		return kind + " · 问题大类「" + r.ScopeValue + "」"
	}
	return kind + " · 全市"
}

// ScopeLabel is the scope kind in Chinese.
func (r report) ScopeLabel() string {
	return map[ticket.ScopeKind]string{ticket.ScopeCity: "全市", ticket.ScopeDepartment: "承办单位",
		ticket.ScopeDistrict: "区", ticket.ScopeCategory: "问题大类"}[r.Scope]
}

// archiveFilter is the archive page's form.
type archiveFilter struct {
	Kind   string // weekly, monthly or "" for both
	Period string // a prefix of the period: 2026, 2026-W4, 2026-11
	Scope  string // city, department, district, category or ""
	Q      string // text in the scope's name or the period
}

func (f archiveFilter) keep(r report) bool {
	return (f.Kind == "" || r.Kind == f.Kind) &&
		strings.HasPrefix(r.Period, f.Period) &&
		(f.Scope == "" || string(r.Scope) == f.Scope) &&
		(f.Q == "" || strings.Contains(r.ScopeValue, f.Q) || strings.Contains(r.Period, f.Q) || strings.Contains(r.Title(), f.Q))
}

type archiveData struct {
	Filter  archiveFilter
	Reports []report
	Total   int // matching reports, of which the first archiveLimit are listed
	All     int // reports the user may open
}

// archivePage lists the reports the user may open, filtered.
func (s *Server) archivePage(w http.ResponseWriter, r *http.Request) error {
	f := archiveFilter{Kind: trimForm(r, "kind"), Period: trimForm(r, "period"), Scope: trimForm(r, "scope"), Q: trimForm(r, "q")}
	d, err := s.archiveList(sessionOf(r).role, f)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "archive", "报告库", d)
	return nil
}

// archiveList reads the reports folder (weekly/PERIOD/*.html and
// monthly/PERIOD/*.html) and keeps those role may open that pass f;
// newest period first, monthly before weekly, the city first, then by
// file name.
func (s *Server) archiveList(role Role, f archiveFilter) (archiveData, error) {
	all, err := s.archive.reports(s.reports.FS())
	if err != nil {
		return archiveData{}, err
	}
	d := archiveData{Filter: f}
	for _, rep := range all {
		if !mayOpen(role, rep.HTML) {
			continue
		}
		d.All++
		if !f.keep(rep) {
			continue
		}
		d.Total++
		if len(d.Reports) < archiveLimit {
			d.Reports = append(d.Reports, rep)
		}
	}
	return d, nil
}

// archiveCache keeps the sorted list of reports while the folders they are
// in are unchanged (the jobs add reports once a week and once a month):
// listing a year's 2,400 files takes tens of milliseconds, checking the
// folders' modification times well under one. Safe for concurrent use.
type archiveCache struct {
	mu      sync.Mutex
	version string
	list    []report
}

// reports returns every report under fsys, newest period first, monthly
// before weekly, the city first, then by file name.
func (c *archiveCache) reports(fsys fs.FS) ([]report, error) {
	v, err := foldersVersion(fsys)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v == c.version && c.list != nil {
		return c.list, nil
	}
	var all []report
	for _, kind := range []string{"monthly", "weekly"} {
		rs, err := readReports(fsys, kind)
		if err != nil {
			return nil, err
		}
		all = append(all, rs...)
	}
	sort.SliceStable(all, func(i, j int) bool { return reportBefore(all[i], all[j]) })
	c.version, c.list = v, all
	return all, nil
}

func reportBefore(a, b report) bool {
	switch {
	case !a.end.Equal(b.end):
		return a.end.After(b.end)
	case a.Kind != b.Kind:
		return a.Kind == "monthly"
	case (a.Scope == ticket.ScopeCity) != (b.Scope == ticket.ScopeCity):
		return a.Scope == ticket.ScopeCity
	}
	return a.HTML < b.HTML
}

// foldersVersion is the names and modification times of the period
// folders under weekly/ and monthly/: a report written or removed changes
// its folder's time.
func foldersVersion(fsys fs.FS) (string, error) {
	var b strings.Builder
	for _, kind := range []string{"monthly", "weekly"} {
		periods, err := fs.ReadDir(fsys, kind)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		for _, p := range periods {
			info, err := p.Info()
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&b, "%s/%s@%d;", kind, p.Name(), info.ModTime().UnixNano())
		}
	}
	return b.String(), nil
}

// readReports lists kind/PERIOD/NAME.html under fsys with the .md and
// .xlsx beside each; a missing kind folder is no reports.
func readReports(fsys fs.FS, kind string) ([]report, error) {
	periods, err := fs.ReadDir(fsys, kind)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []report
	for _, p := range periods {
		if !p.IsDir() {
			continue
		}
		files, err := fs.ReadDir(fsys, kind+"/"+p.Name())
		if err != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, f := range files {
			have[f.Name()] = true
		}
		for _, f := range files {
			base, ok := strings.CutSuffix(f.Name(), ".html")
			if !ok || f.IsDir() {
				continue
			}
			out = append(out, newReport(kind, p.Name(), base, have))
		}
	}
	return out, nil
}

func newReport(kind, period, base string, have map[string]bool) report {
	dir := kind + "/" + period + "/"
	r := report{Kind: kind, Period: period, Scope: ticket.ScopeCity, HTML: dir + base + ".html"}
	bounds := ticket.WeekBounds
	if kind == "monthly" {
		bounds = ticket.MonthBounds
	}
	if _, end, err := bounds(period, ticket.Zone); err == nil {
		r.end = end
	}
	for _, k := range []ticket.ScopeKind{ticket.ScopeDepartment, ticket.ScopeDistrict, ticket.ScopeCategory} {
		if v, ok := strings.CutPrefix(base, string(k)+"-"); ok {
			r.Scope, r.ScopeValue = k, v
		}
	}
	if have[base+".md"] {
		r.MD = dir + base + ".md"
	}
	if have[base+".xlsx"] {
		r.XLSX = dir + base + ".xlsx"
	}
	return r
}

// scopeFile is a department's or district's name as the reports package
// writes it into a file name (reports.Scope's file): white space folded,
// path separators and the characters Windows forbids made "_", spaces "_".
func scopeFile(value string) string {
	v := strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|':
			return '_'
		}
		return r
	}, text.FoldSpace(value))
	return strings.ReplaceAll(v, " ", "_")
}

// mayOpen reports whether role may open the file p (a valid fs path under
// the reports folder): the city role every file; a department or district
// only its own weekly packs (HTML, Markdown, XLSX), not the city's, not
// another's, not the index, not the mayor's briefing.
func mayOpen(role Role, p string) bool {
	if role.City() {
		return true
	}
	parts := strings.Split(p, "/")
	if len(parts) != 3 || parts[0] != "weekly" {
		return false
	}
	ext := path.Ext(parts[2])
	if ext != ".html" && ext != ".md" && ext != ".xlsx" {
		return false
	}
	return strings.TrimSuffix(parts[2], ext) == string(role.Kind)+"-"+scopeFile(role.Value)
}

// reportFile serves a file of the reports folder the user may open.
// Paths that are not clean relative paths (../, absolute, empty
// elements) are refused as well as other scopes' files; the folder is
// opened as an os.Root, so no path, link included, leaves it.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request) error {
	p := r.PathValue("path")
	if p == "" {
		p = "index.html"
	}
	if !fs.ValidPath(p) {
		return errorf(errDenied, "report path %q is not a clean relative path", p)
	}
	if !mayOpen(sessionOf(r).role, p) {
		return errorf(errDenied, "report %s is outside the user's scope", p)
	}
	f, err := s.reports.Open(p)
	if err != nil {
		return notFound("没有这个报告文件：" + p)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return notFound("没有这个报告文件：" + p)
	}
	if path.Ext(p) == ".md" {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	}
	http.ServeContent(w, r, path.Base(p), st.ModTime(), f)
	return nil
}
