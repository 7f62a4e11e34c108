package analysis

import (
	"errors"
	"testing"
)

func TestScan(t *testing.T) {
	type row struct {
		N    int64    `col:"n"`
		F    *float64 `col:"f"`
		S    string   `col:"s"`
		List []string `col:"list"`
	}
	tab := &Table{Columns: []string{"n", "f", "s", "list", "unused"},
		Rows: [][]any{{int64(3), 0.5, int32(7), []any{"a", nil}, "x"}, {nil, nil, nil, nil, nil}}}
	got, err := Scan[row](tab)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].N != 3 || got[0].F == nil || *got[0].F != 0.5 || got[0].S != "7" ||
		len(got[0].List) != 2 || got[0].List[0] != "a" || got[1].F != nil || got[1].N != 0 {
		t.Errorf("got %+v; want n 3, f 0.5, s \"7\", list [a \"\"], then zero values", got)
	}
}

func TestScanRejectsUnexpectedTypes(t *testing.T) {
	type row struct {
		N    int64   `col:"n"`
		List []int64 `col:"list"`
	}
	for _, tc := range []struct {
		col string
		v   any
	}{
		{"n", "twelve"},
		{"n", map[string]any{"a": 1}},
		{"list", []any{int64(1), "two"}},
		{"list", int64(1)},
	} {
		tab := &Table{Columns: []string{tc.col}, Rows: [][]any{{tc.v}}}
		if _, err := Scan[row](tab); !errors.Is(err, ErrScanType) {
			t.Errorf("column %s value %#v: got error %v; want ErrScanType", tc.col, tc.v, err)
		}
	}
}
