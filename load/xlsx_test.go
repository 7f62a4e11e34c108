package load

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestXLSXRowIteratorError loads a sheet whose third row the row iterator
// refuses (a row number past Excel's last row): the load fails, naming the
// file and the sheet, instead of keeping the rows read before it. (With
// excelize 2.11 the error also reaches Columns of the row before, so this
// guards the behaviour more than the Rows.Error check itself, which covers
// an iterator that stops without a row to read.)
func TestXLSXRowIteratorError(t *testing.T) {
	x := excelize.NewFile()
	for i, row := range [][]any{{"工单编号", "受理时间", "诉求内容"}, {"A1", "2026-11-25 08:00", "井盖丢失"}, {"A2", "2026-11-25 09:00", "路灯不亮"}} {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var good bytes.Buffer
	if _, err := x.WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "broken.xlsx")
	if err := os.WriteFile(p, rewriteZip(t, good.Bytes(), "xl/worksheets/sheet1.xml", `<row r="3"`, `<row r="1048577"`), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, "")
	_, err := newLoader(db).LoadFile(context.Background(), p)
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "Sheet1") {
		t.Fatalf("got %v; want an error naming %s and Sheet1", err, p)
	}
	if n := count(t, db.DB, `SELECT count(*) FROM tickets`); n != 0 {
		t.Errorf("got %d tickets; want none from a file that failed", n)
	}
}

// rewriteZip returns the zip archive b with old replaced by new in the
// member name.
func rewriteZip(t *testing.T, b []byte, name, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			if !bytes.Contains(body, []byte(old)) {
				t.Fatalf("%s has no %s", name, old)
			}
			body = bytes.ReplaceAll(body, []byte(old), []byte(new))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
