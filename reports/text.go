package reports

import (
	"github.com/leian/leian/cluster"
)

// foldReport folds the white space of every text of r: title, subtitle,
// coverage, headings, paragraphs, bullets, captions, columns and cells.
// Charts and the HTML of cells (sparklines) are left alone; chart labels
// are folded where the charts are drawn.
func foldReport(r *Report) {
	r.Title, r.Subtitle = cluster.FoldSpace(r.Title), cluster.FoldSpace(r.Subtitle)
	foldAll(r.Coverage)
	for i := range r.Sections {
		s := &r.Sections[i]
		s.Heading = cluster.FoldSpace(s.Heading)
		foldAll(s.Intro)
		foldAll(s.Bullets)
		for j := range s.Tables {
			t := &s.Tables[j]
			t.Caption = cluster.FoldSpace(t.Caption)
			foldAll(t.Columns)
			for _, row := range t.Rows {
				for k := range row {
					row[k].Text = cluster.FoldSpace(row[k].Text)
				}
			}
		}
	}
}

func foldAll(s []string) {
	for i := range s {
		s[i] = cluster.FoldSpace(s[i])
	}
}

// excerpt is how a report quotes a ticket: title and content joined by
// "：" (the content alone when there is no title), white space folded,
// personal data masked, cut to n characters.
func excerpt(title, content string, n int) string {
	text := cluster.FoldSpace(content)
	if t := cluster.FoldSpace(title); t != "" {
		text = t + "：" + text
	}
	return cluster.Excerpt(cluster.Mask(text), n)
}
