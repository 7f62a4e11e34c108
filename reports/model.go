package reports

import (
	"html/template"
	"strings"
)

// Report is one document, format-neutral.
type Report struct {
	Path     string // relative path without extension, e.g. weekly/2026-W47/department-住建委
	Kind     string // weekly or monthly
	Title    string
	Subtitle string
	Coverage []string
	Sections []Section
}

// Section is a titled part of a report.
type Section struct {
	Heading string
	Intro   []string
	Bullets []string
	Charts  []template.HTML
	Tables  []Table
}

// Table is a table of a report; it also becomes a sheet of the appendix.
type Table struct {
	Caption string
	Columns []string
	Rows    [][]Cell
}

// Cell is a table cell: text for Markdown and XLSX, and optionally richer
// HTML (a sparkline) for the web page.
type Cell struct {
	Text string
	HTML template.HTML
}

// C makes a text cell.
func C(s string) Cell { return Cell{Text: s} }

// sparkText renders counts as a text sparkline for Markdown and XLSX.
func sparkText(values []int64) string {
	const bars = "▁▂▃▄▅▆▇█"
	r := []rune(bars)
	var hi int64
	for _, v := range values {
		hi = max(hi, v)
	}
	var b strings.Builder
	for _, v := range values {
		i := 0
		if hi > 0 {
			i = int(v * int64(len(r)-1) / hi)
		}
		b.WriteRune(r[i])
	}
	return b.String()
}
