package gen

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/leian/leian/ticket"
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
	h := g.handle(dp, rp.at, urgent)

	t[ticket.ColTicketID], t[ticket.ColReceivedAt], t[ticket.ColChannel], t[ticket.ColCallerID], t[ticket.ColTitle], t[ticket.ColContent] = id, ts(rp.at), rp.channel, rp.caller, title, content
	t[ticket.ColUrgency] = map[bool]string{true: "紧急", false: "一般"}[urgent]
	t[ticket.ColCategory], t[ticket.ColItem] = ev.typ.Category, item
	t[ticket.ColDistrict], t[ticket.ColStreet], t[ticket.ColCommunity], t[ticket.ColAddress] = ev.place.District, ev.place.Street, ev.place.Community, ev.place.District+ev.place.Street+ev.addr
	t[ticket.ColLat], t[ticket.ColLon] = strconv.FormatFloat(ev.place.Lat, 'f', 5, 64), strconv.FormatFloat(ev.place.Lon, 'f', 5, 64)
	t[ticket.ColDepartment] = dp.name
	t[ticket.ColReturns], t[ticket.ColReassigns], t[ticket.ColDispatchChain] = strconv.Itoa(h.returns), strconv.Itoa(h.reassigns), h.chain
	t[ticket.ColDeadlineAt] = ts(h.deadline)
	updated := g.progress(&t, h, dp, rp.at, end)
	t[ticket.ColRehandled] = "否"
	if t[ticket.ColSatisfaction] == "不满意" && r.IntN(3) == 0 {
		t[ticket.ColRehandled] = "是"
	}
	if rp.channel == clueChannel {
		t[ticket.ColClueID] = fmt.Sprintf("XS%09d", g.seq)
	}
	t[ticket.ColUpdatedAt] = ts(updated)
	first := dp.name
	switch {
	case t[ticket.ColDepartment] == "":
		first = "" // not dispatched yet
	case h.chain != "":
		first = h.wrong
	}
	return t, Truth{TicketID: id, IssueType: ev.typ.ID, Event: rp.event, Department: dp.name, FirstDepartment: first}
}

// handling is how a ticket received at some time would be handled.
type handling struct {
	dispatched, replied, closed, deadline time.Time
	returns, reassigns                    int
	chain                                 string // departments passed through, "" when dispatched right
	wrong                                 string // the first, wrong department when misdispatched
}

// handle draws the handling of a ticket received at at by dp: dispatch
// within the limit (30 min urgent, 2 h general) unless late, sometimes to
// a wrong department first, then reply and close.
func (g *generator) handle(dp *deptProfile, at time.Time, urgent bool) handling {
	r := g.r
	var h handling
	limit := 120 * time.Minute
	if urgent {
		limit = 30 * time.Minute
	}
	delay := time.Duration(float64(limit) * (0.1 + 0.8*r.Float64()))
	if r.Float64() < dp.lateShare {
		delay = limit + time.Duration(1+r.IntN(240))*time.Minute
	}
	h.dispatched = at.Add(delay).Truncate(time.Minute)
	if r.Float64() < dp.pushShare {
		wrong := dp.neighbours[r.IntN(len(dp.neighbours))]
		if r.IntN(2) == 0 {
			h.returns = 1
		} else {
			h.reassigns = 1
		}
		if r.IntN(4) == 0 {
			h.returns++
		}
		h.chain, h.wrong = wrong+">"+dp.name, wrong
	}
	hours := dp.replyHours * math.Exp(r.NormFloat64()*0.6) * (1 + float64(h.returns+h.reassigns))
	h.replied = h.dispatched.Add(time.Duration(hours * float64(time.Hour))).Truncate(time.Minute)
	h.closed = h.replied.Add(time.Duration(r.IntN(48*60)) * time.Minute)
	h.deadline = at.Add(7 * 24 * time.Hour)
	if urgent {
		h.deadline = at.Add(24 * time.Hour)
	}
	return h
}

// progress fills the status and the times of the steps of h done by end,
// with the call-back of a closed ticket, and returns when the ticket was
// last updated.
func (g *generator) progress(t *Ticket, h handling, dp *deptProfile, at, end time.Time) time.Time {
	updated := at
	switch {
	case h.dispatched.After(end):
		t[ticket.ColStatus] = "待派单"
		t[ticket.ColDepartment], t[ticket.ColDispatchChain] = "", ""
		t[ticket.ColReturns], t[ticket.ColReassigns] = "0", "0"
	case h.replied.After(end):
		t[ticket.ColDispatchedAt], t[ticket.ColStatus] = ts(h.dispatched), "办理中"
		updated = h.dispatched
	default:
		t[ticket.ColDispatchedAt], t[ticket.ColRepliedAt] = ts(h.dispatched), ts(h.replied)
		updated = h.replied
		t[ticket.ColStatus] = "已答复"
		if !h.closed.After(end) {
			t[ticket.ColClosedAt], t[ticket.ColStatus] = ts(h.closed), "已办结"
			updated = h.closed
			g.callBack(t, dp)
		}
	}
	return updated
}

// callBack records the call-back of a closed ticket: 85% are reached.
func (g *generator) callBack(t *Ticket, dp *deptProfile) {
	r := g.r
	if r.Float64() >= 0.85 {
		return
	}
	resolved := r.Float64() < dp.resolved
	t[ticket.ColResolved] = map[bool]string{true: "是", false: "否"}[resolved]
	u := r.Float64()
	switch {
	case resolved && u < dp.satisfied:
		t[ticket.ColSatisfaction] = "满意"
	case u < dp.satisfied+(1-dp.satisfied)/2:
		t[ticket.ColSatisfaction] = "基本满意"
	default:
		t[ticket.ColSatisfaction] = "不满意"
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
