package load

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

const header = "ticket_id,received_at,title,content,urgency,updated_at,lat,returns,satisfaction\n"

func openDB(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newLoader(db *store.DB) *Loader {
	return &Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func writeFile(t testing.TB, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustLoad(t testing.TB, l *Loader, path string) Result {
	t.Helper()
	r, err := l.LoadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if r.Read != r.Inserted+r.Updated+r.Unchanged+r.Rejected {
		t.Fatalf("summary does not add up: %+v", r.Summary)
	}
	return r
}

func count(t testing.TB, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestLoadRejectsNameLineAndField(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	p := writeFile(t, "t.csv", header+
		"A1,2024/1/5 8:03,噪音,市民来电反映工地夜间施工,一般,,30.5,0,满意\n"+ // line 2: good
		"A2,not a time,噪音,夜间施工,一般,,,,\n"+ // line 3: received_at
		",2024-01-05 09:00:00,噪音,夜间施工,一般,,,,\n"+ // line 4: ticket_id
		"A4,2024-01-05 09:00:00,,,一般,,,,\n"+ // line 5: content
		"A5,2024-01-05 09:00:00,x,y,很急,,,,\n"+ // line 6: urgency
		"A6,2024-01-05 09:00:00,x,y,,,95,,\n"+ // line 7: lat
		"A7,2024-01-05 09:00:00,x,y,,,,-1,\n"+ // line 8: returns
		"A8,2024-01-05 09:00:00,x,y,,,,,还行\n"+ // line 9: satisfaction
		"A9,2024-01-05 09:00:00,x,y,,,,,,extra,cells\n"+ // line 10: structural
		"A10,45296.3354166667,x,y,紧急,,,,\n") // line 11: good, Excel serial
	r := mustLoad(t, l, p)
	if r.Read != 10 || r.Inserted != 2 || r.Rejected != 8 {
		t.Fatalf("got %+v; want read 10, inserted 2, rejected 8", r.Summary)
	}
	want := map[int64]string{3: "received_at", 4: "ticket_id", 5: "content", 6: "urgency", 7: "lat", 8: "returns", 9: "satisfaction", 10: "row"}
	rows, err := db.Query(`SELECT line, field, reason, raw FROM rejects ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var line int64
		var field, reason, raw string
		if err := rows.Scan(&line, &field, &reason, &raw); err != nil {
			t.Fatal(err)
		}
		got++
		if want[line] != field {
			t.Errorf("line %d: got field %q; want %q (reason %q)", line, field, want[line], reason)
		}
		if reason == "" || raw == "" {
			t.Errorf("line %d: empty reason %q or raw %q", line, reason, raw)
		}
	}
	if got != len(want) {
		t.Errorf("got %d rejects; want %d", got, len(want))
	}
	var received string
	if err := db.QueryRow(`SELECT strftime(received_at AT TIME ZONE 'Asia/Shanghai', '%Y-%m-%d %H:%M') FROM tickets WHERE ticket_id = 'A10'`).Scan(&received); err != nil {
		t.Fatal(err)
	}
	if received != "2024-01-05 08:03" {
		t.Errorf("Excel serial 45296.3354166667: got %s; want 2024-01-05 08:03", received)
	}
}

// A record whose quoted field spans lines, and a structural reject before a
// checked reject, must not shift the line numbers of the rows after them.
func TestLoadLineNumbersAfterStructuralRejects(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	p := writeFile(t, "t.csv", header+
		"B1,2024-01-05 09:00:00,x,y,,,,,\n"+ // 2
		"B2,2024-01-05 09:00:00,x,y,,,,,,too,many\n"+ // 3 structural
		"B3,2024-01-05 09:00:00,x,y,,,,,,too,many\n"+ // 4 structural
		"B4,2024-01-05 09:00:00,x,y,,,,,\n"+ // 5
		"B5,bad,x,y,,,,,\n") // 6 received_at
	mustLoad(t, l, p)
	if n := count(t, db.DB, `SELECT count(*) FROM rejects WHERE line = 6 AND field = 'received_at'`); n != 1 {
		got := count(t, db.DB, `SELECT max(line) FROM rejects WHERE field = 'received_at'`)
		t.Errorf("bad received_at reported at line %d; want line 6", got)
	}
}

func TestLoadVersions(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	v1 := writeFile(t, "v1.csv", header+"C1,2024-01-05 09:00:00,x,first,,2024-01-05 10:00:00,,,\n")
	v2 := writeFile(t, "v2.csv", header+"C1,2024-01-05 09:00:00,x,second,,2024-01-06 10:00:00,,,\n")
	conflict := writeFile(t, "c.csv", header+"C1,2024-01-05 09:00:00,x,other,,2024-01-06 10:00:00,,,\n")
	dup := writeFile(t, "d.csv", header+
		"C2,2024-01-05 09:00:00,x,old,,2024-01-05 10:00:00,,,\n"+
		"C2,2024-01-05 09:00:00,x,new,,2024-01-07 10:00:00,,,\n")
	steps := []struct {
		path                                string
		inserted, updated, unchanged, rejct int64
		content                             string
	}{
		{v1, 1, 0, 0, 0, "first"},
		{v1, 0, 0, 1, 0, "first"},        // same file again: nothing changes
		{v2, 0, 1, 0, 0, "second"},       // later version replaces
		{v1, 0, 0, 1, 0, "second"},       // older version never overwrites
		{conflict, 0, 0, 0, 1, "second"}, // same version, other values: rejected
		{dup, 1, 0, 0, 1, "second"},      // within a file the latest wins
	}
	for i, s := range steps {
		r := mustLoad(t, l, s.path)
		if r.Inserted != s.inserted || r.Updated != s.updated || r.Unchanged != s.unchanged || r.Rejected != s.rejct {
			t.Errorf("step %d (%s): got %+v; want inserted %d updated %d unchanged %d rejected %d",
				i, filepath.Base(s.path), r.Summary, s.inserted, s.updated, s.unchanged, s.rejct)
		}
		var content string
		db.QueryRow(`SELECT content FROM tickets WHERE ticket_id = 'C1'`).Scan(&content)
		if content != s.content {
			t.Errorf("step %d: C1 content %q; want %q", i, content, s.content)
		}
	}
	var c2 string
	db.QueryRow(`SELECT content FROM tickets WHERE ticket_id = 'C2'`).Scan(&c2)
	if c2 != "new" {
		t.Errorf("C2: got %q; want the later version %q", c2, "new")
	}
	if n := count(t, db.DB, `SELECT count(*) FROM loads`); n != int64(len(steps)) {
		t.Errorf("loads has %d rows; want %d", n, len(steps))
	}
}

func TestLoadUnknownHeader(t *testing.T) {
	db := openDB(t, "")
	p := writeFile(t, "t.csv", "单号,时间,内容\nX1,2024-01-05 09:00,噪音\n")
	_, err := newLoader(db).LoadFile(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), "ticket_id") || !strings.Contains(err.Error(), p) {
		t.Fatalf("got %v; want an error naming the file and the missing ticket_id", err)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM loads`); n != 0 {
		t.Errorf("a failed load left %d loads rows", n)
	}
	l := newLoader(db)
	l.Mapping = Mapping{"单号": "ticket_id", "时间": "received_at", "内容": "content"}
	if r := mustLoad(t, l, p); r.Inserted != 1 {
		t.Errorf("with mapping: got %+v; want 1 inserted", r.Summary)
	}
}

func writeBytes(path, body string) error { return os.WriteFile(path, []byte(body), 0o644) }

// TestLoadUpdatesMemberFacts: a later version of a clustered ticket (here
// reassigned to another department) reaches the console's copy of its
// fields (cluster_member_facts) in the load that brings it, and a
// ticket in no cluster gets no row there.
func TestLoadUpdatesMemberFacts(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	const h = "ticket_id,received_at,title,content,urgency,updated_at,department,street\n"
	mustLoad(t, l, writeFile(t, "v1.csv", h+
		"C1,2024-01-05 09:00:00,x,噪音,,2024-01-05 10:00:00,区城管局,南山街道\n"+
		"C2,2024-01-05 09:30:00,y,噪音,,2024-01-05 10:00:00,区城管局,南山街道\n"))
	for _, q := range []string{
		`INSERT INTO cluster_members VALUES ('C1', 7, 0.9, 1), ('C2', NULL, 0.1, 1)`,
		`INSERT INTO cluster_member_facts SELECT 7, ticket_id, received_at, department, district, street, address, channel FROM tickets WHERE ticket_id = 'C1'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	mustLoad(t, l, writeFile(t, "v2.csv", h+
		"C1,2024-01-05 09:00:00,x,噪音,,2024-01-06 10:00:00,区生态环境局,蛇口街道\n"+
		"C2,2024-01-05 09:30:00,y,噪音,,2024-01-06 10:00:00,区生态环境局,蛇口街道\n"))
	var dep, street string
	if err := db.QueryRow(`SELECT department, street FROM cluster_member_facts WHERE ticket_id = 'C1'`).Scan(&dep, &street); err != nil {
		t.Fatal(err)
	}
	if dep != "区生态环境局" || street != "蛇口街道" {
		t.Errorf("C1's facts after the update: %s, %s; want the new version's 区生态环境局, 蛇口街道", dep, street)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM cluster_member_facts`); n != 1 {
		t.Errorf("cluster_member_facts has %d rows; want 1 (C2 is in no cluster)", n)
	}
}
