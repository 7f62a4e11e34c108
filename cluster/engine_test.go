package cluster

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// loadedDB generates rows tickets over days from 2026-01-05, loads them into
// a fresh database and returns it with an engine.
func loadedDB(t testing.TB, rows, days int) (*store.DB, *Engine) {
	t.Helper()
	dir := t.TempDir()
	csv := filepath.Join(dir, "t.csv")
	if _, err := gen.Write(gen.Config{Rows: rows, Seed: 9, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: days}, gen.Output{Path: csv}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "t.duckdb"), store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(context.Background(), csv); err != nil {
		t.Fatal(err)
	}
	return db, &Engine{DB: db, Tok: NewTokenizer(loadSeg(t)), Cl: NewCleaner(), Cfg: Defaults(), Log: log}
}

func membership(t testing.TB, db *store.DB) string {
	t.Helper()
	var digest string
	err := db.QueryRow(`SELECT md5(string_agg(ticket_id || ':' || coalesce(CAST(cluster_id AS VARCHAR), '-') || ':' || CAST(round(similarity, 9) AS VARCHAR), ',' ORDER BY ticket_id))
		FROM cluster_members`).Scan(&digest)
	if err != nil {
		t.Fatal(err)
	}
	return digest
}

func TestEngineRunIsDeterministicAndKeepsIDs(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters generated tickets twice")
	}
	from, to := time.Date(2026, 1, 5, 0, 0, 0, 0, cst), time.Date(2026, 3, 30, 0, 0, 0, 0, cst)
	var digests []string
	var engines []*Engine
	for i := 0; i < 2; i++ {
		db, eng := loadedDB(t, 6000, 112)
		if _, err := eng.Run(context.Background(), from, to); err != nil {
			t.Fatal(err)
		}
		digests = append(digests, membership(t, db))
		engines = append(engines, eng)
	}
	if digests[0] != digests[1] {
		t.Error("two runs with the same data and seed gave different assignments")
	}
	// Running again on the same database keeps every cluster's id.
	eng := engines[0]
	r, err := eng.Run(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if r.New != 0 {
		t.Errorf("re-running the same window made %d new cluster ids; want 0", r.New)
	}
	if got := membership(t, eng.DB); got != digests[0] {
		t.Error("re-running the same window changed the assignments")
	}

	// Nightly: the weeks after the window are assigned without re-clustering.
	a, err := eng.Assign(context.Background(), time.Date(2100, 1, 1, 0, 0, 0, 0, cst))
	if err != nil {
		t.Fatal(err)
	}
	if a.Tickets == 0 || float64(a.Pending) > 0.1*float64(a.Tickets) || a.NewClusters == 0 {
		t.Errorf("assign: %+v; want at most 10%% pending, and the issues planted after the window as new clusters", a)
	}
	var unclustered int
	eng.DB.QueryRow(`SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.ticket_id = t.ticket_id)`).Scan(&unclustered)
	if unclustered != 0 {
		t.Errorf("%d tickets have no membership row after assign", unclustered)
	}
	res, err := eng.Similar(context.Background(), queries.FS, "", "小区井盖丢失存在安全隐患", 3)
	if err != nil || len(res) != 3 || res[0].Score <= 0 {
		t.Errorf("similar: %+v, %v; want 3 scored tickets", res, err)
	}
}
