package cluster

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// TestNightlySuggestionsFindPlantedMisdispatch clusters eight weeks of
// generated tickets, builds the route model as the weekly job does, then
// assigns the next four weeks as nightly runs would: every assigned ticket
// gets a stored suggestion, which names its owning department, and the
// flag of the weekly 派单复核 section (a confident suggestion against the
// first dispatch) finds the planted misdispatch (at a raised rate, so the
// counts are not tiny).
func TestNightlySuggestionsFindPlantedMisdispatch(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 8,000 generated tickets")
	}
	ctx := context.Background()
	db, eng, planted := plantedDB(t, gen.Config{Rows: 8000, Seed: 21, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 84, Misdispatch: 0.1, Messy: gen.DefaultMessy})
	cut := time.Date(2026, 3, 2, 0, 0, 0, 0, cst)
	if _, err := eng.Run(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, cst), cut); err != nil {
		t.Fatal(err)
	}
	rt, err := eng.TrainRoute(ctx)
	if err != nil || rt.Tickets == 0 || rt.Classes < 10 {
		t.Fatalf("route model %+v, %v", rt, err)
	}
	a, err := eng.Assign(ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, cst))
	if err != nil {
		t.Fatal(err)
	}
	if a.Suggested != a.Tickets || a.Tickets < 2000 {
		t.Fatalf("assignment %+v: want every ticket suggested", a)
	}
	var withEvidence, stored int
	must(t, db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE len(evidence) > 0) FROM ticket_suggestions`).Scan(&stored, &withEvidence))
	if stored != a.Tickets || withEvidence < stored*8/10 {
		t.Errorf("%d suggestions stored, %d with evidence; want %d, most with evidence", stored, withEvidence, a.Tickets)
	}
	s, err := DispatchScore(ctx, db.DB, queries.FS, planted)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dispatch: %+v", s)
	if s.Suggested < 1500 || s.Planted < 50 {
		t.Fatalf("scores %+v: too few tickets to judge", s)
	}
	if s.Accuracy < 0.95 || s.Precision < 0.8 || s.Recall < 0.7 {
		t.Errorf("accuracy %.3f precision %.3f recall %.3f; want >= 0.95, 0.80, 0.70", s.Accuracy, s.Precision, s.Recall)
	}
	// A second assignment changes nothing: the suggestions stay one a ticket.
	if _, err := eng.Assign(ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, cst)); err != nil {
		t.Fatal(err)
	}
	var again int
	must(t, db.QueryRow(`SELECT count(DISTINCT ticket_id) FROM ticket_suggestions`).Scan(&again))
	if again != stored {
		t.Errorf("after a second assignment %d tickets have suggestions, before %d", again, stored)
	}
}

// plantedDB generates cfg's tickets, loads them into a fresh database and
// returns it with an engine and each ticket's planted dispatch.
func plantedDB(t testing.TB, cfg gen.Config) (*store.DB, *Engine, map[string]Dispatch) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "t.csv")
	planted := map[string]Dispatch{}
	err := writeWithTruth(cfg, path, planted)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "t.duckdb"), store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return db, &Engine{DB: db, Tok: text.NewTokenizer(loadSeg(t)), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: log}, planted
}

// writeWithTruth writes cfg's tickets to path and their dispatch truth
// into planted.
func writeWithTruth(cfg gen.Config, path string, planted map[string]Dispatch) error {
	files, err := gen.Write(cfg, gen.Output{Path: path})
	if err != nil {
		return err
	}
	f, err := os.Open(files.Truth)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	for _, r := range recs[1:] {
		planted[r[0]] = Dispatch{Department: r[3], First: r[4]}
	}
	return nil
}
