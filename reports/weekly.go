package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/ticket"
)

// Weekly-pack settings.
const (
	topClusters   = 10 // clusters in the top table
	detailed      = 3  // clusters with representative tickets and places
	listedTickets = 15 // rows of each ticket list
)

// Weekly builds the weekly similar-case review pack of one scope.
func (b *Builder) Weekly(ctx context.Context, week string, sc Scope) (*Report, error) {
	rs, err := b.WeeklyPacks(ctx, week, []Scope{sc})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// weekData is what a week's packs are built from: the five report queries'
// rows by scope, and the fields the data fills.
type weekData struct {
	week     string
	from, to time.Time
	cov      coverage
	clusters map[Scope][]clusterRow
	tickets  map[Scope][]ticketRow
	details  map[Scope][]detailRow
	review   map[Scope][]reviewRow
	fields   fields
}

// WeeklyPacks builds the weekly review packs of scopes, in order. Its five
// queries each read every scope at once (scope_kind 'all', with the
// categories only when a category's pack is asked for), so the cost of
// a week's packs hardly grows with the number of departments and districts;
// with one scope they read that scope's tickets only. A scope whose field no
// ticket fills (a department's pack from data without departments) fails
// with ErrNoField; a scope without tickets in the week gets a pack that says
// so.
func (b *Builder) WeeklyPacks(ctx context.Context, week string, scopes []Scope) ([]*Report, error) {
	from, to, err := ticket.WeekBounds(week, b.Zone)
	if err != nil {
		return nil, err
	}
	d := weekData{week: week, from: from, to: to}
	if d.fields, err = b.fields(ctx); err != nil {
		return nil, err
	}
	for _, sc := range scopes {
		if err := d.fields.check(sc); err != nil {
			return nil, err
		}
	}
	p := analysis.Params{"period_from": from, "period_to": to, "weeks_from": from.AddDate(0, 0, -49), "top_n": detailed,
		"scope_categories": hasKind(scopes, ticket.ScopeCategory)}
	q := Scope{Kind: scopeAll}
	if len(scopes) == 1 {
		q = scopes[0]
	}
	if d.cov, err = b.coverage(ctx, q, p); err != nil {
		return nil, err
	}
	if d.clusters, err = byScope[clusterRow](ctx, b, "report_clusters", q.params(p)); err != nil {
		return nil, err
	}
	if d.tickets, err = byScope[ticketRow](ctx, b, "report_tickets", q.params(p)); err != nil {
		return nil, err
	}
	if d.details, err = byScope[detailRow](ctx, b, "report_cluster_detail", q.params(p)); err != nil {
		return nil, err
	}
	if d.review, err = byScope[reviewRow](ctx, b, "report_dispatch_review", q.params(p)); err != nil {
		return nil, err
	}
	out := make([]*Report, len(scopes))
	err = parallel(len(scopes), func(i int) error {
		out[i] = d.pack(scopes[i])
		return nil
	})
	return out, err
}

// pack is the weekly review pack of one scope. A scope without tickets in
// the week gets its coverage and one line saying so.
func (d *weekData) pack(sc Scope) *Report {
	r := &Report{Kind: "weekly", Path: fmt.Sprintf("weekly/%s/%s", d.week, sc.file()),
		Title:    fmt.Sprintf("%s 每周类案研讨（%s）", sc.label(), d.week),
		Subtitle: fmt.Sprintf("%s 至 %s；一小时研讨用。", d.from.Format("2006年1月2日"), d.to.AddDate(0, 0, -1).Format("2006年1月2日"))}
	c := d.cov.of(sc)
	r.Coverage = c.lines(sc)
	if c.Tickets == 0 {
		r.Sections = []Section{{Heading: "本周概况", Bullets: []string{
			fmt.Sprintf("%s本周没有受理工单（上周 %d 起事项），本周研讨无类案可列。", sc.label(), c.PrevEvents)}}}
	} else {
		cl, tk := d.clusters[sc], d.tickets[sc]
		detail, questions := detailSection(cl, d.details[sc], d.fields)
		r.Sections = append([]Section{overview(c, cl), topTable(cl), flagged(cl), detail}, ticketSections(tk, d.fields)...)
		r.Sections = append(r.Sections, dispatchReview(d.review[sc], d.fields))
		r.Sections = append(r.Sections, Section{Heading: "根因讨论问题", Bullets: append(questions, ticketQuestions(tk)...)})
	}
	foldReport(r)
	return r
}

func overview(c coverageRow, cl []clusterRow) Section {
	return Section{Heading: "本周概况", Bullets: []string{
		fmt.Sprintf("受理工单 %d 件，涉及 %d 个类案，合并重复诉求后共 %d 起事项（上周 %d 起，%s）。",
			c.Tickets, len(cl), c.Events, c.PrevEvents, change(c.Events, c.PrevEvents)),
		fmt.Sprintf("重复诉求 %d 件：同一事件多渠道反映或同一人再次来电的工单，类案统计中按一起事项计。", c.Repeated),
	}}
}

func topTable(cl []clusterRow) Section {
	t := Table{Caption: "本周高频类案", Columns: []string{"类案", "编号", "本周事项", "上周", "变化", "近8周", "标记"}}
	for _, c := range cl[:min(topClusters, len(cl))] {
		t.Rows = append(t.Rows, []Cell{C(c.Name), C(itoa(c.ID)), C(itoa(c.Events)), C(itoa(c.Prev)), C(change(c.Events, c.Prev)),
			{Text: sparkText(c.Weekly), HTML: Sparkline(c.Weekly)}, C(flagText(c.Flag))})
	}
	return Section{Heading: "高频类案", Intro: []string{"按本周事项数排序（同一事件多渠道反映、同一人重复来电只计一次）。"}, Tables: []Table{t}}
}

func flagged(cl []clusterRow) Section {
	s := Section{Heading: "新发与激增类案"}
	for _, c := range cl {
		if c.Flag != "" {
			s.Bullets = append(s.Bullets, fmt.Sprintf("【%s】%s：本周 %d 起，上周 %d 起。", flagText(c.Flag), c.Name, c.Events, c.Prev))
		}
	}
	if len(s.Bullets) == 0 {
		s.Intro = []string{"本周没有新发或激增的类案。"}
	}
	return s
}

// detailSection lists representative tickets and places of the top
// clusters, and drafts the root-cause questions they raise. Without street
// and address fields in the data, it says so once instead of naming places.
func detailSection(cl []clusterRow, ds []detailRow, f fields) (Section, []string) {
	s := Section{Heading: "代表性工单与集中区域"}
	places := f.Street > 0 || f.Address > 0
	if !places {
		s.Intro = []string{lacks("街道与地址", "集中区域")}
	}
	byID := map[int64]detailRow{}
	for _, d := range ds {
		byID[d.ClusterID] = d
	}
	var qs []string
	for _, c := range cl[:min(detailed, len(cl))] {
		d, ok := byID[c.ID]
		if !ok {
			continue
		}
		tab := Table{Caption: fmt.Sprintf("%s（%d 起）", c.Name, c.Events), Columns: []string{"工单", "摘要（已脱敏）"}}
		for _, rep := range d.Reps {
			tab.Rows = append(tab.Rows, []Cell{C(fmt.Sprint(rep["ticket_id"])), C(excerpt(fmt.Sprint(rep["title"]), fmt.Sprint(rep["content"]), 90))})
		}
		s.Tables = append(s.Tables, tab)
		s.Bullets = append(s.Bullets, placeText(c, d, places))
		if len(d.Streets) > 0 {
			qs = append(qs, fmt.Sprintf("「%s」本周 %d 起（%s），集中在 %s：是否有共同的源头或责任主体？", c.Name, c.Events, change(c.Events, c.Prev), d.Streets[0]))
		} else {
			qs = append(qs, fmt.Sprintf("「%s」本周 %d 起（%s）：诉求背后是否有共同的源头或责任主体？", c.Name, c.Events, change(c.Events, c.Prev)))
		}
	}
	return s, qs
}

// placeText is the bullet on where a cluster concentrates; without street
// and address fields, only its repeat requests.
func placeText(c clusterRow, d detailRow, places bool) string {
	if !places {
		return fmt.Sprintf("%s：重复诉求 %d 件。", c.Name, d.Repeated)
	}
	where := "—"
	if len(d.Streets) > 0 {
		where = joinCN(d.Streets)
	}
	return fmt.Sprintf("%s：集中在 %s%s；重复诉求 %d 件。", c.Name, where, addrText(d.Addresses), d.Repeated)
}

func addrText(a []string) string {
	if len(a) == 0 {
		return ""
	}
	return "，多次反映的地址：" + joinCN(a)
}

func joinCN(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "、"
		}
		out += x
	}
	return out
}
