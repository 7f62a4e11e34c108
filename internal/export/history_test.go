package export

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// historyDB returns a database of generated tickets over three local
// months, plus one received at 00:30 local on 1 November (still October in
// UTC), a few of them in a cluster and a near-duplicate group.
func historyDB(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	d, err := store.Open(ctx, filepath.Join(dir, "h.duckdb"), store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	csv := filepath.Join(dir, "tickets.csv")
	cfg := gen.Config{Rows: 600, Seed: 3, Start: time.Date(2026, 10, 5, 0, 0, 0, 0, ticket.Zone), Days: 80}
	if _, err := gen.Write(cfg, gen.Output{Path: csv}); err != nil {
		t.Fatal(err)
	}
	edge := filepath.Join(dir, "edge.csv")
	body := "ticket_id,received_at,title,content\nEDGE1,2026-11-01 00:30:00,井盖丢失,小区门口井盖丢失\n"
	if err := os.WriteFile(edge, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	l := &load.Loader{DB: d.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, p := range []string{csv, edge} {
		if _, err := l.LoadFile(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO clusters VALUES (7, '井盖丢失', ['井盖', '丢失'], 3, 1, 1, 'active')`,
		`INSERT INTO cluster_members SELECT ticket_id, 7, 0.9, 1 FROM tickets ORDER BY ticket_id LIMIT 3`,
		`INSERT INTO dup_groups SELECT ticket_id, min(ticket_id) OVER () FROM tickets ORDER BY ticket_id LIMIT 2`,
	} {
		if _, err := d.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return d
}

// TestHistoryReadsBack exports the history and reads it back as Spark and
// Trino would see it: read_parquet with hive partitioning gives every row
// of v_tickets (without row_hash) once, with the same values, under the
// local year and month of receipt; exporting again into the same
// directory, also after a month's tickets are gone, leaves exactly the
// history again; the files use only types those engines read.
func TestHistoryReadsBack(t *testing.T) {
	ctx := context.Background()
	d := historyDB(t)
	dir := t.TempDir()
	glob := filepath.Join(dir, "tickets", "**", "*.parquet")
	for round := 1; round <= 3; round++ {
		if round == 3 { // a month whose tickets are gone must not come back
			if _, err := d.ExecContext(ctx, `DELETE FROM tickets WHERE month(timezone('Asia/Shanghai', received_at)) = 12`); err != nil {
				t.Fatal(err)
			}
		}
		n, err := History(ctx, d, dir)
		if err != nil {
			t.Fatal(err)
		}
		var want, rows, ids, diff, wrongPart int64
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM v_tickets`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		err = d.QueryRowContext(ctx, `
			WITH back AS (SELECT * FROM read_parquet($1, hive_partitioning = true))
			SELECT (SELECT count(*) FROM back), (SELECT count(DISTINCT ticket_id) FROM back),
			       (SELECT count(*) FROM (
			           (SELECT * EXCLUDE (year, month) FROM back EXCEPT ALL SELECT * EXCLUDE (row_hash) FROM v_tickets)
			           UNION ALL
			           (SELECT * EXCLUDE (row_hash) FROM v_tickets EXCEPT ALL SELECT * EXCLUDE (year, month) FROM back))),
			       (SELECT count(*) FROM back
			        WHERE year <> year(timezone('Asia/Shanghai', received_at))
			           OR month <> month(timezone('Asia/Shanghai', received_at)))`, glob).
			Scan(&rows, &ids, &diff, &wrongPart)
		if err != nil {
			t.Fatal(err)
		}
		if n != want || rows != want || ids != want || diff != 0 || wrongPart != 0 {
			t.Errorf("export %d: History says %d rows, read back %d rows of %d tickets, %d rows differ, %d in the wrong partition; want %d, each once, none",
				round, n, rows, ids, diff, wrongPart, want)
		}
	}
	var file string
	err := d.QueryRowContext(ctx, `SELECT filename FROM read_parquet($1, hive_partitioning = true, filename = true) WHERE ticket_id = 'EDGE1'`, glob).Scan(&file)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("year=2026", "month=11"); !strings.Contains(file, want) {
		t.Errorf("ticket received 2026-11-01 00:30 local is in %s; want under %s", file, want)
	}
	checkTypes(t, d, glob)
	checkTypes(t, d, filepath.Join(dir, "clusters", "*.parquet"))
}

// checkTypes fails on Parquet column types that Spark or Trino do not
// read: unsigned 64-bit integers (DuckDB's UBIGINT) and intervals.
func checkTypes(t *testing.T, d *store.DB, glob string) {
	t.Helper()
	rows, err := d.QueryContext(context.Background(),
		`SELECT DISTINCT name, coalesce(converted_type, ''), coalesce(logical_type, '') FROM parquet_schema($1) ORDER BY 1`, glob)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, conv, logical string
		if err := rows.Scan(&name, &conv, &logical); err != nil {
			t.Fatal(err)
		}
		n++
		if conv == "UINT_64" || conv == "INTERVAL" || strings.Contains(logical, "isSigned=0") && strings.Contains(logical, "bitWidth=64") {
			t.Errorf("%s: column %s is %s %s, which Spark and Trino do not read", glob, name, conv, logical)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("%s: no columns", glob)
	}
}
