package reports

import (
	"context"
	"fmt"
	"sort"

	"github.com/leian/leian/analysis"
)

// reviewRow is one line of report_dispatch_review.sql: a ticket of the week
// flagged by a confident dispatch suggestion or passed on.
type reviewRow struct {
	Scope
	ID         string  `col:"ticket_id"`
	Received   string  `col:"received"`
	First      string  `col:"first_department"`
	Department string  `col:"department"`
	Suggested  string  `col:"suggested"`
	Confidence float64 `col:"confidence"`
	Flagged    bool    `col:"flagged"`
	PassedOn   bool    `col:"passed_on"`
	Returns    int64   `col:"returns"`
	Reassigns  int64   `col:"reassigns"`
	Cluster    string  `col:"cluster_name"`
}

// pairsListed is how many bouncing department pairs the section lists.
const pairsListed = 8

// dispatchReview is the 派单复核 section: the week's tickets whose first
// dispatch went against a confident suggestion, how many of them were
// returned or reassigned, and the department pairs that bounce tickets
// most, each with the owner the suggestions name. Without departments in
// the data, or before any suggestion is stored, it says so in one line.
func dispatchReview(rows []reviewRow, f fields) Section {
	s := Section{Heading: "派单复核"}
	switch {
	case f.Department == 0:
		s.Intro = []string{lacks("承办单位", "派单复核")}
		return s
	case f.Suggested == 0:
		s.Intro = []string{"本数据尚无派单建议：周任务据历史工单的最终承办单位建立派单模型后，每日任务为新工单生成建议。以下仅列推诿最多的单位对。"}
	}
	var flagged []reviewRow
	passed := 0
	for _, r := range rows {
		if r.Flagged {
			flagged = append(flagged, r)
			if r.PassedOn {
				passed++
			}
		}
	}
	if f.Suggested > 0 {
		line := fmt.Sprintf("首次派单与高置信派单建议（置信度 60%% 以上，据相似历史工单的最终承办单位）不一致的工单 %d 件，其中已被退回或转派 %d 件", len(flagged), passed)
		if rest := len(flagged) - passed; rest > 0 {
			line += fmt.Sprintf("；其余 %d 件请承办单位核实是否派错", rest)
		}
		s.Intro = []string{line + "。"}
	}
	if len(flagged) > 0 {
		t := Table{Caption: "首次派单与建议不一致的工单", Columns: []string{"工单", "受理时间", "首派单位", "建议承办单位", "置信度", "现承办单位", "退回/转派", "类案"}}
		for _, r := range flagged[:min(listedTickets, len(flagged))] {
			t.Rows = append(t.Rows, []Cell{C(r.ID), C(r.Received), C(unfilled(r.First)), C(r.Suggested), C(pct(r.Confidence)),
				C(unfilled(r.Department)), C(fmt.Sprintf("%d/%d", r.Returns, r.Reassigns)), C(r.Cluster)})
		}
		s.Tables = append(s.Tables, t)
	}
	if t, ok := bouncePairs(rows); ok {
		s.Tables = append(s.Tables, t)
	} else {
		s.Bullets = append(s.Bullets, "本周没有被退回或转派的工单。")
	}
	return s
}

// pair is tickets passed on from one department to another.
type pair struct {
	from, to string
	n        int
	owners   map[string]int // suggested owners of its tickets
}

// bouncePairs tables the department pairs (first dispatch → current
// department) of the passed-on tickets, most tickets first, with the owner
// most of their suggestions name.
func bouncePairs(rows []reviewRow) (Table, bool) {
	byKey := map[[2]string]*pair{}
	for _, r := range rows {
		if !r.PassedOn || r.First == "" || r.First == r.Department {
			continue
		}
		k := [2]string{r.First, r.Department}
		p := byKey[k]
		if p == nil {
			p = &pair{from: r.First, to: r.Department, owners: map[string]int{}}
			byKey[k] = p
		}
		p.n++
		if r.Suggested != "" {
			p.owners[r.Suggested]++
		}
	}
	if len(byKey) == 0 {
		return Table{}, false
	}
	ps := make([]*pair, 0, len(byKey))
	for _, p := range byKey {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].n != ps[j].n {
			return ps[i].n > ps[j].n
		}
		return ps[i].from+ps[i].to < ps[j].from+ps[j].to
	})
	t := Table{Caption: "推诿最多的单位对（首派 → 现承办）", Columns: []string{"首派单位", "现承办单位", "工单", "建议承办单位"}}
	for _, p := range ps[:min(pairsListed, len(ps))] {
		owner, n := maxKey(p.owners)
		who := "—"
		if n > 0 {
			who = fmt.Sprintf("%s（%d/%d 件）", owner, n, p.n)
		}
		t.Rows = append(t.Rows, []Cell{C(p.from), C(p.to), C(itoa(int64(p.n))), C(who)})
	}
	return t, true
}

// monthDispatch is the one row of report_dispatch_month.sql.
type monthDispatch struct {
	Dispatched      int64   `col:"dispatched"`
	FirstCorrect    int64   `col:"first_correct"`
	Rate            float64 `col:"rate"`
	Misses          int64   `col:"misses"`
	Suggested       int64   `col:"suggested"`
	MissesSuggested int64   `col:"misses_suggested"`
	Caught          int64   `col:"caught"`
}

func (b *Builder) dispatchMonth(ctx context.Context, p analysis.Params) (monthDispatch, error) {
	t, err := b.table(ctx, "report_dispatch_month", p)
	if err != nil {
		return monthDispatch{}, err
	}
	rows, err := analysis.Scan[monthDispatch](t)
	if err != nil || len(rows) != 1 {
		return monthDispatch{}, fmt.Errorf("report query report_dispatch_month: %d rows, %v; want 1", len(rows), err)
	}
	return rows[0], nil
}

// lines are the briefing's sentences on first-time correct dispatch
// against the 98% goal and the misses a confident suggestion would have
// caught.
func (m monthDispatch) lines(f fields) []string {
	gap := "达到"
	if m.Rate < 0.98 {
		gap = fmt.Sprintf("低于目标 %.1f 个百分点", (0.98-m.Rate)*100)
	}
	out := []string{fmt.Sprintf("全市一次派准率 %s（目标 98%%，%s）：派单 %d 件，一次派准 %d 件，退回或转派 %d 件。",
		pct(m.Rate), gap, m.Dispatched, m.FirstCorrect, m.Misses)}
	switch {
	case f.Suggested == 0:
		out = append(out, "本数据尚无派单建议，未能评估派单复核可提前发现的误派。")
	case m.Misses > 0:
		out = append(out, fmt.Sprintf("未一次派准的 %d 件中，%d 件有派单建议；其中 %d 件（%s）派单时已有高置信建议指向最终承办单位，按建议派单可一次派准。",
			m.Misses, m.MissesSuggested, m.Caught, pct(float64(m.Caught)/float64(m.Misses))))
	}
	return out
}
