package gen

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/leian/leian/ticket"
)

// Config says what to generate.
type Config struct {
	Rows  int       // number of tickets
	Seed  uint64    // same seed, same tickets
	Start time.Time // first day (local midnight, Asia/Shanghai)
	Days  int       // length of the period
	// Messy is the share of tickets written as citizens write (see
	// DefaultMessy): salutations and letter boilerplate, places anonymised
	// (A3区) or named, padding, long narratives, at times a second matter
	// after the main one. 0 writes none; from 0 to 1. The letters change
	// only titles and contents: the ground truth (a ticket's main issue type
	// and its event) and every other field are those of Messy 0.
	Messy float64
	// Misdispatch is the mean share of tickets first dispatched to a
	// plausible wrong department (one owning an issue type of the same
	// category), then returned or reassigned to the right one; departments
	// vary around it. 0 means DefaultMisdispatch, NoMisdispatch none.
	Misdispatch float64
}

// DefaultMisdispatch is the mean share of wrong first dispatches: a
// first-time correct dispatch rate of about 95.5%, short of the platform's
// 98% goal as DOMAIN.md describes real platforms.
const DefaultMisdispatch = 0.045

// NoMisdispatch, as Config.Misdispatch, dispatches every ticket right.
const NoMisdispatch = -1

// Truth is the ground truth of one ticket.
type Truth struct {
	TicketID  string
	IssueType string // IssueType.ID
	Event     string // tickets reporting one event (several channels, or one caller again) share it
	// Department is the department that owns the ticket's issue type (it
	// ends there); FirstDepartment is where it was first dispatched: another
	// one when it was misdispatched, "" while it waits for dispatch.
	Department, FirstDepartment string
}

// Surge is a planted change in an issue type's weekly volume.
type Surge struct {
	IssueType string
	Item      string
	Week      string  // ISO week of the change, e.g. 2026-W20
	Kind      string  // new (absent before), jump (several times its usual volume), drop (falls after action)
	Factor    float64 // multiplier from that week on (jump: that week and the next)
}

// Ticket holds one ticket's fields in the order of ticket.Fields, as text.
type Ticket [ticket.NumCols]string

// Emit receives each generated ticket with its truth.
type Emit func(t *Ticket, tr Truth) error

// Tuned shares. They give a mid-size city's mix; they were set by hand when
// the generator was written (commit 7288547) and no measurement stands
// behind them, so read them as plausible rather than observed.
const (
	multiChannelShare = 0.05 // events reported again through another channel
	repeatCallerShare = 0.03 // callers who call again on the same issue
	heavyCallerShare  = 0.04 // tickets from the pool of frequent contributors
	heavyCallers      = 400
	consultShare      = 0.05 // tickets that ask about an issue rather than report it (catalogue item "...咨询")
	zipfExponent      = 0.9
	clueChannel       = "主动发现"
)

var channels = []string{"12345热线", "微信公众号", "市民APP", "政府网站", "微博", "抖音", "信件", "小程序", clueChannel}
var channelWeights = cumulative([]float64{55, 12, 10, 8, 4, 3, 2, 3, 3})

// ErrConfig reports an unusable Config.
var ErrConfig = errors.New("gen: bad config")

// Generate produces cfg.Rows tickets, calling emit for each, and returns
// the planted surges. Surges are planted only when the period holds at least
// fourteen weeks, so each has a baseline.
func Generate(cfg Config, emit Emit) ([]Surge, error) {
	if cfg.Rows < 0 || cfg.Days <= 0 {
		return nil, fmt.Errorf("%w: rows %d, days %d", ErrConfig, cfg.Rows, cfg.Days)
	}
	if !(cfg.Messy >= 0 && cfg.Messy <= 1) {
		return nil, fmt.Errorf("%w: messy %v, want a share from 0 to 1", ErrConfig, cfg.Messy)
	}
	if !(cfg.Misdispatch == NoMisdispatch || cfg.Misdispatch >= 0 && cfg.Misdispatch <= 1) {
		return nil, fmt.Errorf("%w: misdispatch %v, want a share from 0 to 1", ErrConfig, cfg.Misdispatch)
	}
	cat, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	g := newGenerator(cfg, cat)
	return g.surges, g.run(emit)
}

// misdispatchShare reads Config.Misdispatch.
func misdispatchShare(v float64) float64 {
	switch v {
	case 0:
		return DefaultMisdispatch
	case NoMisdispatch:
		return 0
	}
	return v
}

type generator struct {
	cfg      Config
	r        *rand.Rand
	cat      *Catalogue
	city     []District
	cityCum  []float64
	depts    map[string]*deptProfile
	base     []float64 // Zipf weight per type
	phase    []float64 // seasonal phase per type
	surges   []Surge
	surgeOf  map[int]Surge
	letters  *letterer
	n        int
	seq      int
	dayCount []int
}

