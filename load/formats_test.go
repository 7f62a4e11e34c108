package load

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leian/leian/gen"
)

var cst = time.FixedZone("CST", 8*3600)

// genFile writes rows generated tickets to out, a share of them in letter
// style (tabs, newlines and all) when messy.
func genFile(t testing.TB, rows int, out gen.Output, messy bool) string {
	t.Helper()
	out.Path = filepath.Join(t.TempDir(), out.Path)
	cfg := gen.Config{Rows: rows, Seed: 7, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 60}
	if messy {
		cfg.Messy = gen.DefaultMessy
	}
	_, err := gen.Write(cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	return out.Path
}

func TestLoadFormatsGiveTheSameTable(t *testing.T) {
	const rows = 1500
	files := []gen.Output{
		{Path: "en.csv", Format: "csv", Encoding: "utf8", Headers: "en"},
		{Path: "zh.csv", Format: "csv", Encoding: "gbk", Headers: "zh"},
		{Path: "t.xlsx", Format: "xlsx", Headers: "zh"},
		{Path: "t.jsonl", Format: "jsonl", Headers: "en"},
		{Path: "t.parquet", Format: "parquet", Headers: "en"},
	}
	var want string
	for _, f := range files {
		db := openDB(t, "")
		r := mustLoad(t, newLoader(db), genFile(t, rows, f, true))
		if r.Read != rows || r.Inserted != rows {
			t.Errorf("%s: got %+v; want %d read and inserted", f.Path, r.Summary, rows)
		}
		var digest string
		// Every stored value except the load bookkeeping, in ticket order.
		err := db.QueryRow(`SELECT md5(string_agg(CAST(to_json(x) AS VARCHAR), '|' ORDER BY ticket_id))
			FROM (SELECT * EXCLUDE (load_id, extra) FROM tickets) x`).Scan(&digest)
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			want = digest
		} else if digest != want {
			t.Errorf("%s (%s, %s headers): tickets differ from %s", f.Path, f.Encoding, f.Headers, files[0].Path)
		}
	}
}

