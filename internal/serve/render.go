package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/leian/leian/ticket"
)

//go:embed templates/*.html
var templateFS embed.FS

// staticFiles are served at /static/.
//
//go:embed static
var staticFiles embed.FS

// page is what every template gets: the title, the user's session (nil on
// the login page), which tab is open and the page's own data.
type page struct {
	Title string
	Nav   string
	In    bool // a session: show the navigation
	User  string
	Role  Role
	CSRF  string // the session's token, for forms that POST
	Users bool   // the console has logins (a logout button)
	Data  any
}

type errorPage struct {
	Code    int
	Message string
}

var funcs = template.FuncMap{
	"when":   when,
	"day":    func(t time.Time) string { return when(t)[:min(10, len(when(t)))] },
	"num":    num,
	"pct":    pct,
	"change": change,
	"spark":  spark,
	"inc":    func(i int) int { return i + 1 },
	"list":   func(s ...string) []string { return s },
	"ratio":  ratio,
	"job": func(j string) string {
		return map[string]string{"nightly": "夜间任务", "weekly": "每周任务", "monthly": "每月任务"}[j]
	},
}

// parsePages parses each page template together with the layout, once.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).Option("missingkey=error").
			ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("serve: template %s: %w", n, err)
		}
		out[base] = t
	}
	return out, nil
}

// render writes the page name with data under the layout; it renders into
// a buffer first, so a template error is a 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name, title string, data any) {
	t := s.pages[name]
	if t == nil {
		s.cfg.Log.Error("no template", "name", name)
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	p := page{Title: title, Nav: name, Users: s.cfg.Users != nil, Data: data}
	if sess := sessionOf(r); sess != nil {
		p.In, p.User, p.Role, p.CSRF = true, sess.user, sess.role, sess.csrf
	}
	if err := t.Execute(&buf, p); err != nil {
		s.cfg.Log.Error("render", "page", name, "err", err)
		http.Error(w, "render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if _, err := w.Write(buf.Bytes()); err != nil {
		s.cfg.Log.Debug("write", "err", err)
	}
}

// when prints a time in the platform's zone as 2026-11-27 08:03; the zero
// time as 未填.
func when(t time.Time) string {
	if t.IsZero() {
		return "未填"
	}
	return t.In(ticket.Zone).Format("2006-01-02 15:04")
}

// num prints an integer with thousands separators: 1234567 -> 1,234,567.
func num(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// pct prints part of whole as a percentage with one decimal; "—" when whole
// is 0.
func pct(part, whole int64) string {
	if whole == 0 {
		return "—"
	}
	return strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 1, 64) + "%"
}

// change prints cur against prev: +12 (+8.5%), -3 (-2.0%), 新增 when prev
// is 0 and cur is not, 持平 when equal.
func change(cur, prev int64) string {
	switch {
	case cur == prev:
		return "持平"
	case prev == 0:
		return "新增"
	}
	return fmt.Sprintf("%+d（%+.1f%%）", cur-prev, 100*float64(cur-prev)/float64(prev))
}

// spark returns the points of an SVG polyline drawing vals in a w×h box
// (y grows downward; the largest value touches the top, 0 the bottom; all
// zeros lie on the bottom); "" for no values.
func spark(vals []int64, w, h int) string {
	if len(vals) == 0 {
		return ""
	}
	var hi int64 = 1
	for _, v := range vals {
		hi = max(hi, v)
	}
	step := 0.0
	if len(vals) > 1 {
		step = float64(w) / float64(len(vals)-1)
	}
	pts := make([]string, len(vals))
	for i, v := range vals {
		y := float64(h) - float64(v)/float64(hi)*float64(h-2) - 1
		pts[i] = strconv.FormatFloat(float64(i)*step, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
	}
	return strings.Join(pts, " ")
}

// ratio prints a share with two decimals; "—" for none.
func ratio(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}
