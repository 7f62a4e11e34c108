package reports

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// appendix writes the report's tables as an XLSX workbook, one sheet per
// table. Document times are fixed so the bytes depend on the data only.
func appendix(r *Report) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Title, Creator: "leian",
		Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}); err != nil {
		return nil, err
	}
	used := map[string]bool{}
	first := true
	for _, s := range r.Sections {
		for _, t := range s.Tables {
			name := sheetName(t.Caption, used)
			if first {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return nil, err
				}
				first = false
			} else if _, err := f.NewSheet(name); err != nil {
				return nil, err
			}
			if err := fillSheet(f, name, t); err != nil {
				return nil, err
			}
		}
	}
	if first {
		if err := f.SetSheetName("Sheet1", "说明"); err != nil {
			return nil, err
		}
		if err := f.SetCellValue("说明", "A1", "本报告没有表格。"); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fillSheet(f *excelize.File, name string, t Table) error {
	row := []any{}
	for _, c := range t.Columns {
		row = append(row, c)
	}
	if err := f.SetSheetRow(name, "A1", &row); err != nil {
		return err
	}
	for i, r := range t.Rows {
		vals := make([]any, len(r))
		for j, c := range r {
			vals[j] = cellValue(c.Text)
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(name, cell, &vals); err != nil {
			return err
		}
	}
	return nil
}

// cellValue stores plain numbers as numbers, everything else as text.
func cellValue(s string) any {
	if v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil && !strings.HasSuffix(s, "%") {
		return v
	}
	return s
}

// sheetName makes a unique sheet name of at most 31 characters without the
// characters Excel forbids.
func sheetName(caption string, used map[string]bool) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, caption)
	if s == "" {
		s = "表"
	}
	for utf8.RuneCountInString(s) > 28 {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	name := s
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s_%d", s, i)
	}
	used[name] = true
	return name
}
