package reports

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"regexp"
	"runtime"
	"strings"
	"sync"
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

// RenderAll renders reports on all cores and returns their files in order.
func RenderAll(reps []*Report) ([]File, error) {
	out := make([][]File, len(reps))
	err := parallel(len(reps), func(i int) error {
		fs, err := Render(reps[i])
		out[i] = fs
		return err
	})
	if err != nil {
		return nil, err
	}
	var files []File
	for _, fs := range out {
		files = append(files, fs...)
	}
	return files, nil
}

// parallel calls f(0) ... f(n-1) on GOMAXPROCS goroutines and returns the
// first error.
func parallel(n int, f func(i int) error) error {
	next := make(chan int)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					errs <- err
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	return <-errs
}
