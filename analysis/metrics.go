package analysis

import (
	"context"
	"io/fs"
	"time"
)

// Period is a half-open span of time [From, To) and the moment the
// analysis is made (AsOf), which decides what counts as overdue.
type Period struct {
	From, To, AsOf time.Time
}

func (p Period) params() Params {
	return Params{"period_from": p.From, "period_to": p.To, "as_of": p.AsOf}
}

// Metrics runs the metric queries of fsys (queries.FS) on db.
type Metrics struct {
	DB      Querier
	Queries fs.FS
}

// VolumeRow is one line of Volume.
type VolumeRow struct {
	Dimension string   `col:"dimension"` // category, item, district, street, department, channel, total
	Value     string   `col:"value"`
	Tickets   int64    `col:"tickets"`
	Prev      int64    `col:"prev_tickets"`
	LastYear  int64    `col:"last_year_tickets"`
	Change    *float64 `col:"change"`     // on the previous period; nil when it had none
	ChangeYoY *float64 `col:"change_yoy"` // on the same period a year before; nil when it had none
}

// Volume counts the period's tickets by category, item, district, street,
// department and channel, and in total, with the change on the previous
// period of the same length and on the same period last year
// (queries/volume.sql). Open tickets count; a value absent from a
// comparison period has a nil change.
func (m Metrics) Volume(ctx context.Context, p Period) ([]VolumeRow, error) {
	return run[VolumeRow](ctx, m, "volume", p.params())
}

// DeadlineRow is one department's dispatch-deadline compliance.
type DeadlineRow struct {
	Department string   `col:"department"`
	Tickets    int64    `col:"tickets"`
	Dispatched int64    `col:"dispatched"`
	OnTime     int64    `col:"on_time"`
	Late       int64    `col:"late"`
	UrgentLate int64    `col:"urgent_late"`
	Pending    int64    `col:"pending"`
	Rate       *float64 `col:"on_time_rate"` // nil when nothing was dispatched
}

// DispatchDeadline measures dispatch within the limit: the catalogue item's
// deadline if set, else 30 minutes (urgent) or 120 (general)
// (queries/dispatch_deadline.sql). Undispatched tickets are pending and in
// no rate.
func (m Metrics) DispatchDeadline(ctx context.Context, p Period) ([]DeadlineRow, error) {
	return run[DeadlineRow](ctx, m, "dispatch_deadline", p.params())
}

// FirstDispatchRow is one department's first-time correct dispatch.
type FirstDispatchRow struct {
	Department   string  `col:"department"`
	Dispatched   int64   `col:"dispatched"`
	FirstCorrect int64   `col:"first_correct"`
	Rate         float64 `col:"rate"`
	MeetsTarget  bool    `col:"meets_target"` // rate >= 98%
	Returns      int64   `col:"returns"`
	Reassigns    int64   `col:"reassigns"`
}

// FirstDispatch is the share of each department's dispatched tickets never
// returned nor reassigned, target 98% (queries/first_dispatch.sql).
func (m Metrics) FirstDispatch(ctx context.Context, p Period) ([]FirstDispatchRow, error) {
	return run[FirstDispatchRow](ctx, m, "first_dispatch", p.params())
}

// ChainRow is a chain of departments tickets passed through.
type ChainRow struct {
	Chain     string `col:"chain"`
	First     string `col:"first_department"`
	Final     string `col:"final_department"`
	Tickets   int64  `col:"tickets"`
	Returns   int64  `col:"returns"`
	Reassigns int64  `col:"reassigns"`
}

// DispatchChains lists the department chains of passed-on tickets, most
// frequent first (queries/dispatch_chains.sql).
func (m Metrics) DispatchChains(ctx context.Context, p Period) ([]ChainRow, error) {
	return run[ChainRow](ctx, m, "dispatch_chains", p.params())
}

// RatesRow is one unit's three rates and ranks.
type RatesRow struct {
	UnitKind         string   `col:"unit_kind"` // district, street, department
	Unit             string   `col:"unit"`
	Tickets          int64    `col:"tickets"`
	Response         *float64 `col:"response_rate"`
	Resolution       *float64 `col:"resolution_rate"`
	Satisfaction     *float64 `col:"satisfaction_rate"`
	Rated            int64    `col:"rated"`
	Rehandled        int64    `col:"rehandled"`
	ResponseRank     int64    `col:"response_rank"`
	ResolutionRank   int64    `col:"resolution_rank"`
	SatisfactionRank int64    `col:"satisfaction_rank"`
}

// ThreeRates computes response (replied by the deadline, over tickets
// replied or past their deadline at AsOf), resolution (resolved over
// answered call-backs) and satisfaction (满意 or 基本满意 over rated
// call-backs) per district, street and department, ranked, 1 best
// (queries/three_rates.sql). A unit with no denominator has a nil rate and
// ranks last.
func (m Metrics) ThreeRates(ctx context.Context, p Period) ([]RatesRow, error) {
	return run[RatesRow](ctx, m, "three_rates", p.params())
}

// Repeats is the period's repeat requests.
type Repeats struct {
	Tickets     int64    `col:"tickets"`
	InDupGroups int64    `col:"in_dup_groups"`
	DupShare    *float64 `col:"dup_share"` // nil without tickets
	Events      int64    `col:"events"`
	DupGroups   int64    `col:"dup_groups"`
}

