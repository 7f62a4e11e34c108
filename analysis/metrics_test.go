package analysis

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

var cst = time.FixedZone("CST", 8*3600)

// handData is a small hand-built history; the expected values in the tests
// below are worked out from it by hand, not by the SQL under test.
const handData = `ticket_id,received_at,channel,caller_id,content,urgency,district,street,department,dispatched_at,returns,reassigns,dispatch_chain,replied_at,closed_at,deadline_at,resolved,satisfaction,rehandled,clue_id
T1,2026-11-02 09:00,热线,C1,路灯不亮,紧急,A区,a1,D1,2026-11-02 09:20,0,0,,2026-11-02 12:00,2026-11-02 13:00,2026-11-03 09:00,是,满意,否,
T2,2026-11-03 10:00,热线,C1,井盖丢失,一般,A区,a1,D1,2026-11-03 12:30,1,0,D2>D1,2026-11-12 10:00,2026-11-12 11:00,2026-11-10 10:00,否,不满意,是,
T3,2026-11-05 08:00,主动发现,C2,占道经营,一般,B区,b1,D2,2026-11-05 09:00,0,0,,2026-11-06 08:00,2026-11-06 09:00,2026-11-12 08:00,是,基本满意,否,XS1
T4,2026-11-20 08:00,微信,C3,噪音扰民,一般,B区,b1,D2,2026-11-20 08:30,0,1,D1>D2,,,2026-11-27 08:00,,,否,
T5,2026-11-28 08:00,微信,C4,停车收费,一般,B区,b2,,,0,0,,,,2026-12-05 08:00,,,否,
T6,2026-10-10 08:00,热线,C5,路灯不亮,一般,A区,a1,D1,2026-10-10 08:30,0,0,,2026-10-11 08:00,2026-10-11 09:00,2026-10-17 08:00,是,满意,否,
T7,2026-10-20 08:00,热线,C6,噪音扰民,一般,B区,b1,D2,2026-10-20 08:30,0,0,,2026-10-21 08:00,2026-10-21 09:00,2026-10-27 08:00,是,满意,否,
T8,2025-11-15 08:00,热线,C7,路灯不亮,一般,A区,a1,D1,2025-11-15 08:30,0,0,,2025-11-16 08:00,2025-11-16 09:00,2025-11-22 08:00,是,满意,否,
`

func handMetrics(t *testing.T) Metrics {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "hand.csv")
	if err := os.WriteFile(p, []byte(handData), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), "", store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r, err := l.LoadFile(context.Background(), p)
	if err != nil || r.Inserted != 8 {
		t.Fatalf("load: %+v, %v", r.Summary, err)
	}
	return Metrics{DB: db.DB, Queries: queries.FS}
}

var november = Period{
	From: time.Date(2026, 11, 1, 0, 0, 0, 0, cst),
	To:   time.Date(2026, 12, 1, 0, 0, 0, 0, cst),
	AsOf: time.Date(2026, 12, 1, 0, 0, 0, 0, cst),
}

func near(a *float64, want float64) bool { return a != nil && math.Abs(*a-want) < 1e-9 }

func TestVolume(t *testing.T) {
	rows, err := handMetrics(t).Volume(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]VolumeRow{}
	for _, r := range rows {
		got[r.Dimension+"/"+r.Value] = r
	}
	// Current: T1-T5. Previous 30 days (Oct 2 - Nov 1): T6, T7. A year before: T8.
	total := got["total/全部"]
	if total.Tickets != 5 || total.Prev != 2 || total.LastYear != 1 || !near(total.Change, 1.5) || !near(total.ChangeYoY, 4) {
		t.Errorf("total: got %+v; want 5, 2, 1, +150%%, +400%%", total)
	}
	a := got["district/A区"]
	if a.Tickets != 2 || a.Prev != 1 || !near(a.Change, 1) || !near(a.ChangeYoY, 1) {
		t.Errorf("A区: got %+v; want 2 tickets, 1 before (+100%%), +100%% on last year", a)
	}
	b := got["district/B区"]
	if b.Tickets != 3 || !near(b.Change, 2) || b.ChangeYoY != nil {
		t.Errorf("B区: got %+v; want 3 tickets, +200%%, no last-year change", b)
	}
	// Empty values count as 未填: T5 has no department, no ticket a category.
	for key, want := range map[string]int64{"department/未填": 1, "category/未填": 5, "department/D2": 2} {
		if got[key].Tickets != want {
			t.Errorf("%s: got %d tickets; want %d", key, got[key].Tickets, want)
		}
	}
	for key := range got {
		if strings.HasSuffix(key, "/全部") && key != "total/全部" {
			t.Errorf("%s: an empty value is named 全部; want 未填", key)
		}
	}
}

func TestDispatchDeadlineAndFirstDispatch(t *testing.T) {
	m := handMetrics(t)
	dl, err := m.DispatchDeadline(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	byDept := map[string]DeadlineRow{}
	for _, r := range dl {
		byDept[r.Department] = r
	}
	// D1: T1 urgent in 20 min (limit 30), T2 general in 150 min (limit 120).
	if d := byDept["D1"]; d.Dispatched != 2 || d.OnTime != 1 || d.Late != 1 || !near(d.Rate, 0.5) {
		t.Errorf("D1 deadline: got %+v; want 1 of 2 on time", d)
	}
	if d := byDept["D2"]; d.OnTime != 2 || !near(d.Rate, 1) {
		t.Errorf("D2 deadline: got %+v; want 2 of 2 on time", d)
	}
	if d := byDept["（未派单）"]; d.Pending != 1 || d.Rate != nil {
		t.Errorf("undispatched: got %+v; want 1 pending and no rate", d)
	}
	fd, err := m.FirstDispatch(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fd {
		// D1: T2 was returned once; D2: T4 was reassigned once.
		if r.Dispatched != 2 || r.FirstCorrect != 1 || r.Rate != 0.5 || r.MeetsTarget {
			t.Errorf("%s first dispatch: got %+v; want 1 of 2, below target", r.Department, r)
		}
	}
	chains, err := m.DispatchChains(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	if len(chains) != 2 || chains[0].Chain != "D1>D2" || chains[0].Final != "D2" || chains[1].Chain != "D2>D1" {
		t.Errorf("chains: got %+v; want D1>D2 and D2>D1", chains)
	}
}

func TestThreeRates(t *testing.T) {
	rows, err := handMetrics(t).ThreeRates(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]RatesRow{}
	for _, r := range rows {
		got[r.UnitKind+"/"+r.Unit] = r
	}
	// D1: T1 replied in time, T2 after its deadline; T1 resolved and 满意,
	// T2 not resolved, 不满意 and re-handled.
	d1 := got["department/D1"]
	if !near(d1.Response, 0.5) || !near(d1.Resolution, 0.5) || !near(d1.Satisfaction, 0.5) || d1.Rehandled != 1 || d1.SatisfactionRank != 2 {
		t.Errorf("D1: got %+v; want 50%% each, 1 re-handled, ranked 2nd", d1)
	}
	// D2: T3 replied in time; T4 unreplied and past its deadline at as_of.
	d2 := got["department/D2"]
	if !near(d2.Response, 0.5) || !near(d2.Resolution, 1) || !near(d2.Satisfaction, 1) || d2.SatisfactionRank != 1 {
		t.Errorf("D2: got %+v; want response 50%%, resolution and satisfaction 100%%, ranked 1st", d2)
	}
	// b2 has only T5: no reply due, no call-back.
	b2 := got["street/b2"]
	if b2.Response != nil || b2.Satisfaction != nil {
		t.Errorf("b2: got %+v; want no rates", b2)
	}
}

func TestRepeatsProactiveBacklogContributors(t *testing.T) {
	m := handMetrics(t)
	ctx := context.Background()
	rep, err := m.RepeatRequests(ctx, november)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Tickets != 5 || rep.InDupGroups != 0 || !near(rep.DupShare, 0) || rep.Events != 5 {
		t.Errorf("repeats: got %+v; want 5 tickets, none in groups, 5 events", rep)
	}
	f, err := m.Proactive(ctx, november)
	if err != nil {
		t.Fatal(err)
	}
	if f != (Funnel{Filed: 1, Dispatched: 1, Closed: 1, Resolved: 1, Satisfied: 1}) {
		t.Errorf("proactive: got %+v; want T3 through every stage", f)
	}
	bl, err := m.Backlog(ctx, november.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	want := []BacklogRow{{"D2", 1, 1, 11}, {"（未派单）", 1, 0, 3}}
	if len(bl) != 2 || bl[0] != want[0] || bl[1] != want[1] {
		t.Errorf("backlog: got %+v; want %+v", bl, want)
	}
	cs, err := m.Contributors(ctx, november)
	if err != nil || len(cs) != 0 {
		t.Errorf("contributors: got %+v, %v; want none (nobody called 10 times)", cs, err)
	}
}

func TestList(t *testing.T) {
	saved, err := List(queries.FS)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Saved{}
	for _, s := range saved {
		names[s.Name] = s
	}
	if s, ok := names["three_rates"]; !ok || s.Description == "" || s.Params == "" {
		t.Errorf("three_rates: got %+v; want a description and parameters", s)
	}
	if _, ok := names["load_check"]; ok {
		t.Error("the loader's internal statements should not be listed")
	}
}

// clusterFixture puts T1, T2 and T6 (all A区 a1, D1) in cluster 7 and marks
// T1 and T2 as one event (a duplicate group), by hand.
func clusterFixture(t *testing.T, m Metrics) {
	t.Helper()
	db := m.DB.(interface {
		Exec(string, ...any) (sql.Result, error)
	})
	for _, q := range []string{
		`INSERT INTO clusters VALUES (7, '路灯·井盖', ['路灯', '井盖'], 3, 1, 1, 'active')`,
		`INSERT INTO cluster_members VALUES ('T1', 7, 0.9, 1), ('T2', 7, 0.8, 1), ('T6', 7, 0.7, 1)`,
		`INSERT INTO dup_groups VALUES ('T1', 'T1'), ('T2', 'T1')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestClusterProfileAndSeries(t *testing.T) {
	m := handMetrics(t)
	clusterFixture(t, m)
	ctx := context.Background()
	p, err := m.ClusterProfile(ctx, 7, november)
	if err != nil {
		t.Fatal(err)
	}
	// November: T1 and T2 (one event); the 30 days before: T6. Both in street
	// a1, so the concentration index is 1. Reply hours: T1 3 h, T2 216 h;
	// median 109.5. Satisfaction: T1 满意, T2 不满意: 50%.
	if p.Tickets != 2 || p.Events != 1 || p.PrevTickets != 1 || !near(p.Growth, 1) {
		t.Errorf("counts: got %+v; want 2 tickets, 1 event, 1 before, +100%%", p)
	}
	if len(p.TopStreets) != 1 || p.TopStreets[0] != "a1" || !near(p.Concentration, 1) {
		t.Errorf("concentration: got streets %v index %v; want [a1] and 1", p.TopStreets, p.Concentration)
	}
	if len(p.Departments) != 1 || p.Departments[0] != "D1" || !near(p.MedianReplyHours, 109.5) || !near(p.Satisfaction, 0.5) {
		t.Errorf("handling: got %v, median %v, satisfaction %v; want [D1], 109.5 h, 50%%", p.Departments, p.MedianReplyHours, p.Satisfaction)
	}
	// Weeks from Monday 2026-10-05: T6 (10-10) in W41; T1, T2 (11-02, 11-03)
	// in W45 as one event; zeros between.
	s, err := m.ClusterSeries(ctx, time.Date(2026, 10, 5, 0, 0, 0, 0, cst), 6)
	if err != nil {
		t.Fatal(err)
	}
	want := []WeekCount{{7, "2026-W41", 1, 1}, {7, "2026-W42", 0, 0}, {7, "2026-W43", 0, 0}, {7, "2026-W44", 0, 0}, {7, "2026-W45", 1, 2}, {7, "2026-W46", 0, 0}}
	if len(s) != len(want) {
		t.Fatalf("series: got %+v; want %+v", s, want)
	}
	for i := range want {
		if s[i] != want[i] {
			t.Errorf("series week %d: got %+v; want %+v", i, s[i], want[i])
		}
	}
	rep, err := m.RepeatRequests(ctx, november)
	if err != nil {
		t.Fatal(err)
	}
	if rep.InDupGroups != 2 || !near(rep.DupShare, 0.4) || rep.Events != 4 || rep.DupGroups != 1 {
		t.Errorf("repeats with one group: got %+v; want 2 of 5 tickets (40%%), 4 events, 1 group", rep)
	}
}

func TestContributorsBands(t *testing.T) {
	m := handMetrics(t)
	db := m.DB.(interface {
		Exec(string, ...any) (sql.Result, error)
	})
	// C9 calls 12 times in November (10+); C1 already called twice (T1, T2).
	_, err := db.Exec(`INSERT INTO tickets (ticket_id, received_at, caller_id, content, urgency, returns, reassigns, rehandled, updated_at, row_hash, load_id)
		SELECT 'X' || i, TIMESTAMPTZ '2026-11-10 09:00:00+08' + INTERVAL (i) HOUR, 'C9', '噪音', '一般', 0, 0, false,
		       TIMESTAMPTZ '2026-11-10 09:00:00+08', 0, 99 FROM range(12) r(i)`)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := m.Contributors(context.Background(), november)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].CallerID != "C9" || cs[0].Requests != 12 || cs[0].Band != "10+" {
		t.Errorf("contributors: got %+v; want C9 with 12 requests, band 10+", cs)
	}
}
