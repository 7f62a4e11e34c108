package cluster

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/leian/leian/cluster/vectors"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

// loadedDB generates rows tickets over days from 2026-01-05, loads them into
// a fresh database and returns it with an engine.
func loadedDB(t testing.TB, rows, days int) (*store.DB, *Engine) {
	t.Helper()
	db, eng, _ := plantedDB(t, gen.Config{Rows: rows, Seed: 9, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: days})
	return db, eng
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

// TestEngineRunIsDeterministicAndKeepsIDs runs the same window on two fresh
// databases (same data and seed: same clusters), then checks nightly
// assignment on one and a re-run of the window on the other: a re-run
// starts from the clusters there are (warm start), may find issues the
// first run had merged, but keeps every cluster id and nearly every
// ticket's cluster.
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

	// Nightly: the weeks after the window are assigned without re-clustering.
	eng := engines[1]
	a, err := eng.Assign(context.Background(), time.Date(2100, 1, 1, 0, 0, 0, 0, cst))
	if err != nil {
		t.Fatal(err)
	}
	if a.Tickets == 0 || float64(a.Pending) > 0.1*float64(a.Tickets) || a.NewClusters == 0 {
		t.Errorf("assign: %+v; want at most 10%% pending, and the issues planted after the window as new clusters", a)
	}
	var unclustered int
	must(t, eng.DB.QueryRow(`SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.ticket_id = t.ticket_id)`).Scan(&unclustered))
	if unclustered != 0 {
		t.Errorf("%d tickets have no membership row after assign", unclustered)
	}
	res, err := eng.Similar(context.Background(), queries.FS, "", "小区井盖丢失存在安全隐患", 3)
	if err != nil || len(res) != 3 || res[0].Score <= 0 {
		t.Errorf("similar: %+v, %v; want 3 scored tickets", res, err)
	}

	// Running the window again keeps every cluster's id.
	checkReRunKeepsIDs(t, engines[0], from, to)
}

// TestEngineReRunKeepsIDsOfAnotherWindow re-runs the window of tickets
// generated from another seed, on which a warm re-run once merged four
// clusters of the first run (centroids 0.86-0.94 alike, which only warm
// starts merged) and retired their ids.
func TestEngineReRunKeepsIDsOfAnotherWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters generated tickets twice")
	}
	from, to := time.Date(2026, 1, 5, 0, 0, 0, 0, cst), time.Date(2026, 3, 30, 0, 0, 0, 0, cst)
	_, eng, _ := plantedDB(t, gen.Config{Rows: 6000, Seed: 13, Start: from, Days: 112})
	if _, err := eng.Run(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
	checkReRunKeepsIDs(t, eng, from, to)
}

