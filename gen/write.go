package gen

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/leian/leian/ticket"
)

// Output says how to write generated tickets.
type Output struct {
	Path     string
	Format   string // csv, xlsx, jsonl, parquet
	Encoding string // utf8 or gbk (csv only)
	Headers  string // en or zh
}

// Files lists what Write wrote.
type Files struct {
	Tickets, Truth, Surges string
	Rows                   int
}

// TruthPaths returns the ground-truth files written beside path: the issue
// type, event, department and first dispatch of each ticket, and the
// planted surges.
func TruthPaths(path string) (truth, surges string) {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	return base + ".truth.csv", base + ".surges.csv"
}

// Write generates cfg's tickets into out and the ground truth beside it.
// Files are written under temporary names and renamed when complete.
func Write(cfg Config, out Output) (Files, error) {
	truthPath, surgePath := TruthPaths(out.Path)
	files := Files{Tickets: out.Path, Truth: truthPath, Surges: surgePath}
	tw, err := newTicketWriter(out)
	if err != nil {
		return files, err
	}
	defer tw.abort()
	tf, err := os.Create(truthPath + ".tmp")
	if err != nil {
		return files, err
	}
	defer tf.Close()
	truth := bufio.NewWriterSize(tf, 1<<20)
	fmt.Fprintln(truth, "ticket_id,issue_type,event,department,first_department")
	surges, err := Generate(cfg, func(t *Ticket, tr Truth) error {
		files.Rows++
		fmt.Fprintf(truth, "%s,%s,%s,%s,%s\n", tr.TicketID, tr.IssueType, tr.Event, tr.Department, tr.FirstDepartment)
		return tw.write(t)
	})
	if err != nil {
		return files, err
	}
	if err := tw.close(); err != nil {
		return files, fmt.Errorf("write %s: %w", out.Path, err)
	}
	if err := truth.Flush(); err != nil {
		return files, err
	}
	if err := tf.Close(); err != nil {
		return files, err
	}
	if err := writeSurges(surgePath, surges); err != nil {
		return files, err
	}
	return files, os.Rename(truthPath+".tmp", truthPath)
}

func writeSurges(path string, surges []Surge) error {
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.Write([]string{"issue_type", "item", "week", "kind", "factor"}); err != nil {
		return err
	}
	for _, s := range surges {
		if err := w.Write([]string{s.IssueType, s.Item, s.Week, s.Kind, strconv.FormatFloat(s.Factor, 'g', -1, 64)}); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// ticketWriter writes tickets in one format to a temporary file and renames
// it into place on close.
type ticketWriter struct {
	out   Output
	f     *os.File
	zh    bool
	write func(t *Ticket) error
	flush func() error
}

func newTicketWriter(out Output) (*ticketWriter, error) {
	f, err := os.Create(out.Path + ".tmp")
	if err != nil {
		return nil, err
	}
	tw := &ticketWriter{out: out, f: f, zh: out.Headers == "zh"}
	header := ticket.Names()
	if tw.zh {
		header = ticket.ZhNames()
	}
	switch out.Format {
	case "", "csv":
		err = tw.initCSV(header)
	case "jsonl":
		tw.initJSONL(header)
	case "xlsx":
		err = tw.initXLSX(header)
	case "parquet":
		err = tw.initParquet(header)
	default:
		err = fmt.Errorf("%w: unknown format %q (want csv, xlsx, jsonl or parquet)", ErrConfig, out.Format)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return tw, nil
}

// fields returns t as written: Chinese exports carry 2024/1/5 8:03 times.
func (tw *ticketWriter) fields(t *Ticket) []string {
	if !tw.zh {
		return t[:]
	}
	for i, f := range ticket.Fields {
		if f.Kind == ticket.Timestamp {
			t[i] = ZhTimestamp(t[i])
		}
	}
	return t[:]
}

func (tw *ticketWriter) initCSV(header []string) error {
	var w io.Writer = tw.f
	switch tw.out.Encoding {
	case "", "utf8":
	case "gbk":
		w = simplifiedchinese.GBK.NewEncoder().Writer(tw.f)
	default:
		return fmt.Errorf("%w: unknown encoding %q (want utf8 or gbk)", ErrConfig, tw.out.Encoding)
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	tw.write = func(t *Ticket) error { return cw.Write(tw.fields(t)) }
	tw.flush = func() error {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
	return cw.Write(header)
}

func (tw *ticketWriter) initJSONL(header []string) {
	bw := bufio.NewWriterSize(tw.f, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	tw.write = func(t *Ticket) error {
		m := make(map[string]string, len(header))
		for i, v := range tw.fields(t) {
			if v != "" {
				m[header[i]] = v
			}
		}
		return enc.Encode(m)
	}
	tw.flush = bw.Flush
}

func (tw *ticketWriter) initXLSX(header []string) error {
	x := excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	row := 1
	put := func(vals []string) error {
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cell, cells)
	}
	tw.write = func(t *Ticket) error {
		if row > 1_048_576 {
			return fmt.Errorf("%w: xlsx holds at most 1,048,575 tickets", ErrConfig)
		}
		return put(tw.fields(t))
	}
	tw.flush = func() error {
		if err := sw.Flush(); err != nil {
			return err
		}
		return x.Write(tw.f)
	}
	return put(header)
}

func (tw *ticketWriter) initParquet(header []string) error {
	fields := make([]arrow.Field, len(header))
	for i, h := range header {
		fields[i] = arrow.Field{Name: h, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy))
	pw, err := pqarrow.NewFileWriter(schema, tw.f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	n := 0
	emit := func() error {
		if n == 0 {
			return nil
		}
		rec := b.NewRecordBatch()
		defer rec.Release()
		n = 0
		return pw.WriteBuffered(rec)
	}
	tw.write = func(t *Ticket) error {
		for i, v := range tw.fields(t) {
			fb := b.Field(i).(*array.StringBuilder)
			if v == "" {
				fb.AppendNull()
			} else {
				fb.Append(v)
			}
		}
		if n++; n == 65536 {
			return emit()
		}
		return nil
	}
	tw.flush = func() error {
		defer b.Release()
		if err := emit(); err != nil {
			return err
		}
		return pw.Close()
	}
	return nil
}

func (tw *ticketWriter) close() error {
	if err := tw.flush(); err != nil {
		return err
	}
	if err := tw.f.Close(); err != nil && !strings.Contains(err.Error(), "already closed") {
		return err
	}
	return os.Rename(tw.f.Name(), tw.out.Path)
}

// abort removes the temporary file if close did not rename it.
func (tw *ticketWriter) abort() {
	tw.f.Close()
	os.Remove(tw.out.Path + ".tmp")
}
