package reports

import (
	"context"
	"fmt"
	"html/template"
	"sort"
	"time"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/ticket"
)

// Monthly-briefing settings.
const (
	fallShare  = 0.40 // a cluster "fell after action" when its events dropped by this share...
	fallFloor  = 20   // ...from at least this many events the month before
	trendLines = 5
)

// Monthly builds the city-wide mayor briefing of a month.
func (b *Builder) Monthly(ctx context.Context, month string) (*Report, error) {
	from, to, err := ticket.MonthBounds(month, b.Zone)
	if err != nil {
		return nil, err
	}
	city := City
	lastWeek := to.AddDate(0, 0, -1)
	mon := lastWeek.AddDate(0, 0, -((int(lastWeek.Weekday()) + 6) % 7))
	p := analysis.Params{"period_from": from, "period_to": to, "weeks_from": mon.AddDate(0, 0, -49)}
	period := analysis.Period{From: from, To: to, AsOf: to}
	r := &Report{Kind: "monthly", Path: "monthly/" + month + "/briefing",
		Title:    fmt.Sprintf("市长月度专题汇报（%s）", from.Format("2006年1月")),
		Subtitle: "12345 市民诉求与类案治理情况，十分钟阅读。"}
	cov, err := b.coverage(ctx, city, p)
	if err != nil {
		return nil, err
	}
	f, err := b.fields(ctx)
	if err != nil {
		return nil, err
	}
	r.Coverage = cov.of(city).lines(city)
	m := b.metrics()
	vol, err := m.Volume(ctx, period)
	if err != nil {
		return nil, err
	}
	byCity, err := byScope[clusterRow](ctx, b, "report_clusters", city.params(p))
	if err != nil {
		return nil, err
	}
	clusters := byCity[city]
	rates, err := m.ThreeRates(ctx, period)
	if err != nil {
		return nil, err
	}
	fd, err := m.FirstDispatch(ctx, period)
	if err != nil {
		return nil, err
	}
	dl, err := m.DispatchDeadline(ctx, period)
	if err != nil {
		return nil, err
	}
	funnel, err := m.Proactive(ctx, period)
	if err != nil {
		return nil, err
	}
	dm, err := b.dispatchMonth(ctx, p)
	if err != nil {
		return nil, err
	}
	r.Sections = append(r.Sections, volumeSection(vol, f), hotspots(vol, clusters, f), performance(rates, dispatch{fd, dl, dm}, f),
		trends(clusters, mon), emerged(clusters), fell(clusters), proactive(funnel, f), recommend(clusters, rates))
	foldReport(r)
	return r, nil
}

func volumeSection(vol []analysis.VolumeRow, f fields) Section {
	s := Section{Heading: "总体情况"}
	for _, v := range vol {
		if v.Dimension == "total" {
			s.Bullets = append(s.Bullets, fmt.Sprintf("本月受理 %d 件，环比 %s（上月 %d 件），同比 %s（去年同月 %d 件）。",
				v.Tickets, pctSigned(v.Change), v.Prev, pctSigned(v.ChangeYoY), v.LastYear))
		}
	}
	if f.Channel == 0 {
		s.Bullets = append(s.Bullets, lacks("渠道", "渠道构成"))
		return s
	}
	t := Table{Caption: "渠道构成", Columns: []string{"渠道", "件数", "环比"}}
	for _, v := range vol {
		if v.Dimension == "channel" {
			t.Rows = append(t.Rows, []Cell{C(v.Value), C(itoa(v.Tickets)), C(pctSigned(v.Change))})
		}
	}
	s.Tables = []Table{t}
	return s
}

func pctSigned(x *float64) string {
	if x == nil {
		return "—"
	}
	if *x >= 0 {
		return "+" + pct(*x)
	}
	return pct(*x)
}

