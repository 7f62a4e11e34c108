package reports

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/leian/leian/analysis"
)

// Builder builds reports from a database.
type Builder struct {
	DB      analysis.Querier
	Queries fs.FS // queries.FS
	Zone    *time.Location
}

// Scope is whose report it is: the city, one department or one district.
type Scope struct {
	Kind  string // city, department, district
	Value string
}

func (s Scope) label() string {
	switch s.Kind {
	case "department":
		return s.Value
	case "district":
		return s.Value
	}
	return "全市"
}

func (s Scope) params(p Params) analysis.Params {
	ps := analysis.Params{"scope_kind": s.Kind, "scope_value": s.Value}
	for k, v := range p {
		ps[k] = v
	}
	return ps
}

// Params are extra query variables.
type Params = analysis.Params

func (b *Builder) metrics() analysis.Metrics {
	return analysis.Metrics{DB: b.DB, Queries: b.Queries}
}

func (b *Builder) table(ctx context.Context, name string, p analysis.Params) (*analysis.Table, error) {
	t, err := analysis.Run(ctx, b.DB, b.Queries, name, p)
	if err != nil {
		return nil, fmt.Errorf("report query %s: %w", name, err)
	}
	return t, nil
}

// clusterRow is one line of report_clusters.sql.
type clusterRow struct {
	ID      int64   `col:"cluster_id"`
	Name    string  `col:"name"`
	Events  int64   `col:"events"`
	Tickets int64   `col:"tickets"`
	Prev    int64   `col:"prev_events"`
	Weekly  []int64 `col:"weekly"`
	Flag    string  `col:"flag"`
}

type ticketRow struct {
	ID           string `col:"ticket_id"`
	Received     string `col:"received"`
	Department   string `col:"department"`
	District     string `col:"district"`
	Street       string `col:"street"`
	Cluster      string `col:"cluster_name"`
	Title        string `col:"title"`
	Content      string `col:"content"`
	Minutes      int64  `col:"dispatch_minutes"`
	Limit        int64  `col:"dispatch_limit_minutes"`
	Returns      int64  `col:"returns"`
	Reassigns    int64  `col:"reassigns"`
	Chain        string `col:"chain"`
	Satisfaction string `col:"satisfaction"`
	Rehandled    bool   `col:"rehandled"`
	Late         bool   `col:"late"`
	PassedOn     bool   `col:"passed_on"`
	Unresolved   bool   `col:"unresolved"`
	Dissatisfied bool   `col:"dissatisfied"`
}

type coverageRow struct {
	LoadedUntil  string `col:"loaded_until"`
	Latest       string `col:"latest_ticket"`
	Tickets      int64  `col:"tickets"`
	Unclustered  int64  `col:"unclustered"`
	Events       int64  `col:"events"`
	PrevEvents   int64  `col:"prev_events"`
	Repeated     int64  `col:"repeated"`
	RejectedRows int64  `col:"rejected_rows"`
}

type detailRow struct {
	Reps      []map[string]any `col:"representatives"`
	Streets   []string         `col:"streets"`
	Addresses []string         `col:"addresses"`
	Repeated  int64            `col:"repeated"`
}

func (b *Builder) coverage(ctx context.Context, sc Scope, p analysis.Params) ([]string, coverageRow, error) {
	t, err := b.table(ctx, "report_coverage", sc.params(p))
	if err != nil {
		return nil, coverageRow{}, err
	}
	rows := analysis.Scan[coverageRow](t)
	if len(rows) == 0 {
		return nil, coverageRow{}, nil
	}
	c := rows[0]
	return []string{
		fmt.Sprintf("数据截至：最近一次导入 %s；最新受理工单 %s。", orDash(c.LoadedUntil), orDash(c.Latest)),
		fmt.Sprintf("统计范围：%s本期受理工单 %d 件；其中 %d 件尚未归入类案（新近受理、待夜间归类），不计入类案部分。", sc.label(), c.Tickets, c.Unclustered),
		fmt.Sprintf("导入时被拒的行共 %d 行（原因见数据库 rejects 表），不计入本报告。", c.RejectedRows),
	}, c, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }

func pctp(x *float64) string {
	if x == nil {
		return "—"
	}
	return pct(*x)
}

func change(cur, prev int64) string {
	if prev == 0 {
		if cur == 0 {
			return "持平"
		}
		return "新增"
	}
	d := float64(cur)/float64(prev) - 1
	if d >= 0 {
		return "+" + pct(d)
	}
	return pct(d)
}

func flagText(f string) string {
	switch f {
	case "new":
		return "新发"
	case "surge":
		return "激增"
	}
	return ""
}

func itoa(n int64) string { return fmt.Sprint(n) }