// RepeatRequests counts tickets in near-duplicate groups and the events
// they collapse to (queries/repeats.sql).
func (m Metrics) RepeatRequests(ctx context.Context, p Period) (Repeats, error) {
	return one[Repeats](ctx, m, "repeats", p.params())
}

// Contributor is a caller with 10 or more requests.
type Contributor struct {
	CallerID string `col:"caller_id"`
	Requests int64  `col:"requests"`
	Clusters int64  `col:"clusters"`
	Band     string `col:"band"` // 10+ or 100+
}

// Contributors lists callers with 10 or more requests in the period
// (queries/contributors.sql).
func (m Metrics) Contributors(ctx context.Context, p Period) ([]Contributor, error) {
	return run[Contributor](ctx, m, "contributors", p.params())
}

// Funnel is the proactive-discovery funnel from case filed on.
type Funnel struct {
	Filed      int64 `col:"filed"`
	Dispatched int64 `col:"dispatched"`
	Closed     int64 `col:"closed"`
	Resolved   int64 `col:"resolved"`
	Satisfied  int64 `col:"satisfied"`
}

// Proactive is the funnel of tickets filed from clues (queries/proactive.sql).
func (m Metrics) Proactive(ctx context.Context, p Period) (Funnel, error) {
	return one[Funnel](ctx, m, "proactive", p.params())
}

// BacklogRow is one department's open and overdue tickets.
type BacklogRow struct {
	Department string `col:"department"`
	Open       int64  `col:"open"`
	Overdue    int64  `col:"overdue"`
	OldestDays int64  `col:"oldest_days"`
}

// Backlog counts tickets open at asOf, and those past their deadline
// (queries/backlog.sql). A ticket without a deadline is never overdue.
func (m Metrics) Backlog(ctx context.Context, asOf time.Time) ([]BacklogRow, error) {
	return run[BacklogRow](ctx, m, "backlog", Params{"as_of": asOf})
}

// Profile describes one cluster in a period.
type Profile struct {
	Tickets          int64    `col:"tickets"`
	Events           int64    `col:"events"`
	PrevTickets      int64    `col:"prev_tickets"`
	Growth           *float64 `col:"growth"` // nil when the previous period had none
	TopStreets       []string `col:"top_streets"`
	TopAddresses     []string `col:"top_addresses"`
	Concentration    *float64 `col:"concentration"` // Herfindahl index of street shares
	Departments      []string `col:"departments"`
	MedianReplyHours *float64 `col:"median_reply_hours"`
	Satisfaction     *float64 `col:"satisfaction_rate"`
}

// ClusterProfile profiles one cluster in the period (queries/cluster_profile.sql).
func (m Metrics) ClusterProfile(ctx context.Context, clusterID int64, p Period) (Profile, error) {
	ps := p.params()
	ps["cluster_id"] = clusterID
	return one[Profile](ctx, m, "cluster_profile", ps)
}

// WeekCount is a cluster's events in one week.
type WeekCount struct {
	ClusterID int64  `col:"cluster_id"`
	Week      string `col:"week"`
	Events    int64  `col:"events"`
	Tickets   int64  `col:"tickets"`
}

// ClusterSeries returns every cluster's weekly events for weeks weeks from
// the Monday weekFrom, zeros included (queries/cluster_weekly_series.sql).
func (m Metrics) ClusterSeries(ctx context.Context, weekFrom time.Time, weeks int) ([]WeekCount, error) {
	return run[WeekCount](ctx, m, "cluster_weekly_series", Params{"week_from": weekFrom.Format(time.DateOnly), "weeks": weeks})
}

func run[T any](ctx context.Context, m Metrics, name string, p Params) ([]T, error) {
	t, err := Run(ctx, m.DB, m.Queries, name, p)
	if err != nil {
		return nil, err
	}
	return Scan[T](t)
}

func one[T any](ctx context.Context, m Metrics, name string, p Params) (T, error) {
	rows, err := run[T](ctx, m, name, p)
	var zero T
	if err != nil || len(rows) == 0 {
		return zero, err
	}
	return rows[0], nil
}

// MonthlySet runs the full monthly metric set of the mayor briefing
// (volume, deadlines, first dispatch, chains, three rates, repeats,
// contributors, proactive funnel, backlog at p.AsOf) and discards the
// results: the benchmarks time it, and it checks every query still runs.
func (m Metrics) MonthlySet(ctx context.Context, p Period) error {
	for _, f := range []func() error{
		func() error { _, err := m.Volume(ctx, p); return err },
		func() error { _, err := m.DispatchDeadline(ctx, p); return err },
		func() error { _, err := m.FirstDispatch(ctx, p); return err },
		func() error { _, err := m.DispatchChains(ctx, p); return err },
		func() error { _, err := m.ThreeRates(ctx, p); return err },
		func() error { _, err := m.RepeatRequests(ctx, p); return err },
		func() error { _, err := m.Contributors(ctx, p); return err },
		func() error { _, err := m.Proactive(ctx, p); return err },
		func() error { _, err := m.Backlog(ctx, p.AsOf); return err },
	} {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}
