package gen

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// ticket fills every field of one report of ev. Tickets whose handling
// would finish after end are still open: no reply, close or call-back yet.
func (g *generator) ticket(ev *event, rp report, end time.Time) (Ticket, Truth) {
	r := g.r
	var t Ticket
	g.seq++
	id := fmt.Sprintf("GD%s%07d", rp.at.Format("20060102"), g.seq)
	title, content := compose(r, g.cat, ev)
	item := ev.typ.Item
	if ev.consult {
		item = ev.typ.Item + "咨询"
		title, content = consult(r, g.cat, ev)
	}
	if g.cfg.Messy > 0 && g.letters.r.Float64() < g.cfg.Messy {
		title, content = g.letters.write(ev)
	}
	urgent := r.Float64() < ev.typ.Urgent
	dp := g.depts[ev.typ.Department]

	limit := 120 * time.Minute
	if urgent {
		limit = 30 * time.Minute
	}
	delay := time.Duration(float64(limit) * (0.1 + 0.8*r.Float64()))
	if r.Float64() < dp.lateShare {
		delay = limit + time.Duration(1+r.IntN(240))*time.Minute
	}
	dispatched := rp.at.Add(delay).Truncate(time.Minute)
	returns, reassigns, chain := 0, 0, ""
	if r.Float64() < dp.pushShare {
		wrong := dp.neighbours[r.IntN(len(dp.neighbours))]
		if r.IntN(2) == 0 {
			returns = 1
		} else {
			reassigns = 1
		}
		if r.IntN(4) == 0 {
			returns++
		}
		chain = wrong + ">" + dp.name
	}
	hours := dp.replyHours * math.Exp(r.NormFloat64()*0.6) * (1 + float64(returns+reassigns))
	replied := dispatched.Add(time.Duration(hours * float64(time.Hour))).Truncate(time.Minute)
	closed := replied.Add(time.Duration(r.IntN(48*60)) * time.Minute)
	deadline := rp.at.Add(7 * 24 * time.Hour)
	if urgent {
		deadline = rp.at.Add(24 * time.Hour)
	}

	t[0], t[1], t[2], t[3], t[4], t[5] = id, ts(rp.at), rp.channel, rp.caller, title, content
	t[6] = map[bool]string{true: "紧急", false: "一般"}[urgent]
	t[7], t[8] = ev.typ.Category, item
	t[9], t[10], t[11], t[12] = ev.place.District, ev.place.Street, ev.place.Community, ev.place.District+ev.place.Street+ev.addr
	t[13], t[14] = strconv.FormatFloat(ev.place.Lat, 'f', 5, 64), strconv.FormatFloat(ev.place.Lon, 'f', 5, 64)
	t[15] = dp.name
	t[17], t[18], t[19] = strconv.Itoa(returns), strconv.Itoa(reassigns), chain
	t[22] = ts(deadline)
	updated := rp.at
	switch {
	case dispatched.After(end):
		t[23] = "待派单"
		t[15] = ""
	case replied.After(end):
		t[16], t[23] = ts(dispatched), "办理中"
		updated = dispatched
	default:
		t[16], t[20] = ts(dispatched), ts(replied)
		updated = replied
		t[23] = "已答复"
		if !closed.After(end) {
			t[21], t[23] = ts(closed), "已办结"
			updated = closed
			g.callBack(&t, dp)
		}
	}
	t[26] = "否"
	if t[25] == "不满意" && r.IntN(3) == 0 {
		t[26] = "是"
	}
	if rp.channel == clueChannel {
		t[27] = fmt.Sprintf("XS%09d", g.seq)
	}
	t[28] = ts(updated)
	return t, Truth{TicketID: id, IssueType: ev.typ.ID, Event: rp.event}
}

// callBack records the call-back of a closed ticket: 85% are reached.
func (g *generator) callBack(t *Ticket, dp *deptProfile) {
	r := g.r
	if r.Float64() >= 0.85 {
		return
	}
	resolved := r.Float64() < dp.resolved
	t[24] = map[bool]string{true: "是", false: "否"}[resolved]
	u := r.Float64()
	switch {
	case resolved && u < dp.satisfied:
		t[25] = "满意"
	case u < dp.satisfied+(1-dp.satisfied)/2:
		t[25] = "基本满意"
	default:
		t[25] = "不满意"
	}
}

func ts(t time.Time) string { return t.Format(tsLayout) }

// ZhTimestamp rewrites a generated timestamp in the form typical Chinese
// exports use (2024/1/5 8:03); the generator works at minute precision, so
// nothing is lost.
func ZhTimestamp(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d/%d/%d %d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
}
