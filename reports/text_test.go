package reports

import (
	"fmt"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"路灯不亮", "路灯不亮"},
		{"a b", "a b"},
		{" a", "a"},
		{"a ", "a"},
		{"a  b", "a b"},
		{"\t尊敬的领导：\n\t\t路灯不亮。\r\n", "尊敬的领导： 路灯不亮。"},
		{"A5区\u3000\u3000某小区", "A5区 某小区"},
		{" \t\n ", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q): got %q; want %q", tc.in, got, tc.want)
		}
	}
}

func ExampleFold() {
	fmt.Printf("%q\n", Fold("\t关于小区物业乱收费\n\n的投诉  "))
	// Output: "关于小区物业乱收费 的投诉"
}

func TestExcerptFoldsMasksAndCuts(t *testing.T) {
	for _, tc := range []struct {
		title, content string
		n              int
		want           string
	}{
		{"  路灯不亮\t", "尊敬的领导：\n\t路灯不亮\n已经三天。", 90, "路灯不亮：尊敬的领导： 路灯不亮 已经三天。"},
		{"", "\t只有内容\n", 90, "只有内容"},
		{"标题", "一二\n\n三四五六", 7, "标题：一二 三…"},
	} {
		if got := excerpt(tc.title, tc.content, tc.n); got != tc.want {
			t.Errorf("excerpt(%q, %q, %d): got %q; want %q", tc.title, tc.content, tc.n, got, tc.want)
		}
	}
}

func TestFoldReportLeavesNoWhiteSpaceRuns(t *testing.T) {
	r := &Report{Title: "全市\t每周", Coverage: []string{"a\nb"}, Sections: []Section{{
		Heading: "高频\n类案", Intro: []string{"x  y"}, Bullets: []string{"\t物业·收费\n：3 起"},
		Tables: []Table{{Caption: "c\td", Columns: []string{"类案\n"}, Rows: [][]Cell{{{Text: "外墙\t瓷砖\n脱落", HTML: "<svg>\n</svg>"}}}}},
	}}}
	foldReport(r)
	files, err := Render(r)
	if err != nil {
		t.Fatal(err)
	}
	md := string(files[1].Data)
	for _, want := range []string{"# 全市 每周", "## 高频 类案", "- 物业·收费 ：3 起", "| 外墙 瓷砖 脱落 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if got := r.Sections[0].Tables[0].Rows[0][0].HTML; got != "<svg>\n</svg>" {
		t.Errorf("cell HTML: got %q; want it left alone", got)
	}
}
