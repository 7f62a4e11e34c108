package dup

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/ticket"

	"github.com/leian/leian/gen"
)

var cst = ticket.Zone

// genDupDocs generates tickets and returns them as DupDocs with their
// planted event of each.
func genDupDocs(t testing.TB, rows int, messy float64) ([]Doc, []string) {
	t.Helper()
	cl := text.NewCleaner()
	seg, err := text.LoadGSE()
	if err != nil {
		t.Fatal(err)
	}
	tok := text.NewTokenizer(seg)
	var docs []Doc
	var events []string
	_, err = gen.Generate(gen.Config{Rows: rows, Seed: 11, Messy: messy, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 90 * max(1, rows/30000)},
		func(tk *gen.Ticket, tr gen.Truth) error {
			at, err := time.ParseInLocation(ticket.TimeLayout, tk[ticket.ColReceivedAt], cst)
			if err != nil {
				return err
			}
			lat, _ := strconv.ParseFloat(tk[ticket.ColLat], 64)
			lon, _ := strconv.ParseFloat(tk[ticket.ColLon], 64)
			docs = append(docs, Doc{Terms: TermSet(tok.Tokens(cl.Clean(tk[ticket.ColTitle] + " " + tk[ticket.ColContent]))),
				Place: tk[ticket.ColDistrict] + tk[ticket.ColStreet], Address: tk[ticket.ColAddress], Lat: lat, Lon: lon, Caller: tk[ticket.ColCallerID], Received: at})
			events = append(events, tr.Event)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return docs, events
}

// pairScores returns the precision and recall of the predicted duplicate
// pairs (pairs within a predicted group) against the planted ones (pairs
// within an event).
func pairScores(events []string, groups []int) (precision, recall float64) {
	type key struct {
		e string
		g int
	}
	ev, gr, both := map[string]int{}, map[int]int{}, map[key]int{}
	for i, e := range events {
		ev[e]++
		if groups[i] >= 0 {
			gr[groups[i]]++
			both[key{e, groups[i]}]++
		}
	}
	pairs := func(n int) float64 { return float64(n*(n-1)) / 2 }
	var planted, predicted, tp float64
	for _, n := range ev {
		planted += pairs(n)
	}
	for _, n := range gr {
		predicted += pairs(n)
	}
	for _, n := range both {
		tp += pairs(n)
	}
	if predicted == 0 || planted == 0 {
		return 0, 0
	}
	return tp / predicted, tp / planted
}

func TestDupGroupsOnGeneratedTickets(t *testing.T) {
	for _, messy := range []float64{0, gen.DefaultMessy} {
		docs, events := genDupDocs(t, 30000, messy)
		groups, err := Groups(context.Background(), docs)
		if err != nil {
			t.Fatal(err)
		}
		p, r := pairScores(events, groups)
		t.Logf("letters %.0f%%: near-duplicate pairs: precision %.4f, recall %.4f", 100*messy, p, r)
		if p < 0.95 || r < 0.95 {
			t.Errorf("letters %.0f%%: precision %.4f, recall %.4f; want both at least 0.95", 100*messy, p, r)
		}
	}
}

func TestJaccardAndTermSet(t *testing.T) {
	a := TermSet([]string{"井盖", "丢失", "井盖", "安全", "隐患"})
	if len(a) != 4 {
		t.Errorf("got %d distinct terms; want 4", len(a))
	}
	if j := jaccard(a, a); j != 1 {
		t.Errorf("jaccard(a, a) = %v; want 1", j)
	}
	b := TermSet([]string{"井盖", "丢失", "路灯"})
	if j := jaccard(a, b); j != 0.4 { // {井盖, 丢失} of {井盖, 丢失, 安全, 隐患, 路灯}
		t.Errorf("jaccard = %v; want 0.4", j)
	}
}
