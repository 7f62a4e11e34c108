package serve

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// Sizes of the cluster page's parts: a year of weeks in the trend, and
// lists short enough to read aloud in a meeting.
const (
	trendWeeks   = 26
	listClusters = 100
	repsShown    = 5
	placesShown  = 8
	dupsShown    = 10
	lineageShown = 20
	membersPage  = 20
	excerptChars = 120
)

type clusterRow struct {
	ID      int64     `col:"cluster_id"`
	Name    string    `col:"name"`
	Terms   []string  `col:"top_terms"`
	Status  string    `col:"status"`
	Members int64     `col:"members"`
	Latest  time.Time `col:"latest"`
}

type clusterListData struct {
	Q        string
	Clusters []clusterRow
}

// clusterList lists the clusters with tickets of the user's scope, largest
// first, or those whose name or terms hold the text q.
func (s *Server) clusterList(w http.ResponseWriter, r *http.Request) error {
	d := clusterListData{Q: trimForm(r, "q")}
	err := s.withDB(r, func(ctx context.Context, db *store.DB) error {
		return s.fillClusterList(ctx, db, sessionOf(r).role, &d)
	})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "clusters", "类案", d)
	return nil
}

func (s *Server) fillClusterList(ctx context.Context, db *store.DB, role Role, d *clusterListData) error {
	var err error
	d.Clusters, err = queryAs[clusterRow](ctx, s.q(db), "serve_clusters", append(role.args(), d.Q, listClusters)...)
	return err
}

type clusterInfo struct {
	ID        int64     `col:"cluster_id"`
	Name      string    `col:"name"`
	Terms     []string  `col:"top_terms"`
	Size      int64     `col:"size"`
	Status    string    `col:"status"`
	FirstSeen time.Time `col:"first_seen"`
	LastSeen  time.Time `col:"last_seen"`
}

type weekCount struct {
	W       int64  `col:"w"`
	Week    string `col:"week"`
	Tickets int64  `col:"tickets"`
	Events  int64  `col:"events"`
}

type ticketLine struct {
	ID         string    `col:"ticket_id"`
	Received   time.Time `col:"received_at"`
	Channel    string    `col:"channel"`
	District   string    `col:"district"`
	Street     string    `col:"street"`
	Department string    `col:"department"`
	Title      string    `col:"title"`
	Content    string    `col:"content"`
	Similarity float64   `col:"similarity"`
}

type place struct {
	Kind    string `col:"kind"`
	Place   string `col:"place"`
	Tickets int64  `col:"tickets"`
}

type dupGroup struct {
	ID       string    `col:"group_id"`
	Tickets  int64     `col:"tickets"`
	Channels []string  `col:"channels"`
	First    time.Time `col:"first_at"`
	Last     time.Time `col:"last_at"`
	IDs      []string  `col:"ticket_ids"`
}

type lineageRow struct {
	Run      int64     `col:"run_id"`
	At       time.Time `col:"finished_at"`
	Relation string    `col:"relation"`
	ID       int64     `col:"cluster_id"`
	PrevID   *int64    `col:"prev_cluster_id"`
	Name     string    `col:"name"`
	PrevName string    `col:"prev_name"`
	Overlap  *float64  `col:"overlap"`
}

type clusterData struct {
	Info     clusterInfo
	Trend    []weekCount
	Chart    chart
	Reps     []ticketLine
	Places   map[string][]place
	Dups     []dupGroup
	Lineage  []lineageRow
	Members  []ticketLine
	Total    int64
	Page     int
	Pages    int
	PrevPage string
	NextPage string
}

// clusterPage shows one cluster: its description (every role), and of the
// user's scope: the weekly trend, representatives, places, near-duplicate
// groups and members page by page, text masked. A department that has
// no ticket in the cluster sees it empty.
func (s *Server) clusterPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return notFound("类案编号应为数字")
	}
	pg, _ := strconv.Atoi(r.FormValue("page"))
	pg = max(pg, 1)
	var c clusterData
	err = s.withDB(r, func(ctx context.Context, d *store.DB) error {
		return s.fillCluster(ctx, d, sessionOf(r).role, id, pg, &c)
	})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "cluster", c.Info.Name, c)
	return nil
}

