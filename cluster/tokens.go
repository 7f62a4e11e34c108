package cluster

import (
	"context"
	"strings"
	"time"

	"github.com/leian/leian/cluster/text"
)

// segmentBatch: tickets are segmented and their tokens stored this many
// at a time, each batch's texts dropped once segmented, so the texts, the
// joined tokens and DuckDB's staging of them are held for one batch rather
// than the window (a million tickets in one batch peaked at 3.9 GiB of
// resident memory in this stage).
const segmentBatch = 50_000

// tokens sets the tokens of tk's tickets from index from on that have
// none stored (ticket_tokens, for the ticket's current values and this
// tokenizer): segmented now and stored for next time, segmentBatch at a
// time. Their texts are dropped: the tokens of freshly segmented texts
// are held as word ids (vectors.Docs copies each new word) rather than
// pointing into them.
func (e *Engine) tokens(ctx context.Context, ac conn, tk *Tickets, from int) error {
	var miss []int
	for i, t := range tk.Docs.IDs[from:] {
		if t == nil {
			miss = append(miss, from+i)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	t0 := time.Now()
	// Each batch is stored while the next one is segmented: storing is
	// DuckDB's work (and, now and then, a checkpoint), segmenting Go's.
	// A failed store stops the segmenting too (cancel).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs, stored := make(chan storeJob), make(chan error, 1)
	go func() {
		var err error
		for j := range jobs {
			if err == nil {
				if err = e.storeTokens(ctx, ac, j.ids, j.hashes, j.tokens); err != nil {
					cancel()
				}
			}
		}
		stored <- err
	}()
	var err error
	for lo := 0; lo < len(miss) && err == nil; lo += segmentBatch {
		var j storeJob
		if j, err = e.segment(ctx, tk, miss[lo:min(lo+segmentBatch, len(miss))]); err == nil {
			jobs <- j
		}
	}
	close(jobs)
	if serr := <-stored; serr != nil {
		err = serr // the cause when it cancelled the segmenting
	}
	if err != nil {
		return err
	}
	e.Log.Debug("tokens", "segmented", len(miss), "read", tk.Len()-from-len(miss), "seconds", time.Since(t0).Seconds())
	return nil
}

// storeJob is a segmented batch to store: ticket ids, row hashes, tokens.
type storeJob struct {
	ids    []string
	hashes []uint64
	tokens [][]string
}

// segment segments the tickets batch of tk, sets them in tk.Docs, drops
// their texts and returns them to store.
func (e *Engine) segment(ctx context.Context, tk *Tickets, batch []int) (storeJob, error) {
	texts, places, ids := make([]string, len(batch)), make([][]string, len(batch)), make([]string, len(batch))
	hashes := make([]uint64, len(batch))
	for j, i := range batch {
		texts[j], places[j], ids[j], hashes[j] = tk.Texts[i], tk.Places[i], tk.IDs[i], tk.RowHash[i]
		tk.Texts[i] = ""
	}
	got, err := text.Tokenize(ctx, e.Tok, e.Cl, texts, places, 0)
	if err != nil {
		return storeJob{}, err
	}
	for j, i := range batch {
		if got[j] == nil {
			got[j] = []string{}
		}
		for k, w := range got[j] {
			got[j][k] = strings.ReplaceAll(w, "\x1f", "") // the separator of the stored form, below
		}
		tk.Docs.Set(i, got[j])
	}
	return storeJob{ids, hashes, got}, nil
}

// storeTokens keeps the tokens of the tickets ids, read with the row
// hashes, in ticket_tokens under this tokenizer's version. The store is a
// cache: written in its own transaction, whatever the caller then commits
// or not.
func (e *Engine) storeTokens(ctx context.Context, ac conn, ids []string, hashes []uint64, got [][]string) error {
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
	if err := insert(ctx, ac, "tokens_stage", strs("ticket_id", ids), uint64s("row_hash", hashes), strs("tokens", joined)); err != nil {
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
