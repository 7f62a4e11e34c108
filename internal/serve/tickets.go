package serve

import (
	"context"
	"net/http"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/store"
)

// Similar answers: how many candidates to rank (before the scope filter
// drops other departments' tickets) and how many to show.
const (
	similarCandidates = 60
	similarShown      = 20
)

type ticketInfo struct {
	ID           string    `col:"ticket_id"`
	Received     time.Time `col:"received_at"`
	Channel      string    `col:"channel"`
	Urgency      string    `col:"urgency"`
	Category     string    `col:"category"`
	Item         string    `col:"item"`
	District     string    `col:"district"`
	Street       string    `col:"street"`
	Address      string    `col:"address"`
	Department   string    `col:"department"`
	Title        string    `col:"title"`
	Content      string    `col:"content"`
	Status       string    `col:"status"`
	Dispatched   time.Time `col:"dispatched_at"`
	Closed       time.Time `col:"closed_at"`
	Returns      int64     `col:"returns"`
	Reassigns    int64     `col:"reassigns"`
	Satisfaction string    `col:"satisfaction"`
	Rehandled    bool      `col:"rehandled"`
	ClusterID    *int64    `col:"cluster_id"`
	ClusterName  string    `col:"cluster_name"`
	DupGroup     string    `col:"dup_group"`
}

// ticketPage shows one ticket, text masked, if it is the user's to see
// (403 otherwise, 404 for an unknown id).
func (s *Server) ticketPage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var t ticketInfo
	err := s.withDB(r, func(ctx context.Context, d *store.DB) error {
		ts, err := queryAs[ticketInfo](ctx, s.q(d), "serve_ticket", id)
		if err != nil {
			return err
		}
		if len(ts) == 0 {
			return notFound("没有这个工单：" + id)
		}
		t = ts[0]
		return nil
	})
	if err != nil {
		return err
	}
	if !sessionOf(r).role.inScope(t.Department, t.District) {
		return errorf(errDenied, "ticket %s is outside the user's scope", id)
	}
	t.Title, t.Content = text.FoldSpace(text.Mask(t.Title)), text.Mask(t.Content)
	t.Address = text.Mask(t.Address)
	s.render(w, r, http.StatusOK, "ticket", "工单 "+t.ID, t)
	return nil
}

type similarData struct {
	Ticket  string
	Text    string
	Results []cluster.SimilarTicket
	Asked   bool
}

type ticketScope struct {
	ID         string `col:"ticket_id"`
	Department string `col:"department"`
	District   string `col:"district"`
}

// similarPage ranks "cases like this" for a ticket (?ticket=ID, one the
// user may see) or a typed text (?text=...), keeping the user's own
// tickets only.
func (s *Server) similarPage(w http.ResponseWriter, r *http.Request) error {
	d := similarData{Ticket: trimForm(r, "ticket"), Text: trimForm(r, "text")}
	if d.Ticket == "" && d.Text == "" {
		s.render(w, r, http.StatusOK, "similar", "相似案件", d)
		return nil
	}
	d.Asked = true
	tok, err := s.tokenizer()
	if err != nil {
		return err
	}
	role := sessionOf(r).role
	err = s.withDB(r, func(ctx context.Context, db *store.DB) error {
		if d.Ticket != "" {
			if err := s.checkTicket(ctx, db, role, d.Ticket); err != nil {
				return err
			}
		}
		eng := &cluster.Engine{DB: db, Tok: tok, Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: s.cfg.Log, Queries: s.cfg.Queries}
		res, err := eng.Similar(ctx, s.cfg.Queries, d.Ticket, d.Text, similarCandidates)
		if err != nil {
			return err
		}
		d.Results, err = s.keepOwn(ctx, db, role, res)
		return err
	})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "similar", "相似案件", d)
	return nil
}

// checkTicket returns nil if the ticket id exists and role may see it.
func (s *Server) checkTicket(ctx context.Context, db *store.DB, role Role, id string) error {
	sc, err := queryAs[ticketScope](ctx, s.q(db), "serve_ticket_scopes", []string{id})
	if err != nil {
		return err
	}
	if len(sc) == 0 {
		return notFound("没有这个工单：" + id)
	}
	if !role.inScope(sc[0].Department, sc[0].District) {
		return errorf(errDenied, "similar to ticket %s, outside the user's scope", id)
	}
	return nil
}

// keepOwn keeps the answers role may see, at most similarShown, in order.
func (s *Server) keepOwn(ctx context.Context, db *store.DB, role Role, res []cluster.SimilarTicket) ([]cluster.SimilarTicket, error) {
	ids := make([]string, len(res))
	for i, t := range res {
		ids[i] = t.TicketID
	}
	scopes, err := queryAs[ticketScope](ctx, s.q(db), "serve_ticket_scopes", ids)
	if err != nil {
		return nil, err
	}
	ok := map[string]bool{}
	for _, sc := range scopes {
		ok[sc.ID] = role.inScope(sc.Department, sc.District)
	}
	var out []cluster.SimilarTicket
	for _, t := range res {
		if ok[t.TicketID] && len(out) < similarShown {
			out = append(out, t)
		}
	}
	return out, nil
}

// tokenizer loads gse's dictionary the first time "cases like this" is
// asked (a few seconds), then reuses it.
func (s *Server) tokenizer() (*text.Tokenizer, error) {
	s.segOnce.Do(func() {
		seg, err := text.LoadGSE()
		if err != nil {
			s.segErr = err
			return
		}
		s.tok = text.NewTokenizer(seg)
	})
	return s.tok, s.segErr
}