func TestLoadTSVWithBOMAndOpen311(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	tsv := writeFile(t, "t.tsv", "\ufeff工单编号\t受理时间\t诉求内容\t紧急程度\n"+
		"T1\t2024年1月5日 8时3分\t路灯不亮\t紧急\n")
	if r := mustLoad(t, l, tsv); r.Inserted != 1 || r.Profile != "zh" || r.Encoding != "utf8-bom" {
		t.Errorf("tsv: got %+v profile %s encoding %s; want 1 inserted, zh, utf8-bom", r.Summary, r.Profile, r.Encoding)
	}
	o311 := writeFile(t, "requests.json", `[
 {"service_request_id":"O1","status":"closed","service_code":"001","service_name":"Pothole","description":"Pothole on Main St","agency_responsible":"Roads","requested_datetime":"2024-01-05T08:03:00+08:00","updated_datetime":"2024-01-06T10:00:00+08:00","address":"1 Main St","lat":30.5,"long":114.3},
 {"service_request_id":"O2","status":"open","service_name":"Noise","description":"Loud music","requested_datetime":"2024-01-05T23:00:00Z","lat":30.6,"long":114.2}
]`)
	r := mustLoad(t, l, o311)
	if r.Inserted != 2 || r.Profile != "open311" {
		t.Fatalf("open311: got %+v profile %s; want 2 inserted, open311", r.Summary, r.Profile)
	}
	var item, dept, extra string
	if err := db.QueryRow(`SELECT item, department, CAST(extra AS VARCHAR) FROM tickets WHERE ticket_id = 'O1'`).Scan(&item, &dept, &extra); err != nil {
		t.Fatal(err)
	}
	if item != "Pothole" || dept != "Roads" || !strings.Contains(extra, "service_code") {
		t.Errorf("O1: item %q department %q extra %s; want Pothole, Roads, service_code kept in extra", item, dept, extra)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM tickets WHERE ticket_id = 'O2' AND received_at = TIMESTAMPTZ '2024-01-06 07:00:00+08'`); n != 1 {
		t.Errorf("O2: 23:00Z should be stored as 07:00 local the next day")
	}
	bad := writeFile(t, "bad.jsonl", `{"ticket_id":"J1","received_at":"2024-01-05 09:00:00","content":"x"}`+"\n\n{oops\n"+`{"ticket_id":"J2","received_at":"2024-01-05 09:00:00","content":"y"}`+"\n")
	r = mustLoad(t, l, bad)
	if r.Inserted != 2 || r.Rejected != 1 || len(r.FirstRejects) != 1 || r.FirstRejects[0].Line != 3 {
		t.Errorf("jsonl: got %+v rejects %+v; want 2 inserted and line 3 rejected", r.Summary, r.FirstRejects)
	}
}

// corrupt copies a generated CSV, breaking about share of its data rows in
// ways real exports break, and returns how many it broke.
func corrupt(t testing.TB, src, dst string, share float64, seed uint64) int {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	r := rand.New(rand.NewPCG(seed, 1))
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(out)
	defer w.Flush()
	broken := 0
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		if n > 0 && r.Float64() < share {
			broken++
			f := strings.SplitN(line, ",", 3)
			switch r.IntN(3) {
			case 0: // unparseable time
				line = f[0] + ",2024-13-45 25:61," + f[2]
			case 1: // missing id
				line = "," + f[1] + "," + f[2]
			default: // a stray delimiter: one field too many
				line += ",stray"
			}
		}
		fmt.Fprintln(w, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return broken
}

func TestLoadCorruptedCopyLosesNothing(t *testing.T) {
	const rows = 5000
	src := genFile(t, rows, gen.Output{Path: "t.csv"}, false) // corrupt breaks lines, not records
	dst := filepath.Join(t.TempDir(), "corrupt.csv")
	broken := corrupt(t, src, dst, 0.01, 3)
	db := openDB(t, "")
	r := mustLoad(t, newLoader(db), dst)
	tickets := count(t, db.DB, `SELECT count(*) FROM tickets`)
	rejects := count(t, db.DB, `SELECT count(*) FROM rejects`)
	if r.Read != rows || tickets+rejects != rows || rejects != int64(broken) {
		t.Errorf("read %d, tickets %d + rejects %d; want %d read, %d rejected, sum %d", r.Read, tickets, rejects, rows, broken, rows)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM rejects WHERE line < 2 OR raw = '' OR reason = ''`); n != 0 {
		t.Errorf("%d rejects without line, raw row or reason", n)
	}
}

func TestLoadContextCancelled(t *testing.T) {
	db := openDB(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := writeFile(t, "t.csv", header+"A1,2024-01-05 09:00:00,x,y,,,,,\n")
	if _, err := newLoader(db).LoadFile(ctx, p); err == nil {
		t.Fatal("load with a cancelled context succeeded")
	}
	if n := count(t, db.DB, `SELECT count(*) FROM tickets`); n != 0 {
		t.Errorf("cancelled load left %d tickets", n)
	}
}

// A GBK file whose first 64 KiB are ASCII is recognised when DuckDB's reader
// meets the first GBK bytes further on.
func TestLoadGBKAfterASCIIHead(t *testing.T) {
	var b strings.Builder
	b.WriteString("ticket_id,received_at,content\n")
	for i := 0; b.Len() < 70<<10; i++ {
		fmt.Fprintf(&b, "A%d,2024-01-05 09:00:00,ascii only\n", i)
	}
	gbk := []byte{0xC2, 0xB7, 0xB5, 0xC6, 0xB2, 0xBB, 0xC1, 0xC1} // 路灯不亮 in GBK
	p := writeFile(t, "mixed.csv", b.String()+"Z1,2024-01-05 09:00:00,"+string(gbk)+"\n")
	db := openDB(t, "")
	r := mustLoad(t, newLoader(db), p)
	if r.Encoding != "gb18030" || r.Rejected != 0 {
		t.Fatalf("got encoding %s, %+v; want gb18030 and nothing rejected", r.Encoding, r.Summary)
	}
	var content string
	db.QueryRow(`SELECT content FROM tickets WHERE ticket_id = 'Z1'`).Scan(&content)
	if content != "路灯不亮" {
		t.Errorf("Z1 content %q; want 路灯不亮", content)
	}
}