// hotspots charts the month's volume by district and by category (the
// first 10 of each; empty values show as 未填) and tables the top clusters.
// A dimension the data lacks gets one line instead of its chart.
func hotspots(vol []analysis.VolumeRow, cl []clusterRow, f fields) Section {
	s := Section{Heading: "热点与高频问题"}
	for _, dim := range []struct {
		key          ticket.ScopeKind
		title, field string
		filled       int64
	}{{ticket.ScopeDistrict, "各区受理量", "区", f.District}, {ticket.ScopeCategory, "问题大类", "问题大类", f.Category}} {
		if dim.filled == 0 {
			s.Intro = append(s.Intro, lacks(dim.field, dim.title+"分布"))
			continue
		}
		var names []string
		var vals []float64
		for _, v := range vol {
			if v.Dimension == string(dim.key) && len(names) < 10 {
				names, vals = append(names, text.FoldSpace(v.Value)), append(vals, float64(v.Tickets))
			}
		}
		s.Charts = append(s.Charts, BarChart(dim.title+"（前10）", names, vals))
	}
	t := Table{Caption: "高频类案（前10）", Columns: []string{"类案", "本月事项", "上月", "环比", "近8周"}}
	for _, c := range cl[:min(topClusters, len(cl))] {
		t.Rows = append(t.Rows, []Cell{C(c.Name), C(itoa(c.Events)), C(itoa(c.Prev)), C(change(c.Events, c.Prev)),
			{Text: sparkText(c.Weekly), HTML: Sparkline(c.Weekly)}})
	}
	s.Tables = []Table{t}
	return s
}

// performance is the handling section: the three rates ranked by district
// and by department, then first-time correct dispatch and dispatch
// deadlines per department, with the month's first dispatch against the
// 98% goal and the suggestions. Each part whose fields the data lacks says so
// in one line (e.g. 本数据无承办单位字段，派单指标从略).
func performance(rates []analysis.RatesRow, d dispatch, f fields) Section {
	s := Section{Heading: "办理绩效"}
	if f.Callback == 0 && f.Reply == 0 {
		s.Intro = append(s.Intro, lacks("答复时间、办理时限与回访结果", "三率排名"))
	} else {
		rateTables(&s, rates, f)
	}
	switch {
	case f.Department == 0:
		s.Intro = append(s.Intro, lacks("承办单位", "派单指标"))
	case f.Dispatched == 0:
		s.Intro = append(s.Intro, lacks("派单时间", "派单指标"))
	default:
		dispatchTable(&s, d.first, d.deadline)
		s.Bullets = append(s.Bullets, d.month.lines(f)...)
	}
	return s
}

// dispatch is what the briefing says of dispatch: first-time correct
// dispatch and the deadline per department, and the month's dispatch
// against the suggestions.
type dispatch struct {
	first    []analysis.FirstDispatchRow
	deadline []analysis.DeadlineRow
	month    monthDispatch
}

// rateTables adds the three-rate rankings of districts and departments to
// s, and a chart of the districts' satisfaction.
func rateTables(s *Section, rates []analysis.RatesRow, f fields) {
	for _, kind := range []struct {
		key          ticket.ScopeKind
		title, field string
		filled       int64
	}{{ticket.ScopeDistrict, "各区三率排名", "区", f.District}, {ticket.ScopeDepartment, "承办单位三率排名", "承办单位", f.Department}} {
		if kind.filled == 0 {
			s.Intro = append(s.Intro, lacks(kind.field, kind.title))
			continue
		}
		t := Table{Caption: kind.title, Columns: []string{"排名（满意率）", "单位", "件数", "响应率", "解决率", "满意率", "重办"}}
		var names []string
		var vals []float64
		for _, r := range rates {
			if r.UnitKind != string(kind.key) {
				continue
			}
			t.Rows = append(t.Rows, []Cell{C(itoa(r.SatisfactionRank)), C(r.Unit), C(itoa(r.Tickets)), C(pctp(r.Response)),
				C(pctp(r.Resolution)), C(pctp(r.Satisfaction)), C(itoa(r.Rehandled))})
			if r.Satisfaction != nil && kind.key == ticket.ScopeDistrict {
				names, vals = append(names, text.FoldSpace(r.Unit)), append(vals, *r.Satisfaction*100)
			}
		}
		s.Tables = append(s.Tables, t)
		if len(names) > 0 {
			s.Charts = append(s.Charts, BarChart("各区满意率（%）", names, vals))
		}
	}
}

// dispatchTable adds first-time correct dispatch and the dispatch deadline
// per department to s, with the count of departments below target.
func dispatchTable(s *Section, fd []analysis.FirstDispatchRow, dl []analysis.DeadlineRow) {
	ft := Table{Caption: "一次派准率（目标 98%）与派单时限", Columns: []string{"承办单位", "一次派准率", "达标", "退回", "转派", "派单及时率"}}
	onTime := map[string]*float64{}
	for _, d := range dl {
		onTime[d.Department] = d.Rate
	}
	below := 0
	for _, f := range fd {
		ok := "是"
		if !f.MeetsTarget {
			ok, below = "否", below+1
		}
		ft.Rows = append(ft.Rows, []Cell{C(f.Department), C(pct(f.Rate)), C(ok), C(itoa(f.Returns)), C(itoa(f.Reassigns)), C(pctp(onTime[f.Department]))})
	}
	s.Tables = append(s.Tables, ft)
	s.Bullets = []string{fmt.Sprintf("一次派准率未达 98%% 的承办单位 %d 个（按派准率由低到高列出）。", below)}
}