func newGenerator(cfg Config, cat *Catalogue) *generator {
	g := &generator{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, 0x1e1a)), cat: cat,
		city: buildGazetteer(cfg.Seed), surgeOf: map[int]Surge{}}
	w := make([]float64, len(g.city))
	for i, d := range g.city {
		w[i] = d.Weight
	}
	g.cityCum = cumulative(w)
	g.depts = deptProfiles(cfg.Seed, cat.Types, misdispatchShare(cfg.Misdispatch))
	g.letters = newLetterer(cfg.Seed, cat, g.city)
	order := g.r.Perm(len(cat.Types)) // rank of each type
	g.base = make([]float64, len(cat.Types))
	g.phase = make([]float64, len(cat.Types))
	for i := range cat.Types {
		g.base[i] = 1 / math.Pow(float64(order[i]+1), zipfExponent)
		g.phase[i] = g.r.Float64() * 2 * math.Pi
	}
	g.plantSurges(order)
	g.dayCount = g.dayCounts()
	return g
}

// plantSurges picks mid-frequency types (ranks 15 to 60) for two new, three
// jump and one drop surge, in weeks from the eleventh on, so that a
// detector has ten weeks of baseline before each.
func (g *generator) plantSurges(order []int) {
	weeks := g.cfg.Days / 7
	if weeks < 14 {
		return
	}
	var mid []int
	for i, rank := range order {
		if rank >= 15 && rank < 60 {
			mid = append(mid, i)
		}
	}
	sort.Ints(mid)
	kinds := []struct {
		kind   string
		factor float64
	}{{"new", 1.5}, {"new", 1.5}, {"jump", 4}, {"jump", 4}, {"jump", 4}, {"drop", 0.25}}
	for _, k := range kinds {
		i := mid[g.r.IntN(len(mid))]
		if _, dup := g.surgeOf[i]; dup {
			continue
		}
		week := 10 + g.r.IntN(weeks-12)
		day := g.cfg.Start.AddDate(0, 0, week*7)
		s := Surge{IssueType: g.cat.Types[i].ID, Item: g.cat.Types[i].Item, Week: ticket.WeekName(day), Kind: k.kind, Factor: k.factor}
		g.surgeOf[i] = s
		g.surges = append(g.surges, s)
	}
	sort.Slice(g.surges, func(a, b int) bool { return g.surges[a].IssueType < g.surges[b].IssueType })
}

// dayCounts spreads Rows over the days by a weekly and seasonal rhythm,
// rounding by largest remainder so the counts add up exactly.
func (g *generator) dayCounts() []int {
	w := make([]float64, g.cfg.Days)
	total := 0.0
	for d := range w {
		day := g.cfg.Start.AddDate(0, 0, d)
		f := 1.0
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			f = 0.7
		}
		f *= 1 + 0.15*math.Sin(2*math.Pi*float64(day.YearDay())/365.25-math.Pi/2)
		w[d] = f
		total += f
	}
	counts := make([]int, len(w))
	type rem struct {
		d int
		r float64
	}
	rems := make([]rem, len(w))
	left := g.cfg.Rows
	for d, f := range w {
		x := f / total * float64(g.cfg.Rows)
		counts[d] = int(x)
		left -= counts[d]
		rems[d] = rem{d, x - float64(counts[d])}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for i := 0; i < left; i++ {
		counts[rems[i%len(rems)].d]++
	}
	return counts
}

// typeWeights returns the cumulative weights of the types on day d.
func (g *generator) typeWeights(d int) []float64 {
	day := g.cfg.Start.AddDate(0, 0, d)
	week := ticket.WeekName(day)
	w := make([]float64, len(g.base))
	for i, b := range g.base {
		w[i] = b * (1 + 0.3*math.Sin(2*math.Pi*float64(day.YearDay())/365.25+g.phase[i]))
		if s, ok := g.surgeOf[i]; ok {
			w[i] *= surgeFactor(s, week, day)
		}
	}
	return cumulative(w)
}

func surgeFactor(s Surge, week string, day time.Time) float64 {
	next := nextWeek(s.Week)
	switch {
	case s.Kind == "new" && week < s.Week:
		return 0
	case s.Kind == "new":
		return s.Factor
	case s.Kind == "jump" && (week == s.Week || week == next):
		return s.Factor
	case s.Kind == "drop" && week >= s.Week:
		return s.Factor
	}
	return 1
}

// nextWeek returns the ISO week after w, a week the generator named itself.
func nextWeek(w string) string {
	next, err := ticket.NextWeek(w)
	if err != nil {
		panic("gen: " + err.Error()) // every surge week comes from ticket.WeekName
	}
	return next
}
