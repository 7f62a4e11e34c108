package gen

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/ticket"
)

var cst = time.FixedZone("CST", 8*3600)

func testConfig(rows int) Config {
	return Config{Rows: rows, Seed: 42, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 120, Messy: DefaultMessy}
}

func TestCatalogue(t *testing.T) {
	c, err := LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	cats, items := map[string]bool{}, map[string]bool{}
	for _, ty := range c.Types {
		cats[ty.Category] = true
		items[ty.Item] = true
		if len(ty.Subjects) < 2 || len(ty.Problems) < 3 {
			t.Errorf("%s %s: %d subjects, %d problems; want at least 2 and 3", ty.ID, ty.Item, len(ty.Subjects), len(ty.Problems))
		}
	}
	if len(c.Types) < 150 || len(items) != len(c.Types) {
		t.Errorf("got %d issue types, %d distinct items; want at least 150, all distinct", len(c.Types), len(items))
	}
	if len(cats) != 18 {
		t.Errorf("got %d categories; want 18", len(cats))
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var got [2][]byte
	for i := range got {
		p := filepath.Join(dir, "t"+string(rune('a'+i))+".csv")
		if _, err := Write(testConfig(3000), Output{Path: p}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = b
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Error("two runs with the same config wrote different files")
	}
}

func TestGenerateShape(t *testing.T) {
	const rows = 20000
	var tickets []Ticket
	var truth []Truth
	surges, err := Generate(testConfig(rows), func(tk *Ticket, tr Truth) error {
		tickets = append(tickets, *tk)
		truth = append(truth, tr)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tickets) != rows {
		t.Fatalf("got %d tickets; want %d", len(tickets), rows)
	}
	end := testConfig(rows).Start.AddDate(0, 0, testConfig(rows).Days)
	ids, events, types, items := map[string]bool{}, map[string]int{}, map[string]bool{}, map[string]bool{}
	channels := map[string]bool{}
	var phones, urgent, clues, pushed int
	phone := regexp.MustCompile(`1[3-9][0-9]{9}`)
	for i, tk := range tickets {
		if ids[tk[ticket.ColTicketID]] {
			t.Fatalf("duplicate ticket id %s", tk[ticket.ColTicketID])
		}
		ids[tk[ticket.ColTicketID]] = true
		if at, err := time.ParseInLocation(tsLayout, tk[ticket.ColReceivedAt], cst); err != nil || !at.Before(end) {
			t.Errorf("%s received %s (%v); want before the period's end %s", tk[ticket.ColTicketID], tk[ticket.ColReceivedAt], err, end.Format(tsLayout))
		}
		events[truth[i].Event]++
		types[truth[i].IssueType] = true
		items[tk[ticket.ColItem]] = true
		channels[tk[ticket.ColChannel]] = true
		if phone.MatchString(tk[ticket.ColContent]) {
			phones++
		}
		if tk[ticket.ColUrgency] == "紧急" {
			urgent++
		}
		if tk[ticket.ColClueID] != "" {
			clues++
		}
		if tk[ticket.ColDispatchChain] != "" {
			pushed++
		}
	}
	multi := 0
	for _, n := range events {
		if n > 1 {
			multi++
		}
	}
	checks := []struct {
		name   string
		got    int
		lo, hi int
	}{
		{"issue types seen", len(types), 150, 173},
		{"catalogue items seen", len(items), 200, 346},
		{"channels", len(channels), 8, 9},
		{"events reported more than once", multi, rows / 50, rows / 8},
		{"tickets with a phone number", phones, rows / 8, rows / 2},
		{"urgent tickets", urgent, rows / 50, rows / 4},
		{"proactive clues", clues, rows / 100, rows / 15},
		{"returned or reassigned", pushed, rows / 200, rows / 10},
	}
	for _, c := range checks {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s: got %d; want %d to %d", c.name, c.got, c.lo, c.hi)
		}
	}
	kinds := map[string]int{}
	for _, s := range surges {
		kinds[s.Kind]++
	}
	if kinds["new"] == 0 || kinds["jump"] == 0 || kinds["drop"] == 0 {
		t.Errorf("planted surges %v; want new, jump and drop", kinds)
	}
}

func TestSurgesArePlanted(t *testing.T) {
	cfg := testConfig(60000)
	weekly := map[string]map[string]int{} // type -> week -> count
	surges, err := Generate(cfg, func(tk *Ticket, tr Truth) error {
		at, err := time.ParseInLocation(tsLayout, tk[ticket.ColReceivedAt], cst)
		if err != nil {
			return err
		}
		wk := ticket.WeekName(at)
		if weekly[tr.IssueType] == nil {
			weekly[tr.IssueType] = map[string]int{}
		}
		weekly[tr.IssueType][wk]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range surges {
		w := weekly[s.IssueType]
		before := 0
		for wk, n := range w {
			if wk < s.Week {
				before += n
			}
		}
		switch s.Kind {
		case "new":
			if before != 0 || w[s.Week] == 0 {
				t.Errorf("new %s in %s: %d tickets before, %d that week; want 0 and some", s.IssueType, s.Week, before, w[s.Week])
			}
		case "jump":
			if float64(w[s.Week]) < 2*avgBefore(w, s.Week) {
				t.Errorf("jump %s in %s: %d that week, %.1f a week before", s.IssueType, s.Week, w[s.Week], avgBefore(w, s.Week))
			}
		}
	}
}

func avgBefore(w map[string]int, week string) float64 {
	n, sum := 0, 0
	for wk, c := range w {
		if wk < week {
			n++
			sum += c
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

func TestGBKZhHeaders(t *testing.T) {
	p := filepath.Join(t.TempDir(), "zh.csv")
	if _, err := Write(testConfig(100), Output{Path: p, Encoding: "gbk", Headers: "zh"}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if bytes.Contains(b, []byte("工单编号")) {
		t.Error("gbk file contains UTF-8 header bytes")
	}
	truth, _ := TruthPaths(p)
	tb, err := os.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(tb))).ReadAll()
	if err != nil || len(recs) != 101 {
		t.Errorf("truth file: %d records, %v; want 101", len(recs), err)
	}
}

func TestIDCheckDigit(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"11010519491231002", "X"}, // the worked example of GB 11643
		{"44052418800101001", "4"},
	} {
		if got := idCheckDigit(tc.body); got != tc.want {
			t.Errorf("idCheckDigit(%s) = %s; want %s", tc.body, got, tc.want)
		}
	}
}
