package load

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

// ErrFormat reports a file whose format leian does not read.
var ErrFormat = errors.New("unsupported file format")

// Format returns the format of path from its extension and, for .json, its
// first byte: csv, xlsx, jsonl, json (an array, as Open311 serves) or parquet.
func Format(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
		return "csv", nil
	case ".xlsx":
		return "xlsx", nil
	case ".jsonl", ".ndjson":
		return "jsonl", nil
	case ".parquet":
		return "parquet", nil
	case ".json":
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r := bufio.NewReader(f)
		for {
			b, err := r.ReadByte()
			if err != nil {
				return "jsonl", nil
			}
			if b == '[' {
				return "json", nil
			}
			if b != ' ' && b != '\n' && b != '\r' && b != '\t' {
				return "jsonl", nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s (want .csv, .tsv, .txt, .xlsx, .jsonl, .ndjson, .json or .parquet)", ErrFormat, path)
}

// stage reads the file into the temporary view source(_line, <headers>) and
// the temporary tables structural(line, reason, raw) and line_shift(adj),
// and returns the source headers.
func (l *Loader) stage(ctx context.Context, c *sql.Conn, path, format string) ([]string, error) {
	if err := l.exec(ctx, c, "load_stage_reset.sql"); err != nil {
		return nil, err
	}
	switch format {
	case "csv":
		return l.stageCSV(ctx, c, path)
	case "xlsx":
		return l.stageXLSX(ctx, c, path)
	case "jsonl":
		return l.stageJSONL(ctx, c, path)
	case "json":
		return l.stageTable(ctx, c, `read_json($1, format='array', records=true)`, path, "rowid + 1")
	case "parquet":
		return l.stageTable(ctx, c, `read_parquet($1, file_row_number=true)`, path, "file_row_number + 1")
	}
	return nil, fmt.Errorf("%w: %s", ErrFormat, format)
}

func (l *Loader) stageCSV(ctx context.Context, c *sql.Conn, path string) ([]string, error) {
	// With the header and delimiter read here, DuckDB need not sniff the
	// file: a day's export of 300 rows stages in 10 ms instead of 120.
	// Headers it would rename (blank or repeated) leave the sniffing to it.
	opts := "all_varchar=true, header=true"
	if head, delim, ok := csvHeader(path); ok {
		cols := make([]string, len(head))
		for i, h := range head {
			cols[i] = quote(h) + ": 'VARCHAR'"
		}
		opts = fmt.Sprintf(`header=true, auto_detect=false, delim=%s, quote='"', escape='"', columns={%s}`,
			quote(string(delim)), strings.Join(cols, ", "))
	}
	// The file is not copied into a table: the view csv_src reads it where
	// it lies, once for the classification and again only for the rows a
	// reject must show as read (the package doc has the measurements).
	// csv_strict reads it for the first pass of the fast path (loadFast),
	// which a row the reader cannot split must stop, not skip.
	// A view cannot take a bound parameter, so the path is quoted in, with
	// the file's own columns and options.
	q := fmt.Sprintf(`CREATE TEMP VIEW csv_src AS SELECT * FROM read_csv(%[1]s, %[2]s,
		store_rejects=true, rejects_table='csv_rejects', rejects_scan='csv_scans');
		CREATE TEMP VIEW csv_strict AS SELECT * FROM read_csv(%[1]s, %[2]s)`, quote(path), opts)
	if _, err := c.ExecContext(ctx, q); err != nil {
		return nil, err
	}
	headers, err := l.columns(ctx, c, "csv_src")
	if err != nil {
		return nil, err
	}
	if err := l.exec(ctx, c, "load_stage_csv.sql"); err != nil {
		return nil, err
	}
	return headers, nil
}

// csvHeader reads the header of a CSV file and guesses its delimiter (the
// most frequent of , tab ; | outside quotes on the first line). ok is false
// when DuckDB had better sniff the file itself: no header line, or a blank
// or repeated column name.
func csvHeader(path string) (head []string, delim rune, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, false
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return nil, 0, false
	}
	line = strings.TrimPrefix(line, "\ufeff")
	counts := map[rune]int{}
	inQuote := false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case !inQuote && strings.ContainsRune(",\t;|", r):
			counts[r]++
		}
	}
	delim = ','
	for _, r := range []rune{'\t', ';', '|'} {
		if counts[r] > counts[delim] {
			delim = r
		}
	}
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma, cr.LazyQuotes = delim, true
	head, err = cr.Read()
	if err != nil || len(head) == 0 {
		return nil, 0, false
	}
	seen := map[string]bool{}
	for _, h := range head {
		if strings.TrimSpace(h) == "" || seen[h] {
			return nil, 0, false
		}
		seen[h] = true
	}
	return head, delim, true
}