func (s *Server) fillCluster(ctx context.Context, d *store.DB, role Role, id int64, pg int, c *clusterData) error {
	sc := role.args()
	info, err := queryAs[clusterInfo](ctx, s.q(d), "serve_cluster", id)
	if err != nil {
		return err
	}
	if len(info) == 0 {
		return notFound("没有这个类案：" + strconv.FormatInt(id, 10))
	}
	c.Info = info[0]
	var places []place
	err = parallel(
		func() error { return s.fillTrend(ctx, d, sc, id, c) },
		func() (err error) {
			c.Reps, err = queryAs[ticketLine](ctx, s.q(d), "serve_cluster_reps", append(sc, id, repsShown)...)
			return err
		},
		func() (err error) {
			places, err = queryAs[place](ctx, s.q(d), "serve_cluster_places", append(sc, id, placesShown)...)
			return err
		},
		func() (err error) {
			c.Dups, err = queryAs[dupGroup](ctx, s.q(d), "serve_cluster_dups", append(sc, id, dupsShown)...)
			return err
		},
		func() (err error) {
			c.Lineage, err = queryAs[lineageRow](ctx, s.q(d), "serve_cluster_lineage", id, lineageShown)
			return err
		},
		func() error { return s.fillMembers(ctx, d, sc, id, pg, c) },
	)
	if err != nil {
		return err
	}
	c.Places = map[string][]place{}
	for _, p := range places {
		if p.Kind == "total" {
			c.Total = p.Tickets
			continue
		}
		c.Places[p.Kind] = append(c.Places[p.Kind], p)
	}
	c.Pages = int((c.Total + membersPage - 1) / membersPage)
	if pg < c.Pages {
		c.NextPage = pageLink(id, pg+1)
	}
	for i := range c.Reps {
		masked(&c.Reps[i])
	}
	return nil
}

// parallel runs fs at once, each on a connection of its own, and returns
// the first error in the order of fs. A page's statements read different
// things and DuckDB answers them side by side.
func parallel(fs ...func() error) error {
	errs := make([]error, len(fs))
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Go(func() { errs[i] = f() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// fillTrend reads the weekly counts of the trendWeeks ISO weeks ending
// with the week of the latest ticket.
func (s *Server) fillTrend(ctx context.Context, d *store.DB, sc []any, id int64, c *clusterData) error {
	fr, err := queryAs[freshness](ctx, s.q(d), "serve_freshness")
	if err != nil || fr[0].Latest.IsZero() {
		return err
	}
	from, _, err := ticket.WeekBounds(ticket.WeekName(fr[0].Latest.In(ticket.Zone)), ticket.Zone)
	if err != nil {
		return err
	}
	from = from.AddDate(0, 0, -7*(trendWeeks-1))
	if c.Trend, err = queryAs[weekCount](ctx, s.q(d), "serve_cluster_weekly", append(sc, from, trendWeeks, id)...); err != nil {
		return err
	}
	c.Chart = barChart(c.Trend)
	return nil
}

// memberIDs is how many member ids of a cluster in a scope are read in
// order and kept (serve_cluster_member_ids): 100 pages; later pages are
// read with an offset (serve_cluster_members).
const memberIDs = 100 * membersPage

type idRow struct {
	ID string `col:"ticket_id"`
}

// fillMembers reads page pg of the members (the total, the page count
// and the link to the next page come with the places, in fillCluster):
// the page's ids from the kept order, then their rows.
func (s *Server) fillMembers(ctx context.Context, d *store.DB, sc []any, id int64, pg int, c *clusterData) error {
	off := (pg - 1) * membersPage
	var err error
	if off >= memberIDs {
		c.Members, err = queryAs[ticketLine](ctx, s.q(d), "serve_cluster_members", append(sc, id, membersPage, off)...)
	} else {
		c.Members, err = s.memberPage(ctx, d, sc, id, off)
	}
	if err != nil {
		return err
	}
	for i := range c.Members {
		masked(&c.Members[i])
	}
	c.Page = pg
	if pg > 1 {
		c.PrevPage = pageLink(id, pg-1)
	}
	return nil
}

func (s *Server) memberPage(ctx context.Context, d *store.DB, sc []any, id int64, off int) ([]ticketLine, error) {
	rows, err := queryAs[idRow](ctx, s.q(d), "serve_cluster_member_ids", append(sc, id, memberIDs)...)
	if err != nil || off >= len(rows) {
		return nil, err
	}
	ids := make([]string, 0, membersPage)
	for _, r := range rows[off:min(off+membersPage, len(rows))] {
		ids = append(ids, r.ID)
	}
	return queryAs[ticketLine](ctx, s.q(d), "serve_tickets_by_id", ids)
}

func pageLink(id int64, p int) string {
	return "/clusters/" + strconv.FormatInt(id, 10) + "?" + url.Values{"page": {strconv.Itoa(p)}}.Encode() + "#members"
}

// masked replaces a ticket line's title and content by their masked forms
// (phones, ID cards, plates, names), the content cut to an excerpt.
func masked(t *ticketLine) {
	t.Title = text.FoldSpace(text.Mask(t.Title))
	t.Content = text.Excerpt(text.Mask(t.Content), excerptChars)
}
