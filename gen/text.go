package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
	givenNames = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂兰", "志强", "建国", "海燕"}
	plateChars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
)

// event is what one or more tickets report: an issue at a place.
type event struct {
	typ     *IssueType
	place   Place
	addr    string
	subject string
	problem string
	consult bool // asked as a question (catalogue item "...咨询")
}

// compose writes a ticket's title and content for ev. Each call varies the
// boilerplate, word order and detail, so reports of one event differ in
// wording while sharing place, subject and (usually) problem.
func compose(r *rand.Rand, c *Catalogue, ev *event) (title, content string) {
	var b strings.Builder
	ph := c.Phrases
	if r.IntN(10) < 8 {
		b.WriteString(oneOf(r, ph["opener"]))
	}
	if r.IntN(3) == 0 {
		b.WriteString(oneOf(r, ph["time"]))
		b.WriteString("，")
	}
	loc := ev.place.Street + ev.addr
	switch r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "%s%s的%s%s", ev.place.District, loc, ev.subject, ev.problem)
	case 1:
		fmt.Fprintf(&b, "%s%s，地址在%s%s", ev.subject, ev.problem, ev.place.District, loc)
	case 2:
		fmt.Fprintf(&b, "在%s附近，%s%s", loc, ev.subject, ev.problem)
	default:
		fmt.Fprintf(&b, "%s%s%s", ev.addr, ev.subject, ev.problem)
	}
	b.WriteString("，")
	if r.IntN(2) == 0 {
		b.WriteString(oneOf(r, ph["detail"]))
		b.WriteString("，")
	}
	writePII(r, &b)
	b.WriteString(oneOf(r, ph["closer"]))
	switch r.IntN(3) {
	case 0:
		title = ev.subject + ev.problem
	case 1:
		title = "关于" + ev.place.Street + ev.typ.Item + "的诉求"
	default:
		title = ev.typ.Item + "问题"
	}
	return title, b.String()
}

// consult writes a question about ev's issue: same issue, other catalogue
// item (the item's 咨询 counterpart), other wording.
func consult(r *rand.Rand, c *Catalogue, ev *event) (title, content string) {
	q := []string{"应该找哪个部门处理", "有什么相关规定", "如何投诉", "办理流程是什么", "能否申请赔偿"}
	content = fmt.Sprintf("%s市民咨询：%s%s的问题%s？住在%s%s，%s", oneOf(r, c.Phrases["opener"]), ev.subject, ev.problem,
		oneOf(r, q), ev.place.District, ev.place.Street, oneOf(r, c.Phrases["closer"]))
	return "咨询" + ev.typ.Item, content
}

// writePII adds the personal data callers leave in the text, as real
// tickets do: names, phone numbers, ID card and plate numbers.
func writePII(r *rand.Rand, b *strings.Builder) {
	if r.IntN(5) == 0 {
		fmt.Fprintf(b, "来电人%s%s，", oneOf(r, surnames), []string{"先生", "女士", oneOf(r, givenNames)}[r.IntN(3)])
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(b, "联系电话%s，", phone(r))
	}
	if r.IntN(25) == 0 {
		fmt.Fprintf(b, "身份证号%s，", idCard(r))
	}
	if r.IntN(12) == 0 {
		fmt.Fprintf(b, "涉及车牌号江%c%s，", 'A'+rune(r.IntN(8)), plate(r))
	}
}

func phone(r *rand.Rand) string {
	return fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1e9))
}

func plate(r *rand.Rand) string {
	var b [5]byte
	for i := range b {
		b[i] = plateChars[r.IntN(len(plateChars))]
	}
	return string(b[:])
}

// idCard returns an 18-character resident ID number with a valid check digit.
func idCard(r *rand.Rand) string {
	body := fmt.Sprintf("4201%02d%04d%02d%02d%03d", 1+r.IntN(17), 1950+r.IntN(55), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
	return body + idCheckDigit(body)
}

// idCheckDigit is the ISO 7064 MOD 11-2 check character of the first 17
// digits of a resident ID number (GB 11643).
func idCheckDigit(body string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return string("10X98765432"[sum%11])
}

func oneOf(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }
