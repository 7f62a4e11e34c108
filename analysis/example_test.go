package analysis_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// exampleTickets are four November tickets of two departments.
const exampleTickets = `ticket_id,received_at,content,district,department,dispatched_at,replied_at,deadline_at,resolved,satisfaction
T1,2026-11-02 09:00,路灯不亮,A区,D1,2026-11-02 09:20,2026-11-02 12:00,2026-11-03 09:00,是,满意
T2,2026-11-03 10:00,井盖丢失,A区,D1,2026-11-03 12:30,2026-11-12 10:00,2026-11-10 10:00,否,不满意
T3,2026-11-05 08:00,占道经营,B区,D2,2026-11-05 09:00,2026-11-06 08:00,2026-11-12 08:00,是,基本满意
T4,2026-11-20 08:00,噪音扰民,B区,D2,2026-11-20 08:30,,2026-11-27 08:00,,
`

// The three rates of November per department: D1 replied to T2 after its
// deadline and did not resolve it; D2 had not replied to T4 by its
// deadline, as of the month's end.
func ExampleMetrics_ThreeRates() {
	ctx := context.Background()
	db, err := exampleDB(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	from, to, err := ticket.MonthBounds("2026-11", ticket.Zone)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := analysis.Metrics{DB: db.DB, Queries: queries.FS}
	rows, err := m.ThreeRates(ctx, analysis.Period{From: from, To: to, AsOf: to})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		if r.UnitKind == "department" {
			fmt.Printf("%s: %d tickets, response %s, resolution %s, satisfaction %s, rank %d\n",
				r.Unit, r.Tickets, rate(r.Response), rate(r.Resolution), rate(r.Satisfaction), r.SatisfactionRank)
		}
	}
	// Output:
	// D2: 2 tickets, response 50%, resolution 100%, satisfaction 100%, rank 1
	// D1: 2 tickets, response 50%, resolution 50%, satisfaction 50%, rank 2
}

// rate prints a rate as a percentage, or "-" when it has no denominator.
func rate(r *float64) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", *r*100)
}

// exampleDB loads exampleTickets into an in-memory database.
func exampleDB(ctx context.Context) (*store.DB, error) {
	dir, err := os.MkdirTemp("", "leian-example")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "tickets.csv")
	if err := os.WriteFile(path, []byte(exampleTickets), 0o644); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, "", store.Options{Migrations: queries.FS})
	if err != nil {
		return nil, err
	}
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := l.LoadFile(ctx, path); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
