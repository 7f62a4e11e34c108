package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/cluster"
)

// Weekly-pack settings.
const (
	topClusters   = 10 // clusters in the top table
	detailed      = 3  // clusters with representative tickets and places
	listedTickets = 15 // rows of each ticket list
)

// WeekBounds returns the Monday 00:00 (in zone) of ISO week "2026-W47" and
// the next Monday.
func WeekBounds(week string, zone *time.Location) (time.Time, time.Time, error) {
	var y, w int
	if n, err := fmt.Sscanf(week, "%d-W%d", &y, &w); n != 2 || err != nil || w < 1 || w > 53 {
		return time.Time{}, time.Time{}, fmt.Errorf("week %q: want YYYY-Www, e.g. 2026-W47", week)
	}
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, zone)
	mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
	return mon, mon.AddDate(0, 0, 7), nil
}

// Weekly builds the weekly similar-case review pack of one scope.
func (b *Builder) Weekly(ctx context.Context, week string, sc Scope) (*Report, error) {
	rs, err := b.WeeklyPacks(ctx, week, []Scope{sc})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// WeeklyPacks builds the weekly review packs of scopes, in order. Its four
// queries each read every scope at once (scope_kind 'all'), so the cost of
// a week's packs hardly grows with the number of departments and districts;
// with one scope they read that scope's tickets only.
func (b *Builder) WeeklyPacks(ctx context.Context, week string, scopes []Scope) ([]*Report, error) {
	from, to, err := WeekBounds(week, b.Zone)
	if err != nil {
		return nil, err
	}
	p := analysis.Params{"period_from": from, "period_to": to, "weeks_from": from.AddDate(0, 0, -49), "top_n": detailed}
	q := Scope{Kind: "all"}
	if len(scopes) == 1 {
		q = scopes[0]
	}
	cov, err := b.coverage(ctx, q, p)
	if err != nil {
		return nil, err
	}
	clusters, err := byScope[clusterRow](ctx, b, "report_clusters", q.params(p))
	if err != nil {
		return nil, err
	}
	tickets, err := byScope[ticketRow](ctx, b, "report_tickets", q.params(p))
	if err != nil {
		return nil, err
	}
	details, err := byScope[detailRow](ctx, b, "report_cluster_detail", q.params(p))
	if err != nil {
		return nil, err
	}
	out := make([]*Report, len(scopes))
	err = parallel(len(scopes), func(i int) error {
		sc := scopes[i]
		r := &Report{Kind: "weekly", Path: fmt.Sprintf("weekly/%s/%s-%s", week, sc.Kind, sc.Value),
			Title:    fmt.Sprintf("%s 每周类案研讨（%s）", sc.label(), week),
			Subtitle: fmt.Sprintf("%s 至 %s；一小时研讨用。", from.Format("2006年1月2日"), to.AddDate(0, 0, -1).Format("2006年1月2日"))}
		c := cov.of(sc)
		r.Coverage = c.lines(sc)
		cl, tk := clusters[sc], tickets[sc]
		r.Sections = append(r.Sections, overview(c, cl), topTable(cl), flagged(cl))
		detail, questions := detailSection(cl, details[sc])
		r.Sections = append(r.Sections, detail)
		r.Sections = append(r.Sections, ticketSections(tk)...)
		r.Sections = append(r.Sections, Section{Heading: "根因讨论问题", Bullets: append(questions, ticketQuestions(tk)...)})
		out[i] = r
		return nil
	})
	return out, err
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
// clusters, and drafts the root-cause questions they raise.
func detailSection(cl []clusterRow, ds []detailRow) (Section, []string) {
	s := Section{Heading: "代表性工单与集中区域"}
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
			text := fmt.Sprint(rep["title"]) + "：" + fmt.Sprint(rep["content"])
			tab.Rows = append(tab.Rows, []Cell{C(fmt.Sprint(rep["ticket_id"])), C(cluster.Excerpt(cluster.Mask(text), 90))})
		}
		s.Tables = append(s.Tables, tab)
		where := "—"
		if len(d.Streets) > 0 {
			where = joinCN(d.Streets)
		}
		s.Bullets = append(s.Bullets, fmt.Sprintf("%s：集中在 %s%s；重复诉求 %d 件。", c.Name, where, addrText(d.Addresses), d.Repeated))
		if len(d.Streets) > 0 {
			qs = append(qs, fmt.Sprintf("「%s」本周 %d 起（%s），集中在 %s：是否有共同的源头或责任主体？", c.Name, c.Events, change(c.Events, c.Prev), d.Streets[0]))
		}
	}
	return s, qs
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

// ticketSections lists the tickets a meeting reviews one by one.
func ticketSections(ts []ticketRow) []Section {
	var late, passed, unresolved []ticketRow
	for _, t := range ts {
		if t.Late {
			late = append(late, t)
		}
		if t.PassedOn {
			passed = append(passed, t)
		}
		if t.Unresolved || t.Dissatisfied || t.Rehandled {
			unresolved = append(unresolved, t)
		}
	}
	lt := Table{Caption: "派单超时工单", Columns: []string{"工单", "受理时间", "承办单位", "派单用时（分）", "时限（分）", "类案"}}
	for _, t := range late[:min(listedTickets, len(late))] {
		lt.Rows = append(lt.Rows, []Cell{C(t.ID), C(t.Received), C(t.Department), C(itoa(t.Minutes)), C(itoa(t.Limit)), C(t.Cluster)})
	}
	pt := Table{Caption: "退回与转派工单", Columns: []string{"工单", "流转", "退回", "转派", "类案"}}
	for _, t := range passed[:min(listedTickets, len(passed))] {
		pt.Rows = append(pt.Rows, []Cell{C(t.ID), C(t.Chain), C(itoa(t.Returns)), C(itoa(t.Reassigns)), C(t.Cluster)})
	}
	ut := Table{Caption: "未解决、不满意与重办工单", Columns: []string{"工单", "承办单位", "满意度", "重办", "摘要（已脱敏）"}}
	for _, t := range unresolved[:min(listedTickets, len(unresolved))] {
		re := ""
		if t.Rehandled {
			re = "是"
		}
		ut.Rows = append(ut.Rows, []Cell{C(t.ID), C(t.Department), C(orDash(t.Satisfaction)), C(re), C(cluster.Excerpt(cluster.Mask(t.Title+"："+t.Content), 60))})
	}
	return []Section{
		{Heading: "派单时限", Intro: []string{fmt.Sprintf("本周派单超时 %d 件（紧急 30 分钟、一般 2 小时或目录项时限）。", len(late))}, Tables: []Table{lt}},
		{Heading: "退回与转派", Intro: []string{fmt.Sprintf("本周被退回或转派的工单 %d 件。", len(passed))}, Tables: []Table{pt}},
		{Heading: "未解决与不满意", Intro: []string{fmt.Sprintf("本周回访未解决、不满意或重办的工单 %d 件。", len(unresolved))}, Tables: []Table{ut}},
	}
}

// ticketQuestions drafts questions from the ticket lists: the chain that
// passes work on most, and the department with most dissatisfied call-backs.
func ticketQuestions(ts []ticketRow) []string {
	chains := map[string]int{}
	dis := map[string]int{}
	for _, t := range ts {
		if t.Chain != "" {
			chains[t.Chain]++
		}
		if t.Dissatisfied {
			dis[t.Department]++
		}
	}
	var qs []string
	if c, n := maxKey(chains); n > 0 {
		qs = append(qs, fmt.Sprintf("「%s」的流转本周出现 %d 次：职责边界是否需要在责任清单中写清？", c, n))
	}
	if d, n := maxKey(dis); n > 0 {
		qs = append(qs, fmt.Sprintf("%s 本周不满意回访 %d 件：不满意集中在哪些诉求，答复是否解决了问题本身？", d, n))
	}
	return qs
}

// maxKey returns the key with the largest count (ties: smallest key).
func maxKey(m map[string]int) (string, int) {
	best, bn := "", 0
	for k, n := range m {
		if n > bn || n == bn && k < best {
			best, bn = k, n
		}
	}
	return best, bn
}
