package surge

import (
	"context"
	"database/sql"
	"io/fs"
	"math"
	"sort"
	"time"

	"github.com/leian/leian/ticket"
	"gonum.org/v1/gonum/stat/distuv"
)

// Surge-test settings. Weekly event counts of one cluster are modelled as
// Poisson around the mean of its own trailing weeks; a week is a surge when
// the upper tail P(X >= count) is below surgeAlpha and the count is at least
// surgeRatio times the baseline and at least minSurgeCount. surgeAlpha is
// small because a year of 150 clusters makes about 8,000 tests a run
// (doc.go reports the false alarms on generated data).
const (
	baselineWeeks = 8
	surgeAlpha    = 1e-5
	surgeRatio    = 2.0
	minSurgeCount = 8
	lambdaFloor   = 0.5 // a baseline of zero is read as 0.5 events a week
	// newMaxBaseline: a cluster with at most this many events in all its
	// trailing weeks that reaches minSurgeCount is a new issue.
	newMaxBaseline = 1
)

// Flag is a surging or new cluster in a week.
type Flag struct {
	ClusterID int64
	Week      string
	Count     int64
	Baseline  float64
	P         float64
	Kind      ticket.Flag
}

// Weekly is one cluster's event count in a week.
type Weekly struct {
	ClusterID int64
	Week      string
	Events    int64
}

// Detect flags surges and new issues in the weeks of series (which may skip
// weeks with no events). Weeks are compared in ISO order; every week between
// a cluster's first and last is considered, zeros included. Output is sorted
// by week, then cluster id.
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
	var flags []Flag
	ids := make([]int64, 0, len(byCluster))
	for id := range byCluster {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	for _, id := range ids {
		counts := byCluster[id]
		flaggedNew, flaggedLast, newAt := false, false, -1
		for w := baselineWeeks; w < len(all); w++ {
			x := counts[all[w]]
			var sum int64
			for b := w - baselineWeeks; b < w; b++ {
				sum += counts[all[b]]
			}
			base := float64(sum) / baselineWeeks
			lambda := math.Max(base, lambdaFloor)
			p := distuv.Poisson{Lambda: lambda}.Survival(float64(x) - 1) // P(X >= x)
			flagged := true
			switch {
			case x < minSurgeCount || flaggedLast: // the week after a flag continues it
				flagged = false
			case sum <= newMaxBaseline && !flaggedNew:
				flags = append(flags, Flag{id, all[w], x, base, p, ticket.FlagNew})
				flaggedNew, newAt = true, w
			case newAt >= 0 && w < newAt+baselineWeeks:
				// A new issue's first weeks are its baseline, not a surge.
				flagged = false
			case sum > newMaxBaseline && p < surgeAlpha && float64(x) >= surgeRatio*base:
				flags = append(flags, Flag{id, all[w], x, base, p, ticket.FlagSurge})
			default:
				flagged = false
			}
			flaggedLast = flagged
		}
	}
	sort.SliceStable(flags, func(a, b int) bool { return flags[a].Week < flags[b].Week })
	return flags
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
