package reports

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/ticket"
)

// Builder builds reports from a database.
type Builder struct {
	DB      analysis.Querier
	Queries fs.FS // queries.FS
	Zone    *time.Location
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

// byScope runs a report query and groups its rows by scope.
func byScope[T interface{ scope() Scope }](ctx context.Context, b *Builder, name string, p analysis.Params) (map[Scope][]T, error) {
	t, err := b.table(ctx, name, p)
	if err != nil {
		return nil, err
	}
	rows, err := analysis.Scan[T](t)
	if err != nil {
		return nil, fmt.Errorf("report query %s: %w", name, err)
	}
	out := map[Scope][]T{}
	for _, r := range rows {
		out[r.scope()] = append(out[r.scope()], r)
	}
	return out, nil
}

// clusterRow is one line of report_clusters.sql.
type clusterRow struct {
	Scope
	ID      int64   `col:"cluster_id"`
	Name    string  `col:"name"`
	Events  int64   `col:"events"`
	Tickets int64   `col:"tickets"`
	Prev    int64   `col:"prev_events"`
	Weekly  []int64 `col:"weekly"`
	Flag    string  `col:"flag"`
}

type ticketRow struct {
	Scope
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
	Scope
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
	Scope
	ClusterID int64            `col:"cluster_id"`
	Reps      []map[string]any `col:"representatives"`
	Streets   []string         `col:"streets"`
	Addresses []string         `col:"addresses"`
	Repeated  int64            `col:"repeated"`
}

func (s Scope) scope() Scope { return s }

// coverage holds report_coverage rows by scope.
type coverage map[Scope]coverageRow

func (b *Builder) coverage(ctx context.Context, sc Scope, p analysis.Params) (coverage, error) {
	rows, err := byScope[coverageRow](ctx, b, "report_coverage", sc.params(p))
	if err != nil {
		return nil, err
	}
	out := coverage{}
	for s, r := range rows {
		out[s] = r[0]
	}
	return out, nil
}

// of returns the coverage of a scope; a scope without tickets in the
// period gets zero counts and the data-wide facts of any other scope.
func (c coverage) of(sc Scope) coverageRow {
	if r, ok := c[sc]; ok {
		return r
	}
	var r coverageRow
	for _, o := range c {
		r.LoadedUntil, r.Latest, r.RejectedRows = o.LoadedUntil, o.Latest, o.RejectedRows
		break
	}
	return r
}

// lines is the coverage block of a report of scope sc.
func (c coverageRow) lines(sc Scope) []string {
	return []string{
		fmt.Sprintf("数据截至：最近一次导入 %s；最新受理工单 %s。", orDash(c.LoadedUntil), orDash(c.Latest)),
		fmt.Sprintf("统计范围：%s本期受理工单 %d 件；其中 %d 件尚未归入类案（新近受理、待夜间归类），不计入类案部分。", sc.label(), c.Tickets, c.Unclustered),
		fmt.Sprintf("导入时被拒的行共 %d 行（原因见数据库 rejects 表），不计入本报告。", c.RejectedRows),
	}
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
	case string(ticket.FlagNew):
		return "新发"
	case string(ticket.FlagSurge):
		return "激增"
	}
	return ""
}

func itoa(n int64) string { return fmt.Sprint(n) }
