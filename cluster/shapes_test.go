package cluster

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leian/leian/cluster/vectors"
)

// inputShapes are the sizes and shapes of input every stage must take
// without panicking: nothing, one ticket, a few, identical texts, empty and
// one-character texts, and letters that are all boilerplate.
func inputShapes() map[string][]string {
	rep := func(s string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	var thirty []string
	for i := 0; i < 30; i++ {
		thirty = append(thirty, []string{"小区物业乱收费业主投诉", "夜间施工噪音扰民", "拖欠工资农民工讨薪", "学校入学学位不足"}[i%4]+strings.Repeat("请尽快处理", i%3))
	}
	return map[string][]string{
		"none":        nil,
		"one":         {"小区门口垃圾堆放无人清理"},
		"three":       {"噪音扰民", "拖欠工资", "物业收费"},
		"thirty":      thirty,
		"identical":   rep("夜间施工噪音扰民，严重影响休息", 40),
		"empty":       rep("", 12),
		"one char":    {"好", "差", "的", "。", "a", "1"},
		"boilerplate": rep("尊敬的领导您好！谢谢！", 8),
		"mixed empty": append(rep("", 5), thirty[:10]...),
	}
}

func TestShapesNeverPanic(t *testing.T) {
	seg := loadSeg(t)
	for name, texts := range inputShapes() {
		for _, k := range []int{0, 1, 7} {
			labels := make([]string, len(texts))
			for i := range labels {
				labels[i] = []string{"a", "b"}[i%2]
			}
			cfg := vectors.Defaults()
			cfg.K = k
			r, err := Evaluate(context.Background(), texts, labels, cfg)
			if err != nil {
				t.Errorf("%s k=%d: Evaluate: %v", name, k, err)
				continue
			}
			// leian eval --json prints r: no score may be NaN or infinite.
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("%s k=%d: the result does not encode as JSON: %v", name, k, err)
			}
			if r.Clusters > max(len(texts), 0) {
				t.Errorf("%s k=%d: %d clusters from %d texts", name, k, r.Clusters, len(texts))
			}
			if name == "identical" && k == 0 && r.Clusters != 1 {
				t.Errorf("identical texts: %d clusters; want 1", r.Clusters)
			}
		}
		sim, err := EvaluateSimilar(context.Background(), texts, make([]string, len(texts)), vectors.Defaults())
		if err != nil {
			t.Errorf("%s: EvaluateSimilar: %v", name, err)
		}
		if _, err := json.Marshal(sim); err != nil {
			t.Errorf("%s: the similar result does not encode as JSON: %v", name, err)
		}
		_ = seg
	}
}
