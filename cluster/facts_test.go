package cluster

import (
	"context"
	"testing"
	"time"

	"github.com/leian/leian/store"
)

// factsDrift counts the rows where cluster_member_facts and the clustered
// memberships joined to their tickets differ, both ways.
func factsDrift(t testing.TB, db *store.DB) int64 {
	t.Helper()
	var n int64
	err := db.QueryRow(`WITH want AS (
		SELECT m.cluster_id, t.ticket_id, t.received_at, t.department, t.district, t.street, t.address, t.channel
		FROM cluster_members m JOIN tickets t USING (ticket_id) WHERE m.cluster_id IS NOT NULL
	), got AS (SELECT * FROM cluster_member_facts)
	SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM got))
	     + (SELECT count(*) FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM want))`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMemberFactsFollowRunsAndAssignments checks that the console's
// copy of the clustered tickets' fields stays equal to the memberships
// joined to the tickets after a full run, a nightly assignment and a
// second run over a shifted window that overlaps the first.
func TestMemberFactsFollowRunsAndAssignments(t *testing.T) {
	db, eng := loadedDB(t, 2000, 60)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 1, 5, 0, 0, 0, 0, cst).AddDate(0, 0, d) }
	var n int64
	steps := []struct {
		name string
		do   func() error
	}{
		{"run of days 0-40", func() error { _, err := eng.Run(ctx, day(0), day(40)); return err }},
		{"assignment up to day 60", func() error { _, err := eng.Assign(ctx, day(60)); return err }},
		{"run of days 20-60", func() error { _, err := eng.Run(ctx, day(20), day(60)); return err }},
	}
	for _, s := range steps {
		must(t, s.do())
		if d := factsDrift(t, db); d != 0 {
			t.Errorf("after the %s: %d rows differ between cluster_member_facts and the memberships", s.name, d)
		}
		must(t, db.QueryRow(`SELECT count(*) FROM cluster_member_facts`).Scan(&n))
		if n == 0 {
			t.Errorf("after the %s: no facts at all", s.name)
		}
	}
}
