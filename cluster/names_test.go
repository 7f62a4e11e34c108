package cluster

import (
	"testing"

	"github.com/leian/leian/cluster/vectors"
)

func TestPhraseName(t *testing.T) {
	docs := [][]string{
		{"外墙", "瓷砖", "脱落", "砸", "车"},
		{"小区", "外墙", "瓷砖", "脱落"},
		{"外墙", "瓷砖", "脱落", "危险"},
		{"瓷砖", "掉落"},
	}
	terms := []string{"瓷砖", "外墙", "脱落", "小区", "危险"}
	if got := phraseOf(docs, terms); got != "外墙瓷砖脱落" {
		t.Errorf("got %q; want 外墙瓷砖脱落", got)
	}
	// No run in enough documents: the joined terms.
	if got := phraseOf([][]string{{"噪音"}, {"扰民"}}, []string{"噪音", "扰民"}); got != "噪音·扰民" {
		t.Errorf("got %q; want 噪音·扰民", got)
	}
	// A one-character word starts a phrase only where it is bound to the
	// next word: 打 before 不通 in three of its four occurrences, 市
	// before 出租车 in two of five.
	bound := [][]string{{"电话", "打", "不通"}, {"打", "不通"}, {"打", "不通", "投诉"}, {"打", "电话"}}
	if got := phraseOf(bound, []string{"打", "不通", "电话", "投诉"}); got != "打不通" {
		t.Errorf("got %q; want 打不通", got)
	}
	loose := [][]string{{"市", "出租车", "拒载"}, {"市", "出租车", "拒载"}, {"市", "政府"}, {"市", "交通局"}, {"市", "道路"}}
	if got := phraseOf(loose, []string{"市", "出租车", "拒载", "政府"}); got != "出租车拒载" {
		t.Errorf("got %q; want 出租车拒载, without the 市 of every anonymised message", got)
	}
	if got := phraseOf(nil, nil); got != "（无名）" {
		t.Errorf("got %q; want （无名）", got)
	}
}

// phraseOf is PhraseName over all of docs.
func phraseOf(docs [][]string, terms []string) string {
	members := make([]int, len(docs))
	for i := range members {
		members[i] = i
	}
	return PhraseName(vectors.DocsOf(docs), members, terms)
}
