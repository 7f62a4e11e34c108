package serve

import (
	"context"
	"net/http"
	"time"

	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// topClusters is how many clusters the overview lists.
const topClusters = 10

// volume is a scope's figures for a period (serve_volume.sql).
type volume struct {
	Tickets      int64 `col:"tickets"`
	PrevTickets  int64 `col:"prev_tickets"`
	DispatchLate int64 `col:"dispatch_late"`
	Returned     int64 `col:"returned"`
	Open         int64 `col:"open"`
	Unresolved   int64 `col:"unresolved"`
	Dissatisfied int64 `col:"dissatisfied"`
}

// topCluster is one row of serve_top_clusters.sql.
type topCluster struct {
	ID         int64   `col:"cluster_id"`
	Name       string  `col:"name"`
	Events     int64   `col:"events"`
	Tickets    int64   `col:"tickets"`
	PrevEvents int64   `col:"prev_events"`
	Weekly     []int64 `col:"weekly"`
	Flag       string  `col:"flag"`
}

type surge struct {
	ID       int64   `col:"cluster_id"`
	Name     string  `col:"name"`
	Kind     string  `col:"kind"`
	Count    int64   `col:"count"`
	Baseline float64 `col:"baseline"`
	Tickets  int64   `col:"tickets"`
}

type jobRun struct {
	Job      string    `col:"job"`
	Period   string    `col:"period"`
	Status   string    `col:"status"`
	Started  time.Time `col:"started_at"`
	Finished time.Time `col:"finished_at"`
}

type freshness struct {
	Latest   time.Time `col:"latest_ticket"`
	LastLoad time.Time `col:"last_load"`
}

// overviewData is the overview page: the week and month of the latest
// ticket, as the user's scope sees them.
type overviewData struct {
	Fresh       freshness
	Jobs        []jobRun
	Week, Month string
	WeekVol     volume
	MonthVol    volume
	Top         []topCluster
	Surges      []surge
	WeeksFrom   string // first week of the sparklines
	Empty       bool   // no tickets yet
}

// overview shows the latest week and month (see overviewData).
func (s *Server) overview(w http.ResponseWriter, r *http.Request) error {
	var o overviewData
	err := s.withDB(r, func(ctx context.Context, d *store.DB) error {
		return s.fillOverview(ctx, d, sessionOf(r).role, &o)
	})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "overview", "总览", o)
	return nil
}

func (s *Server) fillOverview(ctx context.Context, d *store.DB, role Role, o *overviewData) error {
	fr, err := queryAs[freshness](ctx, s.q(d), "serve_freshness")
	if err != nil {
		return err
	}
	if o.Jobs, err = queryAs[jobRun](ctx, s.q(d), "serve_job_runs"); err != nil {
		return err
	}
	o.Fresh = fr[0]
	if o.Fresh.Latest.IsZero() {
		o.Empty = true
		return nil
	}
	latest := o.Fresh.Latest.In(ticket.Zone)
	o.Week, o.Month = ticket.WeekName(latest), ticket.MonthName(latest)
	wFrom, wTo, err := ticket.WeekBounds(o.Week, ticket.Zone)
	if err != nil {
		return err
	}
	mFrom, mTo, err := ticket.MonthBounds(o.Month, ticket.Zone)
	if err != nil {
		return err
	}
	sc := role.args()
	sparkFrom := wFrom.AddDate(0, 0, -49)
	o.WeeksFrom = ticket.WeekName(sparkFrom)
	return parallel(
		func() (err error) {
			o.WeekVol, err = s.volume(ctx, d, sc, newSpan(wFrom, wTo, latest, wFrom.AddDate(0, 0, -7)))
			return err
		},
		func() (err error) {
			o.MonthVol, err = s.volume(ctx, d, sc, newSpan(mFrom, mTo, latest, mFrom.AddDate(0, -1, 0)))
			return err
		},
		func() (err error) {
			o.Top, err = queryAs[topCluster](ctx, s.q(d), "serve_top_clusters", append(sc, sparkFrom, o.Week, topClusters)...)
			return err
		},
		func() (err error) {
			o.Surges, err = queryAs[surge](ctx, s.q(d), "serve_surges", append(sc, o.Week, wFrom, wTo)...)
			return err
		},
	)
}

// span is a period [from, to) and the stretch of the previous period it
// is compared with, [prevFrom, prevTo).
type span struct {
	from, to, prevFrom, prevTo time.Time
}

// newSpan compares [from, to) with the same length of the previous
// period starting at prev, counted up to the latest ticket: a month under
// way is compared with as many days of the last.
func newSpan(from, to, latest, prev time.Time) span {
	n := min(to.Sub(from), latest.Sub(from)+time.Second)
	return span{from: from, to: to, prevFrom: prev, prevTo: prev.Add(n)}
}

// volume reads the figures of a scope (sc) for sp (serve_volume.sql).
func (s *Server) volume(ctx context.Context, d *store.DB, sc []any, sp span) (volume, error) {
	vs, err := queryAs[volume](ctx, s.q(d), "serve_volume", append(sc, sp.from, sp.to, sp.prevFrom, sp.prevTo)...)
	if err != nil || len(vs) == 0 {
		return volume{}, err
	}
	return vs[0], nil
}
