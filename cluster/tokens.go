package cluster

import (
	"context"
	"strings"
	"time"

	"github.com/leian/leian/cluster/text"
)

// tokens returns the feature tokens of tk's tickets: those stored in
// ticket_tokens for the ticket's current values and this tokenizer, and
// for the others, segmented now and stored for next time. The texts are
// dropped (tk.Texts is nil after): the tokens of freshly segmented texts
// are copied once per distinct word rather than pointing into them.
func (e *Engine) tokens(ctx context.Context, ac conn, tk *Tickets) ([][]string, error) {
	defer func() { tk.Texts = nil }()
	docs := make([][]string, tk.Len())
	var miss []int
	for i, t := range tk.Tokens {
		if t == nil {
			miss = append(miss, i)
			continue
		}
		docs[i] = t
	}
	if len(miss) == 0 {
		return docs, nil
	}
	texts, places, ids := make([]string, len(miss)), make([][]string, len(miss)), make([]string, len(miss))
	for j, i := range miss {
		texts[j], places[j], ids[j] = tk.Texts[i], tk.Places[i], tk.IDs[i]
	}
	t0 := time.Now()
	got, err := text.Tokenize(ctx, e.Tok, e.Cl, texts, places, 0)
	if err != nil {
		return nil, err
	}
	intern := map[string]string{}
	for j, i := range miss {
		if got[j] == nil {
			got[j] = []string{}
		}
		for k, w := range got[j] {
			w = strings.ReplaceAll(w, "\x1f", "") // the separator of the stored form, below
			s, ok := intern[w]
			if !ok {
				s = strings.Clone(w)
				intern[s] = s
			}
			got[j][k] = s
		}
		docs[i] = got[j]
	}
	defer func() {
		e.Log.Debug("tokens", "segmented", len(miss), "read", tk.Len()-len(miss), "seconds", time.Since(t0).Seconds())
	}()
	return docs, e.storeTokens(ctx, ac, ids, got)
}

// storeTokens keeps the tokens of the tickets ids in ticket_tokens under
// this tokenizer's version. The store is a cache: written in its own
// transaction, whatever the caller then commits or not.
func (e *Engine) storeTokens(ctx context.Context, ac conn, ids []string, got [][]string) error {
	if err := ac.Exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	defer ac.Exec(context.Background(), "ROLLBACK")
	if err := ac.exec(ctx, "engine_stage_tokens"); err != nil {
		return err
	}
	// Joined by a unit separator and split in SQL: DuckDB scans an Arrow
	// list column far slower (29k tickets: 7.8 s) than a string column.
	joined := make([]string, len(got))
	for j, t := range got {
		joined[j] = strings.Join(t, "\x1f")
	}
	if err := insert(ctx, ac, "tokens_stage", strs("ticket_id", ids), strs("tokens", joined)); err != nil {
		return err
	}
	if err := ac.exec(ctx, "engine_clear_staged_tokens"); err != nil {
		return err
	}
	if err := ac.exec(ctx, "engine_store_tokens", e.Tok.Version()); err != nil {
		return err
	}
	return ac.Exec(ctx, "COMMIT")
}