// checkReRunKeepsIDs runs the window [from, to) again on eng, which has
// run it once, and checks that every active cluster keeps its id and at
// most 2% of the tickets move between clusters that existed before (a
// re-run may split what the first run merged).
func checkReRunKeepsIDs(t *testing.T, eng *Engine, from, to time.Time) {
	t.Helper()
	_, err := eng.DB.Exec(`CREATE TABLE before AS SELECT ticket_id, cluster_id FROM cluster_members`)
	must(t, err)
	_, err = eng.DB.Exec(`CREATE TABLE active_before AS SELECT cluster_id FROM clusters WHERE status = 'active'`)
	must(t, err)
	r, err := eng.Run(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	var lost, kept, split, total int
	must(t, eng.DB.QueryRow(`SELECT count(*) FROM active_before JOIN clusters USING (cluster_id) WHERE status <> 'active'`).Scan(&lost))
	err = eng.DB.QueryRow(`SELECT count(*) FILTER (WHERE b.cluster_id IS NOT DISTINCT FROM m.cluster_id),
		count(*) FILTER (WHERE m.cluster_id NOT IN (SELECT cluster_id FROM active_before)), count(*)
		FROM before b JOIN cluster_members m USING (ticket_id)`).Scan(&kept, &split, &total)
	must(t, err)
	moved := total - kept - split
	t.Logf("re-run: %d clusters (%d new ids); of %d tickets %d kept their cluster, %d went to a new one, %d to another old one",
		r.Clusters, r.New, total, kept, split, moved)
	if lost != 0 {
		t.Errorf("re-running the same window retired or merged %d cluster ids; want 0", lost)
	}
	if total == 0 || float64(moved) > 0.02*float64(total) {
		t.Errorf("re-running the same window moved %d of %d tickets between clusters that existed before; want at most 2%%", moved, total)
	}
}

// must fails the test on err: SQL the test runs itself must not fail
// silently.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestSuggestFindsTheDepartment suggests, for generated tickets left out of
// what is learned, the department that handled them.
func TestSuggestFindsTheDepartment(t *testing.T) {
	db, eng := loadedDB(t, 3000, 60)
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, cst), time.Date(2026, 4, 1, 0, 0, 0, 0, cst)
	if _, err := eng.Run(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT ticket_id, department FROM tickets WHERE department IS NOT NULL ORDER BY hash(ticket_id) LIMIT 40`)
	must(t, err)
	defer rows.Close()
	var right, all int
	for rows.Next() {
		var id, dept string
		must(t, rows.Scan(&id, &dept))
		got, err := eng.Suggest(context.Background(), queries.FS, id, "", 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Confidence < 0 || got[0].Confidence > 1 {
			t.Fatalf("%s: suggestions %+v", id, got)
		}
		for _, ev := range got[0].Evidence {
			if ev.TicketID == id {
				t.Errorf("%s: the ticket is its own evidence", id)
			}
		}
		all++
		if got[0].Department == dept {
			right++
		}
	}
	must(t, rows.Err())
	t.Logf("suggested department right for %d of %d tickets", right, all)
	if all == 0 || float64(right) < 0.9*float64(all) {
		t.Errorf("right for %d of %d; want at least 90%%", right, all)
	}
}

// TestReadInPartsSameAsOne reads a window, some of whose tickets have
// stored tokens and some not, on two copies of one database: in one part,
// and in parts of 7 tickets (so a part ends inside a record batch, the
// last one is short and segmenting runs part by part). The same tickets,
// places and tokens come out in the same order.
func TestReadInPartsSameAsOne(t *testing.T) {
	ctx := context.Background()
	from, mid, to := time.Date(2026, 1, 5, 0, 0, 0, 0, cst), time.Date(2026, 1, 15, 0, 0, 0, 0, cst), time.Date(2026, 1, 25, 0, 0, 0, 0, cst)
	read := func(size int) *Tickets {
		db, eng := loadedDB(t, 300, 20)
		if _, err := eng.Run(ctx, from, mid); err != nil { // stores the first half's tokens
			t.Fatal(err)
		}
		var stored, all int
		must(t, db.QueryRow(`SELECT (SELECT count(*) FROM ticket_tokens), (SELECT count(*) FROM tickets)`).Scan(&stored, &all))
		if stored == 0 || stored == all {
			t.Fatalf("%d of %d tickets have stored tokens; want some, not all", stored, all)
		}
		ac, err := eng.arrow(ctx)
		must(t, err)
		defer ac.Close()
		eng.partSize = size
		tk, _, err := eng.readTickets(ctx, ac, nil, "engine_select_window", from, to)
		must(t, err)
		return tk
	}
	one, parts := read(partTickets), read(7)
	if diff := cmp.Diff(one, parts, cmp.Comparer(sameDocs), cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("read in parts of 7 differs from one part (-one +parts):\n%s", diff)
	}
}

// sameDocs reports whether a and b hold the same words for the same
// documents, and the same documents unset.
func sameDocs(a, b *vectors.Docs) bool {
	if a.Len() != b.Len() {
		return false
	}
	for i := range a.IDs {
		if (a.IDs[i] == nil) != (b.IDs[i] == nil) || !slices.Equal(a.Tokens(i), b.Tokens(i)) {
			return false
		}
	}
	return true
}
