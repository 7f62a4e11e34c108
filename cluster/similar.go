package cluster

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
)

// ErrNoTicket reports a ticket id that is not in the database.
var ErrNoTicket = errors.New("no such ticket")

// SimilarTicket is one answer of Similar.
type SimilarTicket struct {
	TicketID string  `json:"ticket_id"`
	Score    float64 `json:"score"` // cosine of TF-IDF vectors, 0..1
	Received string  `json:"received"`
	Title    string  `json:"title"`   // masked
	Excerpt  string  `json:"excerpt"` // masked, at most 60 characters
}

// Similar returns the n tickets most like the ticket with id ticketID (when
// not empty) or like text, from the token table in DuckDB (DuckDB's
// full-text extension is not available offline and would not segment
// Chinese). Ties break by ticket id.
func (e *Engine) Similar(ctx context.Context, queries fs.FS, ticketID, text string, n int) ([]SimilarTicket, error) {
	var places []string
	if ticketID != "" {
		var district, street, community, address sql.NullString
		err := e.DB.QueryRowContext(ctx, `SELECT coalesce(title, '') || ' ' || coalesce(content, ''), district, street, community, address
			FROM tickets WHERE ticket_id = ?`, ticketID).Scan(&text, &district, &street, &community, &address)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("similar %s: %w", ticketID, ErrNoTicket)
		}
		if err != nil {
			return nil, err
		}
		places = []string{address.String, community.String, street.String, district.String}
	}
	tokens := e.Tok.Tokens(e.Cl.Clean(text, places...))
	q, err := fs.ReadFile(queries, "similar_tickets.sql")
	if err != nil {
		return nil, err
	}
	rows, err := e.DB.QueryContext(ctx, `SELECT s.ticket_id, s.score, strftime(t.received_at, '%Y-%m-%d %H:%M'), coalesce(t.title, ''), coalesce(t.content, '')
		FROM (`+trimSemicolon(string(q))+`) s JOIN tickets t USING (ticket_id) ORDER BY s.score DESC, s.ticket_id`, tokens, ticketID, n)
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
		s.Title, s.Excerpt = Mask(s.Title), Excerpt(Mask(content), 60)
		out = append(out, s)
	}
	return out, rows.Err()
}

// Excerpt returns the first n characters of s, with "…" when cut.
func Excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func trimSemicolon(q string) string {
	for len(q) > 0 && (q[len(q)-1] == ';' || q[len(q)-1] == '\n' || q[len(q)-1] == ' ') {
		q = q[:len(q)-1]
	}
	return q
}
