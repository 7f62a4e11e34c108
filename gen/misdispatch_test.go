package gen

import (
	"math"
	"slices"
	"testing"

	"github.com/leian/leian/ticket"
)

// TestPlantedMisdispatch checks the misdispatch the generator plants: at
// the configured mean rate, to a department owning an issue type of the
// same category, recorded in the truth and in the ticket's dispatch chain
// (first department, then the right one) with a return or reassignment.
func TestPlantedMisdispatch(t *testing.T) {
	cat, err := LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	related := relatedDepartments(cat.Types)
	for _, rate := range []float64{NoMisdispatch, 0.05, 0.2} {
		cfg := testConfig(20000)
		cfg.Misdispatch = rate
		var n, wrong int
		_, err := Generate(cfg, func(tk *Ticket, tr Truth) error {
			if tr.FirstDepartment == "" {
				if tk[ticket.ColDepartment] != "" || tk[ticket.ColDispatchChain] != "" {
					t.Fatalf("%s: not dispatched in the truth, department %q chain %q", tr.TicketID, tk[ticket.ColDepartment], tk[ticket.ColDispatchChain])
				}
				return nil
			}
			n++
			if tr.Department != tk[ticket.ColDepartment] {
				t.Fatalf("%s: truth department %s, ticket %s", tr.TicketID, tr.Department, tk[ticket.ColDepartment])
			}
			if tr.FirstDepartment == tr.Department {
				if tk[ticket.ColDispatchChain] != "" {
					t.Fatalf("%s: dispatched right but chain %q", tr.TicketID, tk[ticket.ColDispatchChain])
				}
				return nil
			}
			wrong++
			if want := tr.FirstDepartment + ">" + tr.Department; tk[ticket.ColDispatchChain] != want {
				t.Fatalf("%s: chain %q, want %q", tr.TicketID, tk[ticket.ColDispatchChain], want)
			}
			if tk[ticket.ColReturns] == "0" && tk[ticket.ColReassigns] == "0" {
				t.Fatalf("%s: misdispatched without a return or reassignment", tr.TicketID)
			}
			if len(related[tr.Department]) > 0 && !slices.Contains(related[tr.Department], tr.FirstDepartment) {
				t.Fatalf("%s: first dispatched to %s, not a department of the same category as %s", tr.TicketID, tr.FirstDepartment, tr.Department)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, want := float64(wrong)/float64(n), math.Max(rate, 0)
		// departments vary around the mean and the busiest types weigh
		// most, so the realised share is near the rate, not at it
		if math.Abs(got-want) > 0.5*want+0.002 {
			t.Errorf("misdispatch %v: %d of %d tickets (%.3f) misdispatched", rate, wrong, n, got)
		}
	}
}
