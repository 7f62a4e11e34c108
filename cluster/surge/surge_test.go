package surge

import (
	"fmt"
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
