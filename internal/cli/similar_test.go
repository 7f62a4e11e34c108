package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMaskExtra(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"点赞数":"3","反对数":null}`, `{"反对数":null,"点赞数":"3"}`},
		{`{"联系电话":"13812345678"}`, `{"联系电话":"138******78"}`},
		{`{}`, `{}`},
	} {
		got, err := maskExtra(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("maskExtra(%s): got %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	if _, err := maskExtra(`[1]`); err == nil {
		t.Errorf("maskExtra([1]): got no error; want one for a value that is not an object")
	}
}

// similar --json carries each ticket's extra columns, masked.
func TestSimilarJSONKeepsExtra(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 300 tickets")
	}
	dir := t.TempDir()
	genPath, csvPath, db := filepath.Join(dir, "g.csv"), filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.duckdb")
	if _, stderr, code := run(t, "gen", "--rows", "300", "--seed", "5", "--out", genPath, "--days", "20"); code != 0 {
		t.Fatal(stderr)
	}
	if err := addColumn(genPath, csvPath, "联系电话", func(i int) string { return fmt.Sprintf("138%08d", i) }); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"load", "--db", db, csvPath}, {"cluster", "--db", db, "--from", "2025-11-24", "--to", "2025-12-14"}} {
		if _, stderr, code := run(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	var first string
	if out, stderr, code := run(t, "sql", "--db", db, "--format", "csv", "SELECT min(ticket_id) FROM tickets"); code != 0 {
		t.Fatal(stderr)
	} else {
		first = strings.Split(out, "\n")[1]
	}
	out, stderr, code := run(t, "similar", "--db", db, "--json", "-n", "3", first)
	if code != 0 {
		t.Fatalf("similar: exit %d: %s", code, stderr)
	}
	var got []struct {
		TicketID string            `json:"ticket_id"`
		Extra    map[string]string `json:"extra"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 3 {
		t.Fatalf("similar --json printed %q (%v); want 3 answers", out, err)
	}
	for _, s := range got {
		if p := s.Extra["联系电话"]; !strings.HasPrefix(p, "138******") {
			t.Errorf("%s: got extra %v; want 联系电话 kept and masked", s.TicketID, s.Extra)
		}
	}
}

// addColumn copies the CSV file src to dst with one more column, first,
// named name, whose value in record i (from 1) is value(i).
func addColumn(src, dst, name string, value func(i int) string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	recs, err := csv.NewReader(in).ReadAll()
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	w := csv.NewWriter(out)
	for i, r := range recs {
		cell := name
		if i > 0 {
			cell = value(i)
		}
		if err := w.Write(append([]string{cell}, r...)); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return out.Close()
}
