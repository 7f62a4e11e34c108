package text

import (
	"fmt"
	"testing"
)

func TestFoldSpace(t *testing.T) {
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
		if got := FoldSpace(tc.in); got != tc.want {
			t.Errorf("FoldSpace(%q): got %q; want %q", tc.in, got, tc.want)
		}
	}
}

func ExampleFoldSpace() {
	fmt.Printf("%q\n", FoldSpace("\t关于小区物业乱收费\n\n的投诉  "))
	// Output: "关于小区物业乱收费 的投诉"
}