// stageTable stages a file DuckDB reads into typed columns, cast to text:
// from is the table function reading the file at path ($1), line the
// expression of each row's line.
func (l *Loader) stageTable(ctx context.Context, c *sql.Conn, from, path, line string) ([]string, error) {
	if _, err := c.ExecContext(ctx, `CREATE TEMP TABLE src AS SELECT * FROM `+from, path); err != nil {
		return nil, err
	}
	headers, err := l.columns(ctx, c, "src")
	if err != nil {
		return nil, err
	}
	var sel []string
	var kept []string
	for _, h := range headers {
		if h == "file_row_number" {
			continue
		}
		kept = append(kept, h)
		sel = append(sel, fmt.Sprintf("CAST(%s AS VARCHAR) AS %s", ident(h), ident(h)))
	}
	_, err = c.ExecContext(ctx, fmt.Sprintf(`CREATE TEMP VIEW source AS SELECT %s AS _line, %s FROM src`, line, strings.Join(sel, ", ")))
	return kept, err
}

// stageJSONL appends each non-blank line with its number, then lets DuckDB
// parse the JSON: lines that are not JSON objects become structural rejects.
func (l *Loader) stageJSONL(ctx context.Context, c *sql.Conn, path string) ([]string, error) {
	if err := l.exec(ctx, c, "load_jsonl_table.sql"); err != nil {
		return nil, err
	}
	if err := appendLines(c, path); err != nil {
		return nil, err
	}
	if err := l.exec(ctx, c, "load_jsonl_objects.sql"); err != nil {
		return nil, err
	}
	headers, sel, err := l.jsonlKeys(ctx, c)
	if err != nil {
		return nil, err
	}
	if len(sel) == 0 {
		sel = []string{"NULL AS _none"}
	}
	if _, err := c.ExecContext(ctx, fmt.Sprintf(`CREATE TEMP VIEW source AS SELECT _line, %s FROM objects`, strings.Join(sel, ", "))); err != nil {
		return nil, err
	}
	if err := l.exec(ctx, c, "load_jsonl_rejects.sql"); err != nil {
		return nil, err
	}
	return headers, nil
}

