package text

import "testing"

func TestMask(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"联系电话13812345678，请回电", "联系电话138******78，请回电"},
		{"身份证号11010519491231002X", "身份证号1101************2X"},
		{"涉及车牌号京A12345", "涉及车牌号京A***45"},
		{"来电人张伟反映", "来电人某某反映"},
		{"王先生称", "某先生称"},
		{"座机010-12345678", "座机010*******78"},
		{"没有个人信息", "没有个人信息"},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	c := NewCleaner()
	got := c.Clean("市民来电反映：江北区和平街道ＡＢＣ路灯不亮！！联系电话13812345678，请相关部门处理。", "江北区", "和平街道")
	if want := "abc路灯不亮 联系电话"; got != want {
		t.Errorf("Clean = %q; want %q", got, want)
	}
}
