package gen

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/ticket"
)

// Letters change titles and contents only, in about the share asked, and
// carry every shape they are for.
func TestMessyChangesOnlyText(t *testing.T) {
	const rows = 20000
	plain := testConfig(rows)
	plain.Messy = 0
	type gen struct {
		tickets []Ticket
		truth   []Truth
	}
	var runs [2]gen
	for i, cfg := range []Config{plain, testConfig(rows)} {
		_, err := Generate(cfg, func(tk *Ticket, tr Truth) error {
			runs[i].tickets = append(runs[i].tickets, *tk)
			runs[i].truth = append(runs[i].truth, tr)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	shapes := []struct {
		name   string
		re     *regexp.Regexp
		lo, hi float64 // share of letters
	}{
		{"salutation", regexp.MustCompile(`尊敬的|您好|你好|领导好`), 0.35, 0.55},
		{"wish", regexp.MustCompile(`希望|恳请|望尽快|请领导`), 0.35, 0.55},
		{"thanks", regexp.MustCompile(`谢谢|感谢|此致敬礼`), 0.12, 0.3},
		{"second matter", regexp.MustCompile(`^[\s\S]*(另外|还有就是|顺便再反映|同时，|此外|还有一个事情)`), 0.2, 0.4},
		{"district as a code", regexp.MustCompile(`A[0-9]+区`), 0.4, 0.6},
		{"padded with tabs and newlines", regexp.MustCompile(`^\n\t+\n\t+\S[\s\S]*\S\n\t+$`), 0.4, 0.6},
	}
	const codeShape = 4 // looked for in the title too
	counts := make([]int, len(shapes))
	letters, long := 0, 0
	for i, a := range runs[0].tickets {
		b := runs[1].tickets[i]
		if runs[0].truth[i] != runs[1].truth[i] {
			t.Fatalf("ticket %d: truth %+v with letters, %+v without; want the same", i, runs[1].truth[i], runs[0].truth[i])
		}
		for f := range a {
			if f != 4 && f != 5 && a[f] != b[f] {
				t.Fatalf("%s field %d: %q with letters, %q without; want only title and content to differ", a[0], f, b[f], a[f])
			}
		}
		if a[5] == b[5] {
			continue
		}
		letters++
		if len([]rune(b[5])) > 2*len([]rune(a[5])) {
			long++
		}
		for k, s := range shapes {
			if s.re.MatchString(b[5]) || k == codeShape && s.re.MatchString(b[4]) {
				counts[k]++
			}
		}
		if strings.ContainsAny(b[4], "\n\t") {
			t.Errorf("%s: title %q spans lines; want one line", b[0], b[4])
		}
	}
	if share := float64(letters) / rows; share < 0.27 || share > 0.33 {
		t.Errorf("letters: %d of %d (%.3f); want about %.2f", letters, rows, share, DefaultMessy)
	}
	if share := float64(long) / float64(letters); share < 0.5 {
		t.Errorf("letters over twice their plain text's length: %.2f; want most", share)
	}
	for k, s := range shapes {
		if share := float64(counts[k]) / float64(letters); share < s.lo || share > s.hi {
			t.Errorf("%s: %.3f of letters; want %.2f to %.2f", s.name, share, s.lo, s.hi)
		}
	}
}

// The reports of one event, letters or not, name its address.
func TestEventReportsShareTheAddress(t *testing.T) {
	_, err := Generate(testConfig(5000), func(tk *Ticket, tr Truth) error {
		addr := strings.TrimPrefix(tk[ticket.ColAddress], tk[ticket.ColDistrict]+tk[ticket.ColStreet])
		if !strings.HasSuffix(tk[ticket.ColItem], "咨询") && !strings.Contains(tk[ticket.ColContent], addr) {
			t.Errorf("%s (event %s): content %q lacks the address %q", tk[ticket.ColTicketID], tr.Event, tk[ticket.ColContent], addr)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWithin(t *testing.T) {
	end := time.Date(2026, 11, 23, 0, 0, 0, 0, cst)
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, cst) }
	for _, c := range []struct {
		name            string
		at, first, want time.Time
	}{
		{"before the end: kept", at(22, 10, 0), at(20, 9, 0), at(22, 10, 0)},
		{"past the end: folded", at(23, 1, 0), at(22, 22, 0), at(22, 22, 1).Add(time.Duration(179%119) * time.Minute)},
		{"first in the last minute", at(24, 8, 0), at(22, 23, 59), at(22, 23, 59)},
	} {
		got := within(c.at, c.first, end)
		if !got.Equal(c.want) || !got.Before(end) {
			t.Errorf("%s: within(%s, %s) = %s; want %s, before %s", c.name, c.at, c.first, got, c.want, end)
		}
	}
}

func TestMessyOutOfRange(t *testing.T) {
	for _, m := range []float64{-0.1, 1.5} {
		cfg := testConfig(10)
		cfg.Messy = m
		if _, err := Generate(cfg, func(*Ticket, Truth) error { return nil }); err == nil {
			t.Errorf("Messy %v: got no error; want ErrConfig", m)
		}
	}
}
