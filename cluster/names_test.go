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
