package surge

import (
	"fmt"
	"math"
	"testing"

	"github.com/leian/leian/ticket"
)

func series(id int64, counts ...int64) []Weekly {
	var out []Weekly
	for i, c := range counts {
		out = append(out, Weekly{id, fmt.Sprintf("2026-W%02d", i+1), c})
	}
	return out
}

func TestDetect(t *testing.T) {
	var s []Weekly
	s = append(s, series(1, 10, 12, 9, 11, 10, 10, 12, 9, 11, 40)...) // surge in W10
	s = append(s, series(2, 10, 12, 9, 11, 10, 10, 12, 9, 11, 16)...) // noise, no flag
	s = append(s, series(3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 12, 14)...)    // new in W10; W11 continues it, not flagged again
	s = append(s, series(4, 1, 0, 2, 1, 0, 1, 0, 2, 1, 6)...)         // too few to flag
	got := Detect(s)
	want := []struct {
		id   int64
		week string
		kind ticket.Flag
	}{{1, "2026-W10", "surge"}, {3, "2026-W10", "new"}}
	if len(got) != len(want) {
		t.Fatalf("got %d flags %+v; want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].ClusterID != w.id || got[i].Week != w.week || got[i].Kind != w.kind {
			t.Errorf("flag %d: got %+v; want cluster %d %s %s", i, got[i], w.id, w.week, w.kind)
		}
	}
	// Baseline of cluster 1 in W10 is the mean of W2..W9: 84/8.
	if b := got[0].Baseline; b != 10.5 {
		t.Errorf("baseline %v; want 10.5", b)
	}
}

// A cluster of five events a week that triples for two weeks: neither week
// is improbable alone (P 7e-4, then 4e-3 with the first in the baseline),
// the two together are (30 against 40 in eight weeks: P 1.2e-5).
func TestDetectTwoWeekSurge(t *testing.T) {
	got := Detect(series(1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 15, 15))
	if len(got) != 1 {
		t.Fatalf("got %d flags %+v; want 1", len(got), got)
	}
	f := got[0]
	if f.Week != "2026-W11" || f.Kind != ticket.FlagSurge || f.Span != 2 || f.Count != 15 || f.Baseline != 5 {
		t.Errorf("got %+v; want a two-week surge in 2026-W11, 15 events against 5", f)
	}
	if one := Detect(series(1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 15, 5)); len(one) != 0 {
		t.Errorf("one week of 15 against 5: got %+v; want no flag", one)
	}
}

// After a flagged spike, a level still raised is not flagged again: the
// window of W10 and W11 (37 events against 7.25 a week) would pass on its
// own, but its baseline holds the flagged W09.
func TestDetectDoesNotFlagASettlingRiseAgain(t *testing.T) {
	got := Detect(series(1, 4, 4, 4, 4, 4, 4, 4, 4, 30, 25, 12))
	if len(got) != 1 || got[0].Week != "2026-W09" || got[0].Span != 1 {
		t.Errorf("got %+v; want one flag, 2026-W09 alone", got)
	}
	if p := binomialTail(37, 37+58, 2.0/10); p >= surgeAlpha {
		t.Errorf("the W10-W11 window alone: P %g; want below %g (else this test shows nothing)", p, surgeAlpha)
	}
}

func TestBinomialTail(t *testing.T) {
	for _, tc := range []struct {
		x, n int64
		p    float64
		want float64
	}{
		{0, 5, 0.3, 1},
		{6, 5, 0.3, 0},
		{5, 5, 0.5, 1.0 / 32},
		{1, 4, 0.5, 15.0 / 16},
		{3, 10, 0.25, 0.4744071960449213},
		{30, 71, 0.2, 1.6153091553417384e-05}, // summed term by term
	} {
		got := binomialTail(tc.x, tc.n, tc.p)
		if math.Abs(got-tc.want) > 1e-9*tc.want+1e-15 {
			t.Errorf("binomialTail(%d, %d, %g) = %g; want %g", tc.x, tc.n, tc.p, got, tc.want)
		}
	}
}

func TestWeekRangeCrossesYear(t *testing.T) {
	got := weekRange("2025-W51", "2026-W02")
	want := []string{"2025-W51", "2025-W52", "2026-W01", "2026-W02"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v; want %v", got, want)
	}
}

func TestWeekRangeOfBadWeeksIsEmpty(t *testing.T) {
	for _, tc := range [][2]string{{"x", "2026-W05"}, {"2026-W05", "y"}, {"2026-W05", "2026-W01"}} {
		if got := weekRange(tc[0], tc[1]); got != nil {
			t.Errorf("weekRange(%q, %q) = %v; want nothing", tc[0], tc[1], got)
		}
	}
	if got := weekRange("2025-W52", "2026-W02"); len(got) != 3 {
		t.Errorf("weekRange over a year end: %v; want 3 weeks", got)
	}
}