// appendLines appends each non-blank line of the file at path, with its
// number, to the temp table src.
func appendLines(c *sql.Conn, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return appendRows(c, "src", func(app func(...driver.Value) error) error {
		r := bufio.NewReaderSize(f, 1<<20)
		for n := int64(1); ; n++ {
			line, err := r.ReadString('\n')
			if s := strings.TrimSpace(line); s != "" {
				if aerr := app(n, s); aerr != nil {
					return aerr
				}
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
	})
}

// jsonlKeys returns the keys of the staged objects, sorted, and for each
// the select item that extracts it as text under its own name.
func (l *Loader) jsonlKeys(ctx context.Context, c *sql.Conn) (headers, sel []string, err error) {
	keys, err := l.query("load_jsonl_keys.sql")
	if err != nil {
		return nil, nil, err
	}
	rows, err := c.QueryContext(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, nil, err
		}
		headers = append(headers, k)
		sel = append(sel, fmt.Sprintf(`json_extract_string(j, %s) AS %s`, quote(`$."`+strings.ReplaceAll(k, `"`, `\"`)+`"`), ident(k)))
	}
	return headers, sel, rows.Err()
}

// stageXLSX streams the first sheet: row 1 is the header.
func (l *Loader) stageXLSX(ctx context.Context, c *sql.Conn, path string) ([]string, error) {
	x, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: no sheet", path)
	}
	rows, err := x.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Error(); err != nil {
			return nil, fmt.Errorf("%s: sheet %s: %w", path, sheets[0], err)
		}
		return nil, fmt.Errorf("%s: sheet %s is empty", path, sheets[0])
	}
	header, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	header = uniqueHeaders(header)
	cols := []string{"_line BIGINT"}
	for _, h := range header {
		cols = append(cols, ident(h)+" VARCHAR")
	}
	if _, err := c.ExecContext(ctx, `CREATE TEMP TABLE src (`+strings.Join(cols, ", ")+`)`); err != nil {
		return nil, err
	}
	var wide [][]any
	err = appendRows(c, "src", func(app func(...driver.Value) error) error {
		w, aerr := appendSheet(rows, len(header), app)
		if aerr != nil {
			return fmt.Errorf("sheet %s: %w", sheets[0], aerr)
		}
		wide = w
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, w := range wide {
		if err := l.exec(ctx, c, "load_structural.sql", w...); err != nil {
			return nil, err
		}
	}
	return header, l.exec(ctx, c, "load_source_table.sql")
}

// appendSheet appends the rows after the header, each with its line, to
// app as width text cells (NULL for an empty one), skipping blank rows. It
// returns the rows wider than the header as structural rejects (line,
// reason, the row as read), and the row iterator's error: Next is false at
// the end of the sheet and on a broken one.
func appendSheet(rows *excelize.Rows, width int, app func(...driver.Value) error) ([][]any, error) {
	var wide [][]any
	vals := make([]driver.Value, width+1)
	for n := int64(2); rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", n, err)
		}
		if blank(cells) {
			continue
		}
		if len(cells) > width {
			wide = append(wide, []any{n, fmt.Sprintf("row has %d cells, header has %d", len(cells), width), strings.Join(cells, "\t")})
			continue
		}
		vals[0] = n
		for i := 0; i < width; i++ {
			vals[i+1] = nil
			if i < len(cells) && cells[i] != "" {
				vals[i+1] = cells[i]
			}
		}
		if err := app(vals...); err != nil {
			return nil, err
		}
	}
	return wide, rows.Error()
}

func blank(cells []string) bool {
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// uniqueHeaders names empty headers column_N and suffixes repeats _2, _3...
func uniqueHeaders(h []string) []string {
	out := make([]string, len(h))
	seen := map[string]int{}
	for i, s := range h {
		s = strings.TrimSpace(s)
		if s == "" {
			s = fmt.Sprintf("column_%d", i+1)
		}
		if seen[s]++; seen[s] > 1 {
			s = fmt.Sprintf("%s_%d", s, seen[s])
		}
		out[i] = s
	}
	return out
}

// appendRows runs fill with an append function on DuckDB's appender for the
// temporary table.
func appendRows(c *sql.Conn, table string, fill func(app func(...driver.Value) error) error) error {
	return c.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", table)
		if err != nil {
			return err
		}
		if err := fill(a.AppendRow); err != nil {
			a.Close()
			return err
		}
		return a.Close()
	})
}

// columns returns the columns of a temporary table, in order.
func (l *Loader) columns(ctx context.Context, c *sql.Conn, table string) ([]string, error) {
	q, err := l.query("load_columns.sql")
	if err != nil {
		return nil, err
	}
	rows, err := c.QueryContext(ctx, q, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// quote returns s as a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ident returns s as a quoted SQL identifier.
func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