func trends(cl []clusterRow, lastMonday time.Time) Section {
	var labels []string
	for i := 0; i < 8; i++ {
		labels = append(labels, ticket.WeekName(lastMonday.AddDate(0, 0, 7*(i-7))))
	}
	var series []Series
	for _, c := range cl[:min(trendLines, len(cl))] {
		series = append(series, Series{Name: text.FoldSpace(c.Name), Values: c.Weekly})
	}
	return Section{Heading: "重点类案走势", Charts: []template.HTML{TrendChart("前五类案近8周事项数", labels, series)}}
}

func emerged(cl []clusterRow) Section {
	s := Section{Heading: "本月新发与激增问题"}
	for _, c := range cl {
		if c.Flag != "" {
			s.Bullets = append(s.Bullets, fmt.Sprintf("【%s】%s：本月 %d 起。", flagText(c.Flag), c.Name, c.Events))
		}
	}
	if len(s.Bullets) == 0 {
		s.Intro = []string{"本月没有新发或激增的类案。"}
	}
	return s
}

func fell(cl []clusterRow) Section {
	s := Section{Heading: "治理见效：量降类案", Intro: []string{fmt.Sprintf("上月不少于 %d 起、本月下降 %.0f%% 以上的类案。", fallFloor, fallShare*100)}}
	var rows []clusterRow
	for _, c := range cl {
		if c.Prev >= fallFloor && float64(c.Events) <= (1-fallShare)*float64(c.Prev) {
			rows = append(rows, c)
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Prev-rows[a].Events > rows[b].Prev-rows[b].Events })
	t := Table{Caption: "量降类案", Columns: []string{"类案", "上月", "本月", "变化"}}
	for _, c := range rows {
		t.Rows = append(t.Rows, []Cell{C(c.Name), C(itoa(c.Prev)), C(itoa(c.Events)), C(change(c.Events, c.Prev))})
	}
	s.Tables = []Table{t}
	return s
}

func proactive(f analysis.Funnel, fl fields) Section {
	if fl.Clue == 0 {
		return Section{Heading: "未诉先办", Intro: []string{lacks("线索编号", "未诉先办")}}
	}
	return Section{Heading: "未诉先办", Bullets: []string{fmt.Sprintf(
		"主动发现立案 %d 件，已派单 %d 件，已办结 %d 件，回访解决 %d 件，满意 %d 件。", f.Filed, f.Dispatched, f.Closed, f.Resolved, f.Satisfied)}}
}

// recommend proposes next month's topics: flagged clusters, then the
// largest growing ones, then the district with the lowest satisfaction.
func recommend(cl []clusterRow, rates []analysis.RatesRow) Section {
	s := Section{Heading: "下月建议关注"}
	for _, c := range cl {
		if c.Flag != "" && len(s.Bullets) < 3 {
			s.Bullets = append(s.Bullets, fmt.Sprintf("%s（%s，本月 %d 起）：建议开展类案专题研判。", c.Name, flagText(c.Flag), c.Events))
		}
	}
	for _, c := range cl {
		if len(s.Bullets) >= 5 {
			break
		}
		if c.Flag == "" && c.Prev > 0 && c.Events > c.Prev && c.Events >= fallFloor {
			s.Bullets = append(s.Bullets, fmt.Sprintf("%s（本月 %d 起，环比 %s）：持续上升，建议追溯源头。", c.Name, c.Events, change(c.Events, c.Prev)))
		}
	}
	var worst *analysis.RatesRow
	for i, r := range rates {
		if r.UnitKind == string(ticket.ScopeDistrict) && r.Satisfaction != nil && (worst == nil || *r.Satisfaction < *worst.Satisfaction) {
			worst = &rates[i]
		}
	}
	if worst != nil {
		s.Bullets = append(s.Bullets, fmt.Sprintf("%s 满意率 %s，全市最低：建议督办不满意工单。", worst.Unit, pctp(worst.Satisfaction)))
	}
	if len(s.Bullets) == 0 {
		s.Intro = []string{"本月没有新发、激增或持续上升的类案，暂无专题建议。"}
	}
	return s
}
