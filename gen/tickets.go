package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/leian/leian/ticket"
)

// deptProfile is how one department handles its tickets.
type deptProfile struct {
	name       string
	replyHours float64 // median hours from dispatch to reply
	lateShare  float64 // share of tickets dispatched after the deadline
	pushShare  float64 // share of tickets returned or passed on (推诿)
	resolved   float64 // share resolved at call-back
	satisfied  float64 // share 满意 among call-backs; 基本满意 takes half the rest
	neighbours []string
}

func deptProfiles(seed uint64, types []IssueType, misdispatch float64) map[string]*deptProfile {
	r := rand.New(rand.NewPCG(seed, 0xde97))
	var names []string
	seen := map[string]bool{}
	for _, t := range types {
		if !seen[t.Department] {
			seen[t.Department] = true
			names = append(names, t.Department)
		}
	}
	sort.Strings(names)
	m := map[string]*deptProfile{}
	for _, n := range names {
		// a department's share of wrong first dispatches varies around the
		// configured mean (pushSpread's mean is 1)
		m[n] = &deptProfile{name: n, replyHours: 6 + r.Float64()*60, lateShare: 0.01 + r.Float64()*0.08,
			pushShare: min(0.9, misdispatch*pushSpread(r.Float64())), resolved: 0.7 + r.Float64()*0.25,
			satisfied: 0.55 + r.Float64()*0.35}
	}
	related := relatedDepartments(types)
	for _, n := range names {
		pool := related[n]
		if len(pool) == 0 {
			pool = names
		}
		for k := 0; k < 2; k++ {
			if o := pool[r.IntN(len(pool))]; o != n && !slices.Contains(m[n].neighbours, o) {
				m[n].neighbours = append(m[n].neighbours, o)
			}
		}
		if len(m[n].neighbours) == 0 {
			m[n].neighbours = []string{"街道办事处"}
		}
	}
	return m
}

// pushSpread turns a uniform draw into a department's multiple of the mean
// misdispatch share: most departments well under it, a few far over.
func pushSpread(u float64) float64 {
	return (0.005 + u*u*0.12) / 0.045
}

// relatedDepartments returns, for each department, the others that own an
// issue type of a category it has one in (sorted): the plausible wrong
// first dispatch of its tickets.
func relatedDepartments(types []IssueType) map[string][]string {
	byCat := map[string]map[string]bool{}
	for _, t := range types {
		if byCat[t.Category] == nil {
			byCat[t.Category] = map[string]bool{}
		}
		byCat[t.Category][t.Department] = true
	}
	rel := map[string]map[string]bool{}
	for _, t := range types {
		if rel[t.Department] == nil {
			rel[t.Department] = map[string]bool{}
		}
		for d := range byCat[t.Category] {
			if d != t.Department {
				rel[t.Department][d] = true
			}
		}
	}
	out := map[string][]string{}
	for d, set := range rel {
		for o := range set {
			out[d] = append(out[d], o)
		}
		sort.Strings(out[d])
	}
	return out
}

// tsLayout is how generated timestamps are written.
const tsLayout = ticket.TimeLayout

// run generates every day's tickets in order. Follow-up reports of an event
// (other channels, repeat calls) are emitted right after the first report,
// with their own later timestamps.
func (g *generator) run(emit Emit) error {
	end := g.cfg.Start.AddDate(0, 0, g.cfg.Days)
	for d, count := range g.dayCount {
		cum := g.typeWeights(d)
		day := g.cfg.Start.AddDate(0, 0, d)
		for made := 0; made < count; {
			ev := g.newEvent(pick(g.r, cum))
			reports := g.reports(ev, day, end)
			// A question about an issue is asked once: only single reports consult.
			ev.consult = len(reports) == 1 && g.r.Float64() < consultShare
			for _, rp := range reports {
				if made == count {
					break
				}
				t, tr := g.ticket(ev, rp, end)
				if err := emit(&t, tr); err != nil {
					return err
				}
				made++
			}
		}
	}
	return nil
}

type report struct {
	at      time.Time
	channel string
	caller  string
	event   string
}

func (g *generator) newEvent(ti int) *event {
	t := &g.cat.Types[ti]
	p, addr := randomPlace(g.r, g.city, g.cityCum)
	return &event{typ: t, place: p, addr: addr, subject: oneOf(g.r, t.Subjects), problem: oneOf(g.r, t.Problems)}
}

// reports returns the first report of ev on day and any follow-ups, all
// before end.
func (g *generator) reports(ev *event, day, end time.Time) []report {
	first := report{at: day.Add(receivedOffset(g.r)), channel: channels[pick(g.r, channelWeights)], caller: g.caller()}
	g.n++
	first.event = "E" + strconv.Itoa(g.n)
	out := []report{first}
	switch u := g.r.Float64(); {
	case u < multiChannelShare:
		for k := 0; k < 1+g.r.IntN(3); k++ {
			at := first.at.Add(time.Duration(5+g.r.IntN(3*24*60)) * time.Minute)
			out = append(out, report{at: within(at, first.at, end),
				channel: channels[pick(g.r, channelWeights)], caller: g.caller(), event: first.event})
		}
	case u < multiChannelShare+repeatCallerShare:
		at := first.at.Add(time.Duration(1+g.r.IntN(10)) * 24 * time.Hour).Add(time.Duration(g.r.IntN(600)) * time.Minute)
		out = append(out, report{at: within(at, first.at, end), channel: first.channel, caller: first.caller, event: first.event})
	}
	return out
}

// within returns at, the time of a follow-up of a report at first, or, when
// at falls on or after end, at folded back into the minutes left between
// first and end: every report of an event arrives within the period (a
// period that ends on a Sunday has no stray tickets in the next week). The
// fold draws nothing itself; the tickets before the first folded one stay as
// they were (after it, handling that now ends within the period draws its
// call-back).
func within(at, first, end time.Time) time.Time {
	if at.Before(end) {
		return at
	}
	left := end.Sub(first) - time.Minute
	if left <= 0 {
		return first
	}
	return first.Add(time.Minute + (at.Sub(first)-time.Minute)%left)
}

// receivedOffset is the time of day a ticket arrives: busy mornings and
// afternoons, quiet nights. Minute precision, as exports carry.
func receivedOffset(r *rand.Rand) time.Duration {
	h := []float64{1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 12, 9, 10, 12, 12, 11, 9, 8, 7, 6, 5, 3, 2}
	hour := pick(r, cumulative(h))
	return time.Duration(hour)*time.Hour + time.Duration(r.IntN(60))*time.Minute
}

func (g *generator) caller() string {
	if g.r.Float64() < heavyCallerShare {
		k := int(math.Floor(math.Pow(g.r.Float64(), 3) * heavyCallers))
		return fmt.Sprintf("H%05d", k)
	}
	return fmt.Sprintf("C%08d", g.r.IntN(50_000_000))
}
