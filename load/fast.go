package load

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// fastStop is the message with which load_fast_insert.sql stops at the
// first row that is not a good new ticket; the loader reads it as "take the
// classifying path", not as a failure.
const fastStop = "leian load: fast path stopped at a row that is not a good new ticket"

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

// loadFast loads a file of good new tickets only (a first load, the export
// of a new day) in one pass: load_fast_insert.sql writes the checked rows
// straight into tickets, then load_fast_check.sql makes sure the pass saw
// everything (no structural rejects, no ticket twice), and the loads row and
// the catalogue follow, all in one transaction. done is false, with nothing
// written, when any row needs the classifying path (a bad field, a stored
// ticket, a repeat, a row the reader cannot split, or any other error but
// a cancelled ctx); the view checked must read the staged file (see check).
func (l *Loader) loadFast(ctx context.Context, c *sql.Conn, res *Result, p pending) (done bool, err error) {
	if l.classifyOnly {
		return false, nil
	}
	t0 := time.Now()
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if err := l.scan(ctx, tx, "load_next_id.sql", nil, &res.LoadID); err != nil {
		return false, err
	}
	q, err := l.query("load_fast_insert.sql")
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, q, res.LoadID, fastStop); err != nil {
		if ctx.Err() != nil {
			return false, fmt.Errorf("load_fast_insert.sql: %w", err)
		}
		// The classifying path takes the file from here; an error that is
		// not a stop (an unreadable file) comes back from it as well.
		l.Log.Debug("load step", "fast", false, "stop", strings.Contains(err.Error(), fastStop),
			"err", err, "seconds", time.Since(t0).Seconds())
		return false, nil
	}
	l.Log.Debug("load step", "query", "load_fast_insert.sql", "seconds", time.Since(t0).Seconds())
	t1 := time.Now()
	n, err := l.fastChecked(ctx, tx, res)
	l.Log.Debug("load step", "query", "load_fast_check.sql", "seconds", time.Since(t1).Seconds())
	if err != nil || n < 0 {
		return false, err
	}
	if res.SHA256, err = p.sum(); err != nil {
		return false, err
	}
	if err := l.fastRecord(ctx, tx, res, n, p.started); err != nil {
		return false, err
	}
	res.Summary, res.fast = Summary{Read: n, Inserted: n}, true
	if l.beforeCommit != nil {
		l.beforeCommit()
	}
	l.Log.Debug("load step", "fast", true, "seconds", time.Since(t0).Seconds())
	return true, tx.Commit()
}

// fastChecked returns how many rows the fast pass wrote, or -1 when the file
// needs the classifying path after all: staging found structural rejects
// (an XLSX row wider than its header, a JSON line that is not an object; a
// CSV row the reader cannot split stops the pass itself), or the file holds
// a ticket more than once.
func (l *Loader) fastChecked(ctx context.Context, tx *sql.Tx, res *Result) (int64, error) {
	var structural, rows, repeats int64
	if err := l.scan(ctx, tx, "load_fast_check.sql", []any{res.LoadID}, &structural, &rows, &repeats); err != nil {
		return 0, err
	}
	if structural > 0 || repeats > 0 {
		l.Log.Debug("load step", "fast", false, "structural", structural, "repeats", repeats)
		return -1, nil
	}
	return rows, nil
}

// fastRecord writes the loads row and the new catalogue items of a load the
// fast path wrote, n rows read and inserted.
func (l *Loader) fastRecord(ctx context.Context, tx *sql.Tx, res *Result, n int64, started time.Time) error {
	steps := []mergeStep{
		{"load_fast_record.sql", []any{res.LoadID, res.Path, res.SHA256, res.Format, nullable(res.Encoding), res.Profile, n, started}},
		{"load_fast_catalogue.sql", []any{res.LoadID}},
	}
	for _, s := range steps {
		q, err := l.query(s.file)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, s.args...); err != nil {
			return fmt.Errorf("%s: %w", s.file, err)
		}
	}
	return nil
}

// scan runs the one-row query of the queries file in tx and scans its
// columns into dest.
func (l *Loader) scan(ctx context.Context, tx *sql.Tx, file string, args []any, dest ...any) error {
	q, err := l.query(file)
	if err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
