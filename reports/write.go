package reports

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Write writes files under dir, creating it if need be (each file through
// a temporary name, so a reader never sees half a file), and rebuilds
// dir/index.html from every report in dir.
func Write(dir string, files []File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p+".tmp", f.Data, 0o644); err != nil {
			return err
		}
		if err := os.Rename(p+".tmp", p); err != nil {
			return err
		}
	}
	idx, err := Index(os.DirFS(dir))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), idx, 0o644)
}

type link struct{ Title, HTML, MD, XLSX string }
type group struct {
	Heading string
	Links   []link
}

// Index renders index.html linking every report (.html with a <title>)
// under weekly/ and monthly/ of fsys, newest period first; within a week the
// city-wide pack first, then the others by path.
func Index(fsys fs.FS) ([]byte, error) {
	groups := map[string]*group{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || p == "index.html" {
			return err
		}
		parts := strings.Split(p, "/")
		if len(parts) != 3 {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		title := between(string(b), "<title>", "</title>")
		heading := map[string]string{"weekly": "每周类案研讨 ", "monthly": "市长月度专题汇报 "}[parts[0]] + parts[1]
		key := parts[0] + "/" + parts[1]
		if groups[key] == nil {
			groups[key] = &group{Heading: heading}
		}
		base := strings.TrimSuffix(p, ".html")
		groups[key].Links = append(groups[key].Links, link{Title: title, HTML: p, MD: base + ".md", XLSX: base + ".xlsx"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// Monthly before weekly, newest period first.
	sort.Slice(keys, func(i, j int) bool {
		ki, kj := strings.SplitN(keys[i], "/", 2), strings.SplitN(keys[j], "/", 2)
		if ki[0] != kj[0] {
			return ki[0] > kj[0]
		}
		return ki[1] > kj[1]
	})
	var gs []group
	for _, k := range keys {
		g := groups[k]
		sortLinks(g.Links)
		gs = append(gs, *g)
	}
	var buf bytes.Buffer
	if err := htmlT.ExecuteTemplate(&buf, "index.html.tmpl", gs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sortLinks orders a period's reports: the city-wide pack first, then by
// path.
func sortLinks(ls []link) {
	sort.Slice(ls, func(i, j int) bool {
		ci, cj := path.Base(ls[i].HTML) == "city.html", path.Base(ls[j].HTML) == "city.html"
		if ci != cj {
			return ci
		}
		return ls[i].HTML < ls[j].HTML
	})
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	if j := strings.Index(s, b); j >= 0 {
		return s[:j]
	}
	return s
}
