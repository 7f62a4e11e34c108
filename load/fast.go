package load

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The messages with which load_fast_insert.sql stops at the first row that
// is not a good new ticket; the loader reads them as "take another path",
// not as failures.
const (
	stopBad    = "leian load: fast path stopped at a row with a bad field"
	stopStored = "leian load: fast path stopped at a ticket already stored"
)

// pending is what a load in progress needs besides its file: when it
// started and the file's SHA-256, hashed while DuckDB reads the file.
type pending struct {
	started time.Time
	sum     func() (string, error)
}

// hashAsync starts hashing the file at path and returns a function that
// waits for the sum; it may be called any number of times.
func hashAsync(path string) func() (string, error) {
	done := make(chan struct{})
	var sum string
	var err error
	go func() {
		sum, err = HashFile(path)
		close(done)
	}()
	return func() (string, error) {
		<-done
		return sum, err
	}
}

// fastEnd is how a pass of the fast path ended.
type fastEnd int

const (
	fastDone    fastEnd = iota // committed
	fastRejects                // a row to reject: the pass that keeps rejects may take the file
	fastNo                     // only the classifying path can: a stored ticket, a repeat
)

// loadFast loads a file of new tickets only (a first load, the export of a
// new day) without the classified table: load_fast_insert.sql writes the
// checked rows straight into tickets, load_fast_check.sql makes sure that
// no ticket came twice, and the loads row and the catalogue follow, all in
// one transaction. The first pass stops at the first row with a bad field
// or that the reader cannot split; the second then leaves such rows out and
// finds them after by one numbered pass that writes only them
// (load_fast_rejected.sql). done is false, with nothing written, when the
// file needs the classifying path: a ticket already stored, a repeat, bytes
// that are not UTF-8, or an error in both passes (one that is not a stop,
// such as an unreadable file, comes back from that path as well). A
// cancelled ctx is an error.
func (l *Loader) loadFast(ctx context.Context, c *sql.Conn, res *Result, s staged, p pending) (done bool, err error) {
	if l.classifyOnly {
		return false, nil
	}
	end, err := l.fastPass(ctx, c, res, s, p, false)
	if err != nil || end != fastRejects {
		return end == fastDone, err
	}
	end, err = l.fastPass(ctx, c, res, s, p, true)
	return end == fastDone, err
}

// fastPass runs one pass of the fast path in its own transaction; keep
// says whether it leaves out the rows with a bad field and keeps them as
// rejects, or stops at them.
func (l *Loader) fastPass(ctx context.Context, c *sql.Conn, res *Result, s staged, p pending, keep bool) (fastEnd, error) {
	from := "source"
	switch {
	case res.Format == "csv" && keep:
		from = "csv_src"
	case res.Format == "csv":
		from = "csv_strict"
	}
	if err := l.check(ctx, c, s.headers, s.fields, from); err != nil {
		return fastNo, err
	}
	t0 := time.Now()
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fastNo, err
	}
	defer tx.Rollback()
	if err := l.scan(ctx, tx, "load_next_id.sql", nil, &res.LoadID); err != nil {
		return fastNo, err
	}
	if end, err := l.fastInsert(ctx, tx, res.LoadID, keep); end != fastDone || err != nil {
		l.Log.Debug("load step", "fast", false, "keep", keep, "seconds", time.Since(t0).Seconds())
		return end, err
	}
	l.Log.Debug("load step", "query", "load_fast_insert.sql", "keep", keep, "seconds", time.Since(t0).Seconds())
	end, sum, err := l.fastSettle(ctx, tx, res, s, keep)
	if err != nil || end != fastDone {
		return end, err
	}
	if err := l.fastRecord(ctx, tx, res, p, sum); err != nil {
		return fastNo, err
	}
	if l.beforeCommit != nil {
		l.beforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return fastNo, err
	}
	res.Summary, res.fast = sum, true // only what was stored
	l.Log.Debug("load step", "fast", true, "keep", keep, "seconds", time.Since(t0).Seconds())
	return fastDone, nil
}

