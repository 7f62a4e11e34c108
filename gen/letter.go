package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// DefaultMessy is the share of tickets written in letter style that leian
// gen and the demo use. Not measured: on a 12345 platform most tickets are
// an operator's summary of a call, while web, app and letter messages are
// the citizens' own words; 0.3 makes the letters a sizeable minority, as
// those channels are.
const DefaultMessy = 0.3

// Shapes of a letter, as shares of letters. Measured on the real
// message-board export ../shared/data/gov495.xlsx (494 messages): 46% name a
// leader or greet (尊敬, 您好, 领导), 41% wish (希望, 恳请), 17% thank,
// 16% go on with 另外/还有/此外/同时, 88% name places by code (A市, K2县),
// and every body is padded with tabs and newlines. Salutations, wishes and
// thanks follow those figures; the others are set for a platform whose
// letters come through several channels, not one anonymised board, and so
// that a test of a few thousand tickets meets every shape.
const (
	salutationShare = 0.45
	wishShare       = 0.45
	thanksShare     = 0.2
	mixedShare      = 0.3 // letters that raise a second matter (another issue type) after the main one
	paddedShare     = 0.5 // bodies padded with tabs and newlines
	spacedShare     = 0.3 // sentences separated by a space or a line break
	codedShare      = 0.5 // districts named by their anonymised code (A3区) rather than their name
)

// letterer writes tickets as citizens write them: salutations and letter
// boilerplate, the place anonymised or not, a narrative that may raise a
// second matter, padding. It draws from its own generator, so the letters
// change no other field: a seed gives the same types, places, times and
// handling whatever the share of letters.
type letterer struct {
	r          *rand.Rand
	cat        *Catalogue
	codes      map[string]string // district name -> anonymised name (A3区)
	byCategory map[string][]int  // category -> indexes of its types
}

func newLetterer(seed uint64, cat *Catalogue, city []District) *letterer {
	l := &letterer{r: rand.New(rand.NewPCG(seed, 0x1e77e5)), cat: cat,
		codes: map[string]string{}, byCategory: map[string][]int{}}
	for i, d := range city {
		l.codes[d.Name] = fmt.Sprintf("A%d区", i+1)
	}
	for i, t := range cat.Types {
		l.byCategory[t.Category] = append(l.byCategory[t.Category], i)
	}
	return l
}

// write returns a title and content for ev in letter style. The main matter
// (ev's subject and problem) comes first and at most length; a second
// matter, when there is one, takes one sentence.
func (l *letterer) write(ev *event) (title, content string) {
	r, ph := l.r, l.cat.Phrases
	district := l.district(ev)
	where := l.where(ev, district)
	var s []string
	if r.Float64() < salutationShare {
		s = append(s, oneOf(r, ph["salutation"]))
	}
	s = append(s, l.opening(ev, where))
	if r.IntN(2) == 0 {
		s = append(s, oneOf(r, ph["detail"])+"。")
	}
	s = append(s, l.elaborate(2+r.IntN(3))...)
	if p := oneOf(r, ev.typ.Problems); !ev.consult && p != ev.problem {
		s = append(s, "而且"+p+"。")
	}
	if !ev.consult && r.Float64() < mixedShare {
		o := l.other(ev.typ)
		s = append(s, oneOf(r, ph["also"])+oneOf(r, o.Subjects)+oneOf(r, o.Problems)+"，"+oneOf(r, ph["elaborate"])+"。")
	}
	var pii strings.Builder
	writePII(r, &pii)
	if pii.Len() > 0 {
		s = append(s, strings.TrimSuffix(pii.String(), "，")+"。")
	}
	if r.Float64() < wishShare {
		s = append(s, oneOf(r, ph["wish"]))
	}
	if r.Float64() < thanksShare {
		s = append(s, oneOf(r, ph["thanks"]))
	}
	if last := s[len(s)-1]; strings.HasSuffix(last, "，") {
		s[len(s)-1] = strings.TrimSuffix(last, "，") + "。"
	}
	return l.subject(ev, district), l.layout(s)
}

// elaborate returns n sentences of the complaints every issue shares, no
// two alike.
func (l *letterer) elaborate(n int) []string {
	pool := l.cat.Phrases["elaborate"]
	n = min(n, len(pool))
	seen := map[int]bool{}
	var out []string
	for len(out) < n {
		if i := l.r.IntN(len(pool)); !seen[i] {
			seen[i] = true
			out = append(out, pool[i]+[]string{"。", "！", "，"}[l.r.IntN(3)])
		}
	}
	return out
}

// opening is the sentence that states the main matter, at where.
func (l *letterer) opening(ev *event, where string) string {
	r, ph := l.r, l.cat.Phrases
	if ev.consult {
		q := []string{"应该找哪个部门处理", "有什么相关规定", "怎么投诉", "需要办理什么手续", "能不能申请赔偿"}
		return fmt.Sprintf("我想咨询一下，%s%s%s的问题%s？", where, ev.subject, ev.problem, oneOf(r, q))
	}
	if r.IntN(2) == 0 {
		return strings.Replace(oneOf(r, ph["intro"]), "{place}", where, 1) + ev.subject + ev.problem + "。"
	}
	return oneOf(r, ph["lead"]) + where + "的" + ev.subject + ev.problem + "。"
}

// district names ev's district as a letter does: its anonymised code, at
// times after the city's (A市A3区), or its name.
func (l *letterer) district(ev *event) string {
	if l.r.Float64() >= codedShare {
		return ev.place.District
	}
	if l.r.IntN(3) == 0 {
		return "A市" + l.codes[ev.place.District]
	}
	return l.codes[ev.place.District]
}

// where is the place of ev in the body: always its address, so that the
// reports of one event share it, with the district or the street or both.
func (l *letterer) where(ev *event, district string) string {
	switch l.r.IntN(3) {
	case 0:
		return district + ev.place.Street + ev.addr
	case 1:
		return district + ev.addr
	}
	return ev.place.Street + ev.addr
}

// subject is a one-line title, as message boards ask for one.
func (l *letterer) subject(ev *event, district string) string {
	if ev.consult {
		return "咨询" + district + ev.typ.Item + "相关问题"
	}
	switch l.r.IntN(6) {
	case 0:
		return district + ev.subject + ev.problem
	case 1:
		return "关于" + district + ev.subject + "的问题"
	case 2:
		return "投诉" + district + ev.subject + ev.problem
	case 3:
		return ev.subject + ev.problem + "，请求解决"
	case 4:
		return district + ev.subject + "问题什么时候能解决？"
	}
	return "反映" + ev.typ.Item + "问题"
}

// other picks a second matter: another type, half the time of the same
// category (vocabulary the two share), else of any.
func (l *letterer) other(t *IssueType) *IssueType {
	for {
		var o *IssueType
		if same := l.byCategory[t.Category]; l.r.IntN(2) == 0 && len(same) > 1 {
			o = &l.cat.Types[same[l.r.IntN(len(same))]]
		} else {
			o = &l.cat.Types[l.r.IntN(len(l.cat.Types))]
		}
		if o.ID != t.ID {
			return o
		}
	}
}

// layout joins the sentences, at times with spaces or line breaks between
// them, and pads the whole with tabs and newlines as board exports do.
func (l *letterer) layout(s []string) string {
	sep := ""
	if l.r.Float64() < spacedShare {
		sep = []string{" ", "\n", "  "}[l.r.IntN(3)]
	}
	body := strings.Join(s, sep)
	if l.r.Float64() < paddedShare {
		body = "\n\t\t\t\t\t\n\t\t\t\t\t" + body + "\n\t\t\t\t"
	}
	return body
}
