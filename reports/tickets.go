package reports

import "fmt"

// ticketSections lists the tickets a meeting reviews one by one: late
// dispatches, returns and reassignments, unresolved and dissatisfied
// call-backs. A list whose field the data lacks (no dispatch time, no
// call-back) says so in one line instead.
func ticketSections(ts []ticketRow, f fields) []Section {
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
	lateS := Section{Heading: "派单时限", Intro: []string{lacks("派单时间", "派单时限")}}
	passedS := Section{Heading: "退回与转派", Intro: []string{lacks("派单时间", "退回与转派")}}
	if f.Dispatched > 0 {
		lateS = lateSection(late)
		passedS = passedSection(passed)
	}
	unresolvedS := Section{Heading: "未解决与不满意", Intro: []string{lacks("回访结果（是否解决、满意度）", "未解决与不满意工单")}}
	if f.Callback > 0 {
		unresolvedS = unresolvedSection(unresolved)
	}
	return []Section{lateS, passedS, unresolvedS}
}

func lateSection(late []ticketRow) Section {
	t := Table{Caption: "派单超时工单", Columns: []string{"工单", "受理时间", "承办单位", "派单用时（分）", "时限（分）", "类案"}}
	for _, r := range late[:min(listedTickets, len(late))] {
		t.Rows = append(t.Rows, []Cell{C(r.ID), C(r.Received), C(unfilled(r.Department)), C(itoa(r.Minutes)), C(itoa(r.Limit)), C(r.Cluster)})
	}
	return Section{Heading: "派单时限", Intro: []string{fmt.Sprintf("本周派单超时 %d 件（紧急 30 分钟、一般 2 小时或目录项时限）。", len(late))}, Tables: []Table{t}}
}

func passedSection(passed []ticketRow) Section {
	t := Table{Caption: "退回与转派工单", Columns: []string{"工单", "流转", "退回", "转派", "类案"}}
	for _, r := range passed[:min(listedTickets, len(passed))] {
		t.Rows = append(t.Rows, []Cell{C(r.ID), C(r.Chain), C(itoa(r.Returns)), C(itoa(r.Reassigns)), C(r.Cluster)})
	}
	return Section{Heading: "退回与转派", Intro: []string{fmt.Sprintf("本周被退回或转派的工单 %d 件。", len(passed))}, Tables: []Table{t}}
}

func unresolvedSection(unresolved []ticketRow) Section {
	t := Table{Caption: "未解决、不满意与重办工单", Columns: []string{"工单", "承办单位", "满意度", "重办", "摘要（已脱敏）"}}
	for _, r := range unresolved[:min(listedTickets, len(unresolved))] {
		re := ""
		if r.Rehandled {
			re = "是"
		}
		t.Rows = append(t.Rows, []Cell{C(r.ID), C(unfilled(r.Department)), C(orDash(r.Satisfaction)), C(re), C(excerpt(r.Title, r.Content, 60))})
	}
	return Section{Heading: "未解决与不满意", Intro: []string{fmt.Sprintf("本周回访未解决、不满意或重办的工单 %d 件。", len(unresolved))}, Tables: []Table{t}}
}

// ticketQuestions drafts questions from the ticket lists: the chain that
// passes work on most, and the department with most dissatisfied
// call-backs (tickets without a department are left out of that count).
func ticketQuestions(ts []ticketRow) []string {
	chains := map[string]int{}
	dis := map[string]int{}
	for _, t := range ts {
		if t.Chain != "" {
			chains[t.Chain]++
		}
		if t.Dissatisfied && t.Department != "" {
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
