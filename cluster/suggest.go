package cluster

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/leian/leian/cluster/route"
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
)

// ErrNoDepartments reports a database with no clustered ticket whose final
// department is known: there is nothing to learn a suggestion from.
var ErrNoDepartments = errors.New("no clustered ticket with a department to learn from; load tickets with 承办单位 and run leian cluster")

// Suggestion is a department suggested for a ticket: the confidence the
// linear ranker gives it (package route) and, as evidence, the most
// similar past tickets that ended there (masked).
type Suggestion struct {
	Department string  `json:"department"`
	Confidence float64 `json:"confidence"`
	// Item is the catalogue item (目录项) most of the evidence carries,
	// where the data has items.
	Item     string          `json:"item,omitempty"`
	Evidence []SimilarTicket `json:"evidence"`
}

// Suggestion settings: evidence tickets per suggested department, and the
// similar tickets searched for them.
const (
	suggestEvidence  = 3
	suggestNeighbors = 50
)

// Suggest ranks the n departments most likely to own the ticket ticketID
// (when not empty) or the text query, and shows as evidence the most
// similar past tickets that ended in each department (NewSuggester, then
// Suggester.Rank, with masked excerpts).
func (e *Engine) Suggest(ctx context.Context, queries fs.FS, ticketID, query string, n int) ([]Suggestion, error) {
	tokens, err := e.queryTokens(ctx, queries, ticketID, query)
	if err != nil {
		return nil, err
	}
	sg, err := e.NewSuggester(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	ranked := sg.Rank(tokens, n)
	out := make([]Suggestion, len(ranked))
	for i, r := range ranked {
		out[i] = Suggestion{Department: r.Department, Confidence: r.Confidence}
		if out[i].Evidence, out[i].Item, err = e.excerpts(ctx, queries, r.Evidence); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Suggester ranks the departments for new tickets with a loaded route
// model and an index of the past tickets it learned from. It is safe for
// concurrent use; a console keeps one per route model.
type Suggester struct {
	m      *vectors.Model
	ranker route.Ranker
	names  []string // departments, by label
	y      []int    // each past ticket's label (-1: a department the model lacks)
	ids    []string // past tickets
	ix     *vectors.Index
}

// Ranked is a department for a ticket, its confidence and the ids of the
// most similar past tickets that ended there.
type Ranked struct {
	Department string
	Confidence float64
	Evidence   []string
}

// NewSuggester loads the latest full run's stored route model (TrainRoute,
// which the weekly job runs) and indexes the newest past tickets with a
// final department, leaving out skip. Without a stored model it learns one
// from those tickets (a few seconds at 60,000), as the weekly job would.
func (e *Engine) NewSuggester(ctx context.Context, skip string) (*Suggester, error) {
	ac, err := e.arrow(ctx)
	if err != nil {
		return nil, err
	}
	defer ac.Close()
	m, run, err := e.latestWords(ctx, ac)
	if err != nil {
		return nil, err
	}
	ids, depts, docs, err := routeTraining(ctx, ac, e.Tok.Version(), skip, routeTrainMax)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, ErrNoDepartments
	}
	sg := &Suggester{m: m, ids: ids, ix: vectors.NewIndex(m, docs)}
	lin, stored, ok, err := e.route(ctx, ac, m, run)
	switch {
	case err != nil:
		return nil, err
	case ok:
		sg.ranker, sg.names, sg.y = lin, stored, relabel(depts, stored)
	default:
		sg.y, sg.names = route.Labels(depts)
		sg.ranker = route.NewLinear(m, docs, sg.y, len(sg.names), e.Cfg.Seed)
	}
	return sg, nil
}

// Rank returns the n departments most likely to own a ticket of these
// tokens, each with up to three past tickets as evidence.
func (s *Suggester) Rank(tokens []string, n int) []Ranked {
	ranked := s.ranker.Rank(tokens)
	ranked = ranked[:min(n, len(ranked))]
	evidence := map[int][]string{}
	for _, h := range s.ix.LikeTokens(tokens, suggestNeighbors) {
		if l := s.y[h.Doc]; l >= 0 && len(evidence[l]) < suggestEvidence {
			evidence[l] = append(evidence[l], s.ids[h.Doc])
		}
	}
	out := make([]Ranked, len(ranked))
	for i, r := range ranked {
		out[i] = Ranked{Department: s.names[r.Label], Confidence: r.Confidence, Evidence: evidence[r.Label]}
	}
	return out
}

// relabel numbers labels by their position in names (-1 when absent).
func relabel(labels, names []string) []int {
	pos := make(map[string]int, len(names))
	for i, n := range names {
		pos[n] = i
	}
	y := make([]int, len(labels))
	for i, l := range labels {
		y[i] = -1
		if p, ok := pos[l]; ok {
			y[i] = p
		}
	}
	return y
}

// routeTraining reads the tickets with a final department and stored
// tokens (engine_route_training), the newest limit of them, leaving out
// skip.
func routeTraining(ctx context.Context, ac conn, version, skip string, limit int) (ids, depts []string, docs [][]string, err error) {
	rr, err := ac.query(ctx, "engine_route_training", version, skip, int64(limit))
	if err != nil {
		return nil, nil, nil, err
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.RecordBatch()
		idc, dc, tl := rec.Column(0).(*array.String), rec.Column(1).(*array.String), rec.Column(2).(*array.List)
		tv := tl.ListValues().(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			start, end := tl.ValueOffsets(i)
			toks := make([]string, 0, end-start)
			for j := start; j < end; j++ {
				toks = append(toks, strings.Clone(tv.Value(int(j))))
			}
			ids, depts = append(ids, strings.Clone(idc.Value(i))), append(depts, strings.Clone(dc.Value(i)))
			docs = append(docs, toks)
		}
	}
	return ids, depts, docs, rr.Err()
}

// excerpts returns the tickets ids, in that order, with masked titles and
// excerpts (scores are left 0), and the catalogue item most of them carry
// ("" when none does; ties go to the earlier ticket's).
func (e *Engine) excerpts(ctx context.Context, queries fs.FS, ids []string) ([]SimilarTicket, string, error) {
	if len(ids) == 0 {
		return nil, "", nil
	}
	q, err := statements(queries, "engine_ticket_excerpts")
	if err != nil {
		return nil, "", err
	}
	rows, err := e.DB.QueryContext(ctx, q[0], ids)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	byID, items := map[string]SimilarTicket{}, map[string]string{}
	for rows.Next() {
		var s SimilarTicket
		var content, item string
		if err := rows.Scan(&s.TicketID, &s.Received, &s.Title, &content, &item); err != nil {
			return nil, "", err
		}
		s.Title, s.Excerpt = text.FoldSpace(text.Mask(s.Title)), text.Excerpt(text.Mask(content), 60)
		byID[s.TicketID], items[s.TicketID] = s, text.FoldSpace(item)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("cluster: excerpts: %w", err)
	}
	out := make([]SimilarTicket, 0, len(ids))
	count := map[string]int{}
	best := ""
	for _, id := range ids {
		if s, ok := byID[id]; ok {
			out = append(out, s)
			if it := items[id]; it != "" {
				count[it]++
				if count[it] > count[best] {
					best = it
				}
			}
		}
	}
	return out, best, nil
}
