package cluster

import (
	"cmp"
	"slices"

	"github.com/leian/leian/cluster/vectors"

	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/leian/leian/cluster/text"
	"gonum.org/v1/gonum/floats"
)

// ErrNoTicket reports a ticket id that is not in the database.
var ErrNoTicket = errors.New("no such ticket")

// SimilarTicket is one answer of Similar.
type SimilarTicket struct {
	TicketID string  `json:"ticket_id"`
	Score    float64 `json:"score"` // LikeScore: TF-vectors.IDF and embedding cosines blended
	Received string  `json:"received"`
	Title    string  `json:"title"`   // masked
	Excerpt  string  `json:"excerpt"` // masked, at most 60 characters
}

// queryTokens returns the feature tokens of the ticket ticketID (its text
// less its own places) when not empty, else of query.
func (e *Engine) queryTokens(ctx context.Context, queries fs.FS, ticketID, query string) ([]string, error) {
	var places []string
	if ticketID != "" {
		var district, street, community, address sql.NullString
		q, err := statements(queries, "engine_ticket_text")
		if err != nil {
			return nil, err
		}
		err = e.DB.QueryRowContext(ctx, q[0], ticketID).Scan(&query, &district, &street, &community, &address)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("ticket %s: %w", ticketID, ErrNoTicket)
		}
		if err != nil {
			return nil, err
		}
		places = []string{address.String, community.String, street.String, district.String}
	}
	return e.Tok.Tokens(e.Cl.Clean(query, places...)), nil
}

// Similar returns the n tickets most like the ticket with id ticketID (when
// not empty) or like query text, from the token table in DuckDB (DuckDB's
// full-text extension is not available offline and would not segment
// Chinese). Ties break by ticket id.
func (e *Engine) Similar(ctx context.Context, queries fs.FS, ticketID, query string, n int) ([]SimilarTicket, error) {
	tokens, err := e.queryTokens(ctx, queries, ticketID, query)
	if err != nil {
		return nil, err
	}
	q, err := statements(queries, "similar_tickets")
	if err != nil {
		return nil, err
	}
	rows, err := e.DB.QueryContext(ctx, q[0], tokens, ticketID, vectors.LikeCandidates)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SimilarTicket
	for rows.Next() {
		var s SimilarTicket
		var content string
		if err := rows.Scan(&s.TicketID, &s.Score, &s.Received, &s.Title, &content); err != nil {
			return nil, err
		}
		s.Title, s.Excerpt = text.FoldSpace(text.Mask(s.Title)), text.Excerpt(text.Mask(content), 60)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := e.rerank(ctx, queries, tokens, out); err != nil {
		return nil, err
	}
	return out[:min(n, len(out))], nil
}

// rerank rescores the candidates found by TF-vectors.IDF with vectors.LikeScore, the
// embedding cosine under the latest full run's words blended in, and sorts
// them, ties by ticket id. Candidates without stored tokens keep vectors.LikeScore
// of their TF-vectors.IDF cosine and an embedding cosine of 0.
func (e *Engine) rerank(ctx context.Context, queries fs.FS, query []string, cands []SimilarTicket) error {
	if len(cands) == 0 {
		return nil
	}
	ac, err := e.arrow(ctx)
	if err != nil {
		return err
	}
	defer ac.Close()
	m, _, err := e.latestWords(ctx, ac)
	if err != nil {
		return err
	}
	q, err := fs.ReadFile(queries, "similar_candidate_tokens.sql")
	if err != nil {
		return err
	}
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.TicketID
	}
	rows, err := e.DB.QueryContext(ctx, string(q), ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	dense := map[string]float64{}
	qv := m.Embed(query)
	for rows.Next() {
		var id string
		var toks []any
		if err := rows.Scan(&id, &toks); err != nil {
			return err
		}
		words := make([]string, 0, len(toks))
		for _, t := range toks {
			if s, ok := t.(string); ok {
				words = append(words, s)
			}
		}
		dense[id] = floats.Dot(qv, m.Embed(words))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range cands {
		cands[i].Score = vectors.LikeScore(cands[i].Score, dense[cands[i].TicketID])
	}
	slices.SortFunc(cands, func(a, b SimilarTicket) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.TicketID, b.TicketID)
	})
	return nil
}
