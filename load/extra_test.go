package load

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// boardMapping maps the headers of a message-board export (as in
// ../shared/data/gov495.xlsx) to ticket fields; 点赞数, 反对数 and 模型结果
// are left to extra.
var boardMapping = Mapping{"留言编号": "ticket_id", "留言用户": "caller_id", "留言主题": "title",
	"留言时间": "received_at", "留言详情": "content", "一级分类": "category"}

func TestLoadKeepsUnmappedColumns(t *testing.T) {
	db := openDB(t, "")
	l := newLoader(db)
	l.Mapping = boardMapping
	if r := mustLoad(t, l, "testdata/board.csv"); r.Inserted != 3 || r.Rejected != 0 {
		t.Fatalf("got %+v; want 3 inserted, none rejected", r.Summary)
	}
	want := map[string]string{
		"B101": `{"反对数":"0","模型结果":"城乡建设","点赞数":"3"}`,
		"B102": `{"反对数":"1","模型结果":null,"点赞数":"12"}`,
		"B103": `{"反对数":null,"模型结果":"劳动和社会保障","点赞数":"0"}`,
	}
	for id, w := range want {
		if got := extraOf(t, db.DB, "tickets", id); got != w {
			t.Errorf("%s: got extra %s; want %s", id, got, w)
		}
		if got := extraOf(t, db.DB, "v_tickets", id); got != w {
			t.Errorf("%s in v_tickets: got extra %s; want %s", id, got, w)
		}
	}
	if r := mustLoad(t, l, "testdata/board.csv"); r.Unchanged != 3 {
		t.Errorf("reload: got %+v; want 3 unchanged", r.Summary)
	}
	// A later export of the same messages: B102 gained likes, nothing else
	// changed, and the export has no update time of its own.
	b, err := os.ReadFile("testdata/board.csv")
	if err != nil {
		t.Fatal(err)
	}
	later := writeFile(t, "later.csv", strings.Replace(string(b), "环境保护,12,1,", "环境保护,15,1,", 1))
	if r := mustLoad(t, l, later); r.Updated != 1 || r.Unchanged != 2 {
		t.Errorf("later export: got %+v; want 1 updated, 2 unchanged", r.Summary)
	}
	if got, w := extraOf(t, db.DB, "tickets", "B102"), `{"反对数":"1","模型结果":null,"点赞数":"15"}`; got != w {
		t.Errorf("B102 after the later export: got extra %s; want %s", got, w)
	}
	if r := mustLoad(t, l, later); r.Unchanged != 3 {
		t.Errorf("later export again: got %+v; want 3 unchanged", r.Summary)
	}
}

// extraOf returns ticket id's extra in table as text, or "NULL".
func extraOf(t *testing.T, db *sql.DB, table, id string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(`SELECT coalesce(CAST(extra AS VARCHAR), 'NULL') FROM `+table+` WHERE ticket_id = ?`, id).Scan(&s); err != nil {
		t.Fatalf("extra of %s in %s: %v", id, table, err)
	}
	return s
}

// The same export as CSV, XLSX, JSON lines and Parquet stores the same
// tickets, extra included, and loading one after another changes nothing.
func TestLoadExtraSameInEveryFormat(t *testing.T) {
	rows := readCSV(t, "testdata/board.csv")
	dir := t.TempDir()
	files := []string{"testdata/board.csv", writeXLSX(t, dir, rows), writeJSONL(t, rows)}
	db := openDB(t, "")
	pq := filepath.Join(dir, "board.parquet")
	if _, err := db.Exec(fmt.Sprintf(`COPY (SELECT * FROM read_csv(%s, all_varchar=true, header=true)) TO %s (FORMAT parquet)`,
		quote("testdata/board.csv"), quote(pq))); err != nil {
		t.Fatal(err)
	}
	files = append(files, pq)
	var want string
	for i, f := range files {
		fresh := openDB(t, "")
		l := newLoader(fresh)
		l.Mapping = boardMapping
		if r := mustLoad(t, l, f); r.Inserted != 3 {
			t.Errorf("%s: got %+v; want 3 inserted", filepath.Base(f), r.Summary)
		}
		var digest string
		if err := fresh.QueryRow(`SELECT md5(string_agg(CAST(to_json(x) AS VARCHAR), '|' ORDER BY ticket_id))
			FROM (SELECT * EXCLUDE (load_id) FROM tickets) x`).Scan(&digest); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = digest
		} else if digest != want {
			t.Errorf("%s: tickets differ from those of board.csv", filepath.Base(f))
		}
		l = newLoader(db)
		l.Mapping = boardMapping
		if r := mustLoad(t, l, f); i > 0 && r.Unchanged != 3 {
			t.Errorf("%s after the other formats: got %+v; want 3 unchanged", filepath.Base(f), r.Summary)
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeXLSX(t *testing.T, dir string, rows [][]string) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, s := range r {
			cells[j] = s
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "board.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeJSONL writes rows (a header, then records) as JSON lines; an empty
// cell becomes null, as an empty CSV field reads as NULL.
func writeJSONL(t *testing.T, rows [][]string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range rows[1:] {
		obj := map[string]any{}
		for j, h := range rows[0] {
			obj[h] = nil
			if r[j] != "" {
				obj[h] = r[j]
			}
		}
		line, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(t, "board.jsonl", b.String())
}

// gov495Path is a real message-board export (see ../shared/data/README.md).
const gov495Path = "../../shared/data/gov495.xlsx"

// A copy of the real export with three more columns, as such exports carry
// them, loads with them in extra; a reload changes nothing.
func TestLoadGov495KeepsExtraColumns(t *testing.T) {
	if _, err := os.Stat(gov495Path); err != nil {
		t.Skipf("real export absent (%v): clone the project beside ../shared to run this test", err)
	}
	x, err := excelize.OpenFile(gov495Path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetList()[0]
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		extra := []any{"点赞数", "反对数", "模型结果"}
		if i > 0 {
			extra = []any{fmt.Sprint(i % 7), "0", ""}
		}
		cell, err := excelize.CoordinatesToCellName(7, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetSheetRow(sheet, cell, &extra); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "gov495-extra.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, "")
	l := newLoader(db)
	l.Mapping = boardMapping
	r := mustLoad(t, l, p)
	if r.Read != 495 || r.Inserted != 494 || r.Rejected != 1 {
		t.Errorf("got %+v; want 495 read, 494 inserted, 1 rejected (message 37042 appears twice)", r.Summary)
	}
	n := count(t, db.DB, `SELECT count(*) FROM tickets WHERE json_keys(extra) = ['反对数', '模型结果', '点赞数'] AND json_extract_string(extra, '$."反对数"') = '0'`)
	if n != r.Inserted {
		t.Errorf("%d of %d tickets keep 点赞数, 反对数 and 模型结果 in extra", n, r.Inserted)
	}
	if r := mustLoad(t, l, p); r.Inserted+r.Updated != 0 || r.Unchanged != 494 {
		t.Errorf("reload: got %+v; want 494 unchanged, nothing inserted or updated", r.Summary)
	}
}
