package serve

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"

	"github.com/leian/leian/analysis"
)

// downloadTypes are the formats of a result download and their types.
var downloadTypes = map[string]string{
	"csv":     "text/csv; charset=utf-8",
	"xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"parquet": "application/vnd.apache.parquet",
}

// sqlDownload runs the form's query like sqlRun, up to MaxDownload rows,
// and sends the result as CSV (UTF-8 with a byte-order mark, so Excel reads
// the Chinese), XLSX or Parquet. The file is written in Go from the rows:
// DuckDB's own writers would need file access, which the console keeps off.
func (s *Server) sqlDownload(w http.ResponseWriter, r *http.Request) error {
	format := trimForm(r, "format")
	ctype, ok := downloadTypes[format]
	if !ok {
		return badRequest("下载格式应为 csv、xlsx 或 parquet")
	}
	f, err := s.readForm(r)
	if err != nil {
		return err
	}
	t, err := s.runForm(r, f, s.cfg.MaxDownload)
	if err != nil {
		if isQueryError(err) {
			return badRequest(queryMessage(err))
		}
		return err
	}
	var buf bytes.Buffer
	switch format {
	case "csv":
		err = writeCSV(&buf, t)
	case "xlsx":
		err = writeXLSX(&buf, t)
	case "parquet":
		err = writeParquet(&buf, t)
	}
	if err != nil {
		return err
	}
	name := "leian-" + time.Now().Format("20060102-150405") + "." + format
	if f.Saved != "" {
		name = f.Saved + "." + format
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if t.Truncated {
		w.Header().Set("X-Leian-Truncated", fmt.Sprint(s.cfg.MaxDownload))
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func writeCSV(w io.Writer, t *analysis.Table) error {
	if _, err := w.Write([]byte("\ufeff")); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for _, row := range cells(t) {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeXLSX writes one sheet: the header row, then the rows, numbers as
// numbers and everything else as cell prints it.
func writeXLSX(w io.Writer, t *analysis.Table) error {
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, row := range t.Rows {
		vals := make([]any, len(row))
		for j, v := range row {
			switch v.(type) {
			case int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, bool:
				vals[j] = v
			default:
				vals[j] = cell(v)
			}
		}
		addr, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(addr, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

// writeParquet writes the rows as one Parquet row group (Snappy). A
// column's type is that of its first non-NULL value when every value has
// it (integers int64, floats double, booleans, times as UTC microseconds),
// else text as cell prints it.
func writeParquet(w io.Writer, t *analysis.Table) error {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c, Type: columnType(t, i), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range t.Rows {
		for i, v := range row {
			appendValue(b.Field(i), v)
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy))
	fw, err := pqarrow.NewFileWriter(schema, w, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}

// kindOf is the Arrow type a Go value goes into; nil for text.
func kindOf(v any) arrow.DataType {
	switch v.(type) {
	case int8, int16, int32, int64, uint8, uint16, uint32:
		return arrow.PrimitiveTypes.Int64
	case float32, float64:
		return arrow.PrimitiveTypes.Float64
	case bool:
		return arrow.FixedWidthTypes.Boolean
	case time.Time:
		return arrow.FixedWidthTypes.Timestamp_us
	}
	return nil
}

func columnType(t *analysis.Table, col int) arrow.DataType {
	var typ arrow.DataType
	for _, row := range t.Rows {
		if row[col] == nil {
			continue
		}
		k := kindOf(row[col])
		if k == nil || typ != nil && !arrow.TypeEqual(k, typ) {
			return arrow.BinaryTypes.String
		}
		typ = k
	}
	if typ == nil {
		return arrow.BinaryTypes.String
	}
	return typ
}

func appendValue(b array.Builder, v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch bb := b.(type) {
	case *array.Int64Builder:
		bb.Append(toInt64(v))
	case *array.Float64Builder:
		switch x := v.(type) {
		case float32:
			bb.Append(float64(x))
		case float64:
			bb.Append(x)
		}
	case *array.BooleanBuilder:
		bb.Append(v.(bool))
	case *array.TimestampBuilder:
		bb.Append(arrow.Timestamp(v.(time.Time).UnixMicro()))
	case *array.StringBuilder:
		bb.Append(cell(v))
	}
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int64:
		return x
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	}
	return 0
}
