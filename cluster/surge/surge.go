package surge

import (
	"context"
	"database/sql"
	"io/fs"
	"math"
	"sort"
	"time"

	"github.com/leian/leian/ticket"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Surge-test settings. A window of weeks ending with the week tested (the
// week alone, or it and the week before: maxSpan) is a surge when its
// events x are improbably many against the s events of the baselineWeeks
// before the window, x is at least surgeRatio times span times their
// weekly mean, and the week itself has at least minSurgeCount events.
// "Improbably many" is the conditional test of two Poisson rates: if the
// rate did not change, x given x+s is binomial with n = x+s and
// p = span/(span+baselineWeeks), and P(X >= x) must be below surgeAlpha.
// Unlike a Poisson tail around the baseline's mean, it allows for the
// baseline being estimated from eight weeks only, which matters more the
// longer the window.
//
// surgeAlpha keeps the false flags of the one-week Poisson test at 1e-5
// that came before it: on counts that are Poisson at a constant rate of
// 1, 2, 3, 5, 8 or 12 events a week, summed exactly over all outcomes,
// that test flagged 0.005-0.042 weeks per 1,000, the binomial one at 5e-5
// flags 0.004-0.032 for one week and at most 0.011-0.033 for two (the
// Poisson tail over two weeks at 1e-5 would flag up to 0.05-0.16). A year of 150 clusters
// makes about 8,000 tests a run; doc.go reports the false flags on
// generated data against issue 10's bound of 1 per 1,000 cluster-weeks.
const (
	baselineWeeks = 8
	maxSpan       = 2
	surgeAlpha    = 5e-5
	surgeRatio    = 2.0
	minSurgeCount = 8
	lambdaFloor   = 0.5 // a new issue's baseline of zero is read as 0.5 events a week
	// newMaxBaseline: a cluster with at most this many events in all its
	// trailing weeks that reaches minSurgeCount is a new issue.
	newMaxBaseline = 1
)

// Flag is a surging or new cluster in a week.
type Flag struct {
	ClusterID int64
	Week      string
	Count     int64   // events in Week
	Baseline  float64 // mean weekly events of the baselineWeeks before the window
	// P is, for a surge, the binomial tail of the window's events (see
	// surgeAlpha); for a new issue, the Poisson tail P(X >= Count) around
	// Baseline read as at least lambdaFloor.
	P    float64
	Kind ticket.Flag
	// Span is the number of weeks, ending with Week, whose events were
	// tested together: 1, or 2 for a surge over two weeks (not stored).
	Span int
}

// Weekly is one cluster's event count in a week.
type Weekly struct {
	ClusterID int64
	Week      string
	Events    int64
}

// Detect flags surges and new issues in the weeks of series (which may skip
// weeks with no events). Weeks are compared in ISO order; every week between
// the first and last week of the whole series is considered, zeros
// included. A week is tested once it has baselineWeeks weeks before it.
//
// A week with at least minSurgeCount events is a new issue when its
// trailing weeks hold at most newMaxBaseline events (once per cluster; the
// eight weeks after it are its baseline, not surges). Otherwise it is a
// surge when a window ending with it passes the test of surgeAlpha against
// the baselineWeeks before the window. A two-week window is tested only
// when no flag falls in it or its baseline, so a flagged rise is not
// flagged again as it settles. The week after a flag continues it and is
// never flagged. Of two windows that pass, the one with the smaller P is
// reported (the shorter on a tie). Output is sorted by week, then cluster
// id.
func Detect(series []Weekly) []Flag {
	byCluster := map[int64]map[string]int64{}
	var weeks []string
	seen := map[string]bool{}
	for _, s := range series {
		if byCluster[s.ClusterID] == nil {
			byCluster[s.ClusterID] = map[string]int64{}
		}
		byCluster[s.ClusterID][s.Week] += s.Events
		if !seen[s.Week] {
			seen[s.Week] = true
			weeks = append(weeks, s.Week)
		}
	}
	if len(weeks) == 0 {
		return nil
	}
	sort.Strings(weeks)
	all := weekRange(weeks[0], weeks[len(weeks)-1])
	ids := make([]int64, 0, len(byCluster))
	for id := range byCluster {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	var flags []Flag
	counts := make([]int64, len(all))
	for _, id := range ids {
		for w, week := range all {
			counts[w] = byCluster[id][week]
		}
		flags = append(flags, detectCluster(id, counts, all)...)
	}
	sort.SliceStable(flags, func(a, b int) bool { return flags[a].Week < flags[b].Week })
	return flags
}

// detectCluster flags one cluster's weeks; counts[w] is its events in
// weeks[w].
func detectCluster(id int64, counts []int64, weeks []string) []Flag {
	var flags []Flag
	last, newAt := -2, -1 // the weeks of the latest flag and of the new-issue flag
	for w := baselineWeeks; w < len(counts); w++ {
		x := counts[w]
		if x < minSurgeCount || w == last+1 { // the week after a flag continues it
			continue
		}
		sum := total(counts[w-baselineWeeks : w])
		switch {
		case sum <= newMaxBaseline && newAt < 0:
			base := float64(sum) / baselineWeeks
			flags = append(flags, Flag{id, weeks[w], x, base, poissonTail(x, base), ticket.FlagNew, 1})
			newAt, last = w, w
		case newAt >= 0 && w < newAt+baselineWeeks:
			// A new issue's first weeks are its baseline, not a surge.
		case sum > newMaxBaseline:
			if f, ok := surgeAt(counts, w, last); ok {
				f.ClusterID, f.Week = id, weeks[w]
				flags = append(flags, f)
				last = w
			}
		}
	}
	return flags
}

// surgeAt tests the windows ending with week w (see Detect) and returns
// the passing one with the smaller P (the shorter on a tie), if any. last
// is the week of the cluster's latest flag, or below zero.
func surgeAt(counts []int64, w, last int) (Flag, bool) {
	var best Flag
	for span := 1; span <= maxSpan; span++ {
		start := w - span + 1
		if start < baselineWeeks || span > 1 && last >= start-baselineWeeks {
			break
		}
		x := total(counts[start : w+1])
		before := total(counts[start-baselineWeeks : start])
		base := float64(before) / baselineWeeks
		p := binomialTail(x, x+before, float64(span)/float64(span+baselineWeeks))
		strong := p < surgeAlpha && float64(x) >= surgeRatio*float64(span)*base
		if strong && (best.Span == 0 || p < best.P) {
			best = Flag{Count: counts[w], Baseline: base, P: p, Kind: ticket.FlagSurge, Span: span}
		}
	}
	return best, best.Span > 0
}

// poissonTail is P(X >= x) for X Poisson with mean weekly, a mean below
// lambdaFloor read as lambdaFloor.
func poissonTail(x int64, weekly float64) float64 {
	return distuv.Poisson{Lambda: math.Max(weekly, lambdaFloor)}.Survival(float64(x) - 1)
}

// binomialTail is P(X >= x) for X binomial with n trials of probability p,
// as the regularized incomplete beta function I_p(x, n-x+1), which keeps
// its precision in the far tail where 1 - CDF would not. It is 1 when x is
// 0 or less and 0 when x exceeds n.
func binomialTail(x, n int64, p float64) float64 {
	switch {
	case x <= 0:
		return 1
	case x > n:
		return 0
	}
	return mathext.RegIncBeta(float64(x), float64(n-x+1), p)
}

// total is the sum of counts.
func total(counts []int64) int64 {
	var s int64
	for _, c := range counts {
		s += c
	}
	return s
}

// weekRange lists the ISO weeks from first to last inclusive; nothing if
// either is not an ISO week or last comes before first.
func weekRange(first, last string) []string {
	t, _, err := ticket.WeekBounds(first, time.UTC)
	if err != nil {
		return nil
	}
	end, _, err := ticket.WeekBounds(last, time.UTC)
	if err != nil || end.Before(t) {
		return nil
	}
	var out []string
	for ; !t.After(end); t = t.AddDate(0, 0, 7) {
		out = append(out, ticket.WeekName(t))
	}
	return out
}

// WeeklySeries reads every cluster's weekly event counts
// (queries/cluster_weekly.sql).
func WeeklySeries(ctx context.Context, db *sql.DB, queries fs.FS) ([]Weekly, error) {
	q, err := fs.ReadFile(queries, "cluster_weekly.sql")
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, string(q))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Weekly
	for rows.Next() {
		var w Weekly
		var tickets int64
		if err := rows.Scan(&w.ClusterID, &w.Week, &w.Events, &tickets); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
