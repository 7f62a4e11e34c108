package reports

import (
	"strings"
	"testing"
)

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
