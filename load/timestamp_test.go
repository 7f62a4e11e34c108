package load

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func parseTS(t testing.TB, db *sql.DB, s string) (time.Time, bool) {
	t.Helper()
	var v sql.NullTime
	if err := db.QueryRowContext(context.Background(), `SELECT parse_local_ts(?)`, s).Scan(&v); err != nil {
		t.Fatalf("parse_local_ts(%q) raised %v; it must return NULL instead", s, err)
	}
	return v.Time, v.Valid
}

func TestParseLocalTS(t *testing.T) {
	db := openDB(t, "")
	want := time.Date(2024, 1, 5, 8, 3, 0, 0, cst)
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2024/1/5 8:03", true},
		{"2024/01/05 08:03", true},
		{"2024-01-05 08:03:00", true},
		{" 2024-01-05 08:03 ", true},
		{"2024-01-05T08:03:00", true},
		{"2024年1月5日 8时3分", true},
		{"2024年1月5日 08:03", true},
		{"2024-01-05T08:03:00+08:00", true},
		{"2024-01-05T00:03:00Z", true},
		{"2024-01-05 00:03:00+00", true},
		{"45296.3354166667", true}, // Excel serial day
		{"", false},
		{"   ", false},
		{"2024-13-45 25:61", false},
		{"yesterday", false},
		{"8:03", false},
	} {
		got, ok := parseTS(t, db.DB, tc.in)
		if ok != tc.ok {
			t.Errorf("parse_local_ts(%q): got ok %v; want %v", tc.in, ok, tc.ok)
			continue
		}
		if ok && !got.Equal(want) {
			t.Errorf("parse_local_ts(%q) = %v; want %v", tc.in, got.In(cst), want)
		}
	}
	if got, ok := parseTS(t, db.DB, "2024-01-05"); !ok || !got.Equal(time.Date(2024, 1, 5, 0, 0, 0, 0, cst)) {
		t.Errorf("parse_local_ts(2024-01-05) = %v, %v; want local midnight", got, ok)
	}
}

// FuzzParseLocalTS checks that the parser never raises an error on any text
// and that a timestamp it formats itself always reads back the same.
func FuzzParseLocalTS(f *testing.F) {
	for _, s := range []string{"2024/1/5 8:03", "2024年1月5日 8时3分", "45296.5", "2024-01-05T08:03:00+08:00", "x", "99999", "2024-02-30 10:00"} {
		f.Add(s, int64(1704412980))
	}
	db := openDB(f, "")
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		if utf8.ValidString(s) { // staged text is always UTF-8: DuckDB's readers check it
			parseTS(t, db.DB, s)
		}
		at := time.Unix(unix%4e9, 0).In(cst)
		for _, layout := range []string{"2006-01-02 15:04:05", "2006/1/2 15:04:05", "2006年1月2日 15时04分05秒"} {
			got, ok := parseTS(t, db.DB, at.Format(layout))
			if at.Year() > 1000 && at.Year() < 9999 && (!ok || !got.Equal(at)) {
				t.Errorf("parse_local_ts(%q) = %v, %v; want %v", at.Format(layout), got, ok, at)
			}
		}
	})
}

// FuzzLoadRow loads a CSV file with one arbitrary data row: the load either
// fails as a whole with an error, or accounts for every row it read. Run it
// with -fuzzminimizetime 0 (make fuzz does): each input is a whole load of
// ~100 ms, many inputs add coverage, and minimizing each for the default
// 60 s stalls the run (no executions counted for 15 s and more at a time).
func FuzzLoadRow(f *testing.F) {
	for _, s := range []string{
		"A1,2024/1/5 8:03,噪音,市民来电反映工地夜间施工,一般,,30.5,0,满意",
		"A2,not a time,x,y,,,,,",
		`A3,"2024-01-05 09:00:00","a ""quoted"" title","line
break",紧急,,,,`,
		",,,,,,,,",
		"A4,2024-01-05 09:00:00,x,y,,,,,,extra",
		"\x00\xff,\"",
	} {
		f.Add(s)
	}
	db := openDB(f, "")
	l := newLoader(db)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, row string) {
		p := dir + "/fuzz.csv"
		if err := writeBytes(p, header+row+"\n"); err != nil {
			t.Fatal(err)
		}
		before := count(t, db.DB, `SELECT count(*) FROM rejects`)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		r, err := l.LoadFile(ctx, p)
		if ctx.Err() != nil {
			t.Fatalf("row %q: load did not finish in 20 s", row)
		}
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if r.Read != r.Inserted+r.Updated+r.Unchanged+r.Rejected {
			t.Errorf("row %q: summary does not add up: %+v", row, r.Summary)
		}
		if got := count(t, db.DB, `SELECT count(*) FROM rejects`) - before; got != r.Rejected {
			t.Errorf("row %q: %d rejected but %d rows in rejects", row, r.Rejected, got)
		}
	})
}