// fastInsert runs load_fast_insert.sql for load id and tells its stops
// apart: a stored ticket needs the classifying path, a bad field or any
// other error the pass that keeps rejects (if this was not it).
func (l *Loader) fastInsert(ctx context.Context, tx *sql.Tx, id int64, keep bool) (fastEnd, error) {
	q, err := l.query("load_fast_insert.sql")
	if err != nil {
		return fastNo, err
	}
	_, err = tx.ExecContext(ctx, q, id, stopBad, stopStored, keep)
	switch {
	case err == nil:
		return fastDone, nil
	case ctx.Err() != nil:
		return fastNo, fmt.Errorf("load_fast_insert.sql: %w", err)
	case strings.Contains(err.Error(), stopStored) || keep:
		l.Log.Debug("load step", "fast", false, "err", err)
		return fastNo, nil
	}
	l.Log.Debug("load step", "fast", false, "err", err)
	return fastRejects, nil
}

// fastSettle counts what the pass wrote and, for the pass that keeps
// rejects, what it left out: the rows the CSV reader rejected as it read
// (load_csv_rejects.sql) and, by one numbered pass, the rows with a bad
// field (load_fast_rejected.sql, the temp table classified). It returns
// fastNo when the file holds a ticket twice or bytes that are not UTF-8
// (the classifying path reads such a file again as GB18030), fastRejects
// when the first pass leaves structural rejects (an XLSX row wider than its
// header, a JSON line that is not an object).
func (l *Loader) fastSettle(ctx context.Context, tx *sql.Tx, res *Result, s staged, keep bool) (fastEnd, Summary, error) {
	var bad, structural, rows, repeats, rejected, updated int64
	if keep && res.Format == "csv" {
		if err := l.exec(ctx, tx, "load_csv_rejects.sql"); err != nil {
			return fastNo, Summary{}, err
		}
		if err := l.scan(ctx, tx, "load_bad_encoding.sql", nil, &bad); err != nil {
			return fastNo, Summary{}, err
		}
	}
	if err := l.scan(ctx, tx, "load_fast_check.sql", []any{res.LoadID}, &structural, &rows, &repeats); err != nil {
		return fastNo, Summary{}, err
	}
	if bad > 0 || repeats > 0 || structural > 0 && !keep {
		l.Log.Debug("load step", "fast", false, "encoding", bad, "structural", structural, "repeats", repeats)
		if keep || repeats > 0 {
			return fastNo, Summary{}, nil
		}
		return fastRejects, Summary{}, nil
	}
	if keep {
		if err := l.check(ctx, tx, s.headers, s.fields, "source"); err != nil {
			return fastNo, Summary{}, err
		}
		if err := l.exec(ctx, tx, "load_fast_rejected.sql"); err != nil {
			return fastNo, Summary{}, err
		}
		if err := l.scan(ctx, tx, "load_action_counts.sql", nil, &rejected, &updated); err != nil {
			return fastNo, Summary{}, err
		}
	}
	return fastDone, Summary{Read: rows + rejected + structural, Inserted: rows, Rejected: rejected + structural}, nil
}

// fastRecord writes the rejects of a fast load (rejected rows in the temp
// tables classified and structural), its loads row with the counts sum,
// and the new catalogue items, and fills res.FirstRejects.
func (l *Loader) fastRecord(ctx context.Context, tx *sql.Tx, res *Result, p pending, sum Summary) error {
	var err error
	if res.SHA256, err = p.sum(); err != nil {
		return err
	}
	id := []any{res.LoadID}
	var steps []mergeStep
	if sum.Rejected > 0 {
		steps = append(steps, mergeStep{"load_rejects.sql", id}, mergeStep{"load_rejects_structural.sql", id})
	}
	steps = append(steps,
		mergeStep{"load_fast_record.sql", []any{res.LoadID, res.Path, res.SHA256, res.Format, nullable(res.Encoding),
			res.Profile, sum.Read, sum.Inserted, sum.Rejected, p.started}},
		mergeStep{"load_fast_catalogue.sql", id})
	for _, s := range steps {
		if err := l.exec(ctx, tx, s.file, s.args...); err != nil {
			return err
		}
	}
	if sum.Rejected > 0 {
		res.FirstRejects, err = l.firstRejects(ctx, tx, res.LoadID)
	}
	return err
}

// querier is what scan needs of a connection or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scan runs the one-row query of the queries file on c and scans its
// columns into dest.
func (l *Loader) scan(ctx context.Context, c querier, file string, args []any, dest ...any) error {
	q, err := l.query(file)
	if err != nil {
		return err
	}
	if err := c.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
