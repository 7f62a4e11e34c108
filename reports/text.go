package reports

import (
	"github.com/leian/leian/cluster/text"
)

// foldReport folds the white space of every text of r: title, subtitle,
// coverage, headings, paragraphs, bullets, captions, columns and cells.
// Charts and the HTML of cells (sparklines) are left alone; chart labels
// are folded where the charts are drawn.
func foldReport(r *Report) {
	r.Title, r.Subtitle = text.FoldSpace(r.Title), text.FoldSpace(r.Subtitle)
	foldAll(r.Coverage)
	for i := range r.Sections {
		s := &r.Sections[i]
		s.Heading = text.FoldSpace(s.Heading)
		foldAll(s.Intro)
		foldAll(s.Bullets)
		for j := range s.Tables {
			t := &s.Tables[j]
			t.Caption = text.FoldSpace(t.Caption)
			foldAll(t.Columns)
			for _, row := range t.Rows {
				for k := range row {
					row[k].Text = text.FoldSpace(row[k].Text)
				}
			}
		}
	}
}

func foldAll(s []string) {
	for i := range s {
		s[i] = text.FoldSpace(s[i])
	}
}

// excerpt is how a report quotes a ticket: title and content joined by
// "：" (the content alone when there is no title), white space folded,
// personal data masked, cut to n characters.
func excerpt(title, content string, n int) string {
	body := text.FoldSpace(content)
	if t := text.FoldSpace(title); t != "" {
		body = t + "：" + body
	}
	return text.Excerpt(text.Mask(body), n)
}
