package reports

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var numericRE = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?$`)

var (
	htmlT = htmltemplate.Must(htmltemplate.New("").Option("missingkey=error").Funcs(htmltemplate.FuncMap{
		"numeric": func(s string) bool { return numericRE.MatchString(s) },
	}).ParseFS(templateFS, "templates/report.html.tmpl", "templates/index.html.tmpl"))
	mdT = texttemplate.Must(texttemplate.New("").Option("missingkey=error").Funcs(texttemplate.FuncMap{
		"md": func(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) },
	}).ParseFS(templateFS, "templates/report.md.tmpl"))
)

// File is a rendered file, with its path relative to the output directory.
type File struct {
	Path string
	Data []byte
}

// Render turns a report into its HTML, Markdown and XLSX files.
func Render(r *Report) ([]File, error) {
	var h, m bytes.Buffer
	if err := htmlT.ExecuteTemplate(&h, "report.html.tmpl", r); err != nil {
		return nil, err
	}
	if err := mdT.ExecuteTemplate(&m, "report.md.tmpl", r); err != nil {
		return nil, err
	}
	x, err := appendix(r)
	if err != nil {
		return nil, err
	}
	return []File{{r.Path + ".html", h.Bytes()}, {r.Path + ".md", m.Bytes()}, {r.Path + ".xlsx", x}}, nil
}
