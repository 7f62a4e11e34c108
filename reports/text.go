package reports

import (
	"strings"
	"unicode"

	"github.com/leian/leian/cluster"
)

// Fold returns s with every run of white space (spaces, tabs, newlines,
// the full-width space U+3000) replaced by one space and none at either
// end: how reports show ticket text, titles and names, which exports pad
// with tabs and line breaks. The database keeps the text as read. Fold("")
// is "".
func Fold(s string) string {
	if !needsFold(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsFold reports whether s has white space other than single spaces
// between words.
func needsFold(s string) bool {
	prev := true // at the start, a space is already one too many
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prev || r != ' ') {
			return true
		}
		prev = sp
	}
	return prev && s != ""
}

// foldReport folds the white space of every text of r: title, subtitle,
// coverage, headings, paragraphs, bullets, captions, columns and cells.
// Charts and the HTML of cells (sparklines) are left alone; chart labels
// are folded where the charts are drawn.
func foldReport(r *Report) {
	r.Title, r.Subtitle = Fold(r.Title), Fold(r.Subtitle)
	foldAll(r.Coverage)
	for i := range r.Sections {
		s := &r.Sections[i]
		s.Heading = Fold(s.Heading)
		foldAll(s.Intro)
		foldAll(s.Bullets)
		for j := range s.Tables {
			t := &s.Tables[j]
			t.Caption = Fold(t.Caption)
			foldAll(t.Columns)
			for _, row := range t.Rows {
				for k := range row {
					row[k].Text = Fold(row[k].Text)
				}
			}
		}
	}
}

func foldAll(s []string) {
	for i := range s {
		s[i] = Fold(s[i])
	}
}

// excerpt is how a report quotes a ticket: title and content joined by
// "：" (the content alone when there is no title), white space folded,
// personal data masked, cut to n characters.
func excerpt(title, content string, n int) string {
	text := Fold(content)
	if t := Fold(title); t != "" {
		text = t + "：" + text
	}
	return cluster.Excerpt(cluster.Mask(text), n)
}
