// Package reports writes the weekly similar-case review packs (每周类案研讨:
// one city-wide, one per department and one per district, or one per
// category (问题大类) when the data names neither; see Builder.Scopes) and
// the monthly mayor briefing (市长月度专题汇报), in Chinese, as
// self-contained HTML (inline CSS and SVG charts drawn with gonum/plot, A4
// print styles), Markdown, and an XLSX appendix of the tables behind each
// report, plus an index.html.
//
// Reports are built from data alone: the period is an argument, nothing
// reads the clock, every list has a total order, and the XLSX document
// properties carry the data's own time, so the same database and period give
// byte-identical files. Personal data is masked in every excerpt (text.Mask)
// and a department's pack reads only that department's tickets: every weekly
// query reads through the scoped_tickets macro (migrations 0006 and 0009).
//
// Real exports lack fields: a section that stands on a field no ticket
// fills (department, district, dispatch time, call-back...) says so in one
// line (本数据无承办单位字段，派单指标从略) rather than print empty tables or
// zero counts; empty values show as 未填. Text is shown with its white space
// folded (Fold); the database keeps it as read.
//
// Build returns files as data; Write puts them on disk in one place. The
// package reads the database only through queries/report_*.sql, the
// analysis package and the documented views.
package reports
