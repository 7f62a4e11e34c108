package cluster

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/leian/leian/cluster/vectors"
)

// Tickets is ticket text and place as the engine reads it from DuckDB.
type Tickets struct {
	IDs      []string
	Texts    []string   // title twice and content (ticketText)
	Places   [][]string // address, community, street, district (placeAddress first): stripped from the text
	Street   []string   // district+street
	Lat, Lon []float64  // NaN when unknown
	Callers  []string
	Received []time.Time
	RowHash  []uint64      // the loaded values' hash (tickets.row_hash) that stored tokens belong to
	Docs     *vectors.Docs // tokens: stored, or segmented as each part is read (Engine.readTickets)
}

// Len returns the number of tickets.
func (t *Tickets) Len() int { return len(t.IDs) }

// partTickets is how many tickets readTickets reads at a time (unless the
// engine's partSize says otherwise). DuckDB holds
// a query's whole result before the engine reads it, so a window read in
// one query held all its stored tokens twice, as DuckDB's result and as
// the engine's (a warm run of 5,000,000 tickets peaked at 6.7 GiB during
// the read, with 1.8 GiB of Go heap).
const partTickets = 500_000

// readTickets reads the tickets that the statement selection
// (engine_select_window or engine_select_candidates, with args) stages in
// engine_selection, with their tokens, from Arrow record batches, ordered
// by ticket id, e.partTickets() at a time. Tokens are those stored for
// this tokenizer, and texts are read only for the tickets without: each
// part's are segmented once the part is read and then dropped (tk.Texts
// is nil after), so a window never holds all its texts. It also returns
// the time spent segmenting. Tickets and tokens are two queries, each
// joining its table to the selection: as one outer join, DuckDB hashed
// every stored token list (a 14-day window of a 120k-ticket database:
// 105 ms against 7 ms). mem, if not nil, is sized to the selection
// before anything is read (runMemory.sized).
func (e *Engine) readTickets(ctx context.Context, ac conn, mem *runMemory, selection string, args ...any) (*Tickets, time.Duration, error) {
	if err := ac.exec(ctx, selection, slices.Concat(args, []any{int64(e.partTickets())})...); err != nil {
		return nil, 0, err
	}
	parts, err := selectionParts(ctx, ac)
	if err != nil {
		return nil, 0, err
	}
	if mem != nil {
		n := 0
		for _, p := range parts {
			n += p.tickets
		}
		mem.sized(n)
	}
	t := &Tickets{Docs: vectors.NewDocs(0)}
	places := map[string]string{} // one copy of each district, street, community and district+street
	var seg time.Duration
	for _, p := range parts {
		from := t.Len()
		if err := t.appendPart(ctx, ac, e.Tok.Version(), p, places); err != nil {
			return nil, 0, err
		}
		t0 := time.Now()
		if err := e.tokens(ctx, ac, t, from); err != nil {
			return nil, 0, err
		}
		seg += time.Since(t0)
	}
	t.Texts = nil
	return t, seg, nil
}

// part is one part of the staged tickets: its number, first and last
// ticket id, and number of tickets.
type part struct {
	n       int64
	lo, hi  string
	tickets int
}

// selectionParts returns the parts of the staged tickets, in order.
func selectionParts(ctx context.Context, ac conn) ([]part, error) {
	rr, err := ac.query(ctx, "engine_selection_parts")
	if err != nil {
		return nil, fmt.Errorf("cluster: selection parts: %w", err)
	}
	defer rr.Release()
	var out []part
	for rr.Next() {
		rec := rr.RecordBatch()
		n, lo, hi := rec.Column(0).(*array.Int64), rec.Column(1).(*array.String), rec.Column(2).(*array.String)
		count := rec.Column(3).(*array.Int64)
		for i := 0; i < int(rec.NumRows()); i++ {
			// Value points into the batch: the ids are cloned.
			out = append(out, part{n.Value(i), strings.Clone(lo.Value(i)), strings.Clone(hi.Value(i)), int(count.Value(i))})
		}
	}
	return out, rr.Err()
}

// appendPart appends the tickets of part p, then reads their stored tokens.
func (t *Tickets) appendPart(ctx context.Context, ac conn, version string, p part, places map[string]string) error {
	from := t.Len()
	rr, err := ac.query(ctx, "engine_read_tickets", version, p.n, p.lo, p.hi)
	if err != nil {
		return fmt.Errorf("cluster: read tickets: %w", err)
	}
	defer rr.Release()
	for rr.Next() {
		t.appendBatch(rr.RecordBatch(), places)
	}
	if err := rr.Err(); err != nil {
		return err
	}
	t.Docs.IDs = append(t.Docs.IDs, make([][]int32, t.Len()-from)...)
	return t.readStored(ctx, ac, version, p, from)
}

// The columns of engine_read_tickets, in its order.
const (
	readID = iota
	readText
	readDistrict
	readStreet
	readCommunity
	readAddress
	readLat
	readLon
	readCaller
	readReceived
	readRowHash
)

// placeAddress is the position of the address in Tickets.Places.
const placeAddress = 0

// appendBatch appends the tickets of one record batch of
// engine_read_tickets. Strings are cloned (Arrow's point into the batch,
// which DuckDB frees); districts, streets and communities, which repeat,
// are interned in places.
func (t *Tickets) appendBatch(rec arrow.RecordBatch, places map[string]string) {
	cols := rec.Columns()
	ts := cols[readReceived].(*array.Timestamp)
	unit := ts.DataType().(*arrow.TimestampType).Unit
	rh := cols[readRowHash].(*array.Uint64)
	col := func(c int) *array.String { return cols[c].(*array.String) }
	for i := 0; i < int(rec.NumRows()); i++ {
		district, street := col(readDistrict).Value(i), col(readStreet).Value(i)
		t.IDs = append(t.IDs, strings.Clone(col(readID).Value(i)))
		t.Texts = append(t.Texts, strings.Clone(col(readText).Value(i)))
		t.Places = append(t.Places, []string{strings.Clone(col(readAddress).Value(i)), intern(places, col(readCommunity).Value(i)),
			intern(places, street), intern(places, district)})
		t.Street = append(t.Street, intern(places, district+street))
		t.Lat = append(t.Lat, float(cols[readLat], i))
		t.Lon = append(t.Lon, float(cols[readLon], i))
		t.Callers = append(t.Callers, strings.Clone(col(readCaller).Value(i)))
		t.Received = append(t.Received, ts.Value(i).ToTime(unit))
		t.RowHash = append(t.RowHash, rh.Value(i))
	}
}

// intern returns the copy of s kept in seen, keeping s (cloned) if it is
// the first.
func intern(seen map[string]string, s string) string {
	if c, ok := seen[s]; ok {
		return c
	}
	c := strings.Clone(s)
	seen[c] = c
	return c
}

// readStored sets t.Docs of part p's tickets (from index from on) whose
// tokens ticket_tokens holds for their current values (t.RowHash) and
// version; the others stay nil.
func (t *Tickets) readStored(ctx context.Context, ac conn, version string, p part, from int) error {
	pos := make(map[string]int, t.Len()-from)
	for i, id := range t.IDs[from:] {
		pos[id] = from + i
	}
	tr, err := ac.query(ctx, "engine_read_tokens", version, p.n, p.lo, p.hi)
	if err != nil {
		return fmt.Errorf("cluster: read tokens: %w", err)
	}
	defer tr.Release()
	// Tokens repeat across tickets: held as word ids, one copy of each
	// word (a window of 60k tickets has 1.5M tokens and 20k distinct ones).
	for tr.Next() {
		rec := tr.RecordBatch()
		idc, hc, tl := rec.Column(0).(*array.String), rec.Column(1).(*array.Uint64), rec.Column(2).(*array.List)
		tv := tl.ListValues().(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			at, ok := pos[idc.Value(i)]
			if !ok || hc.Value(i) != t.RowHash[at] {
				continue // stored for other values of the ticket
			}
			start, end := tl.ValueOffsets(i)
			ids := make([]int32, 0, end-start)
			for j := start; j < end; j++ {
				ids = append(ids, t.Docs.Word(tv.Value(int(j)))) // Value points into the batch; Word copies
			}
			t.Docs.IDs[at] = ids
		}
	}
	return tr.Err()
}

func float(a arrow.Array, i int) float64 {
	if a.IsNull(i) {
		return math.NaN()
	}
	return a.(*array.Float64).Value(i)
}

// column is one column of a record batch to write.
type column struct {
	name string
	typ  arrow.DataType
	fill func(b array.Builder)
}

// insert writes the columns as one Arrow record batch into table through a
// registered view, on ac's connection (inside its open transaction).
func insert(ctx context.Context, ac conn, table string, cols ...column) error {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.name, Type: c.typ, Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, c := range cols {
		c.fill(b.Field(i))
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rr, err := array.NewRecordReader(schema, []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer rr.Release()
	view := "arrow_" + table
	release, err := ac.RegisterView(rr, view)
	if err != nil {
		return fmt.Errorf("cluster: register %s: %w", view, err)
	}
	defer release()
	if err := ac.Exec(ctx, "INSERT INTO "+table+" BY NAME SELECT * FROM "+view); err != nil {
		return fmt.Errorf("cluster: insert into %s: %w", table, err)
	}
	return nil
}

func strs(name string, v []string) column {
	return column{name, arrow.BinaryTypes.String, func(b array.Builder) { b.(*array.StringBuilder).AppendValues(v, nil) }}
}

func int64s(name string, v []int64) column {
	return column{name, arrow.PrimitiveTypes.Int64, func(b array.Builder) { b.(*array.Int64Builder).AppendValues(v, nil) }}
}

// nullableInt64s writes -1 as NULL.
func nullableInt64s(name string, v []int64) column {
	return column{name, arrow.PrimitiveTypes.Int64, func(b array.Builder) {
		ib := b.(*array.Int64Builder)
		for _, x := range v {
			if x < 0 {
				ib.AppendNull()
			} else {
				ib.Append(x)
			}
		}
	}}
}

func uint64s(name string, v []uint64) column {
	return column{name, arrow.PrimitiveTypes.Uint64, func(b array.Builder) { b.(*array.Uint64Builder).AppendValues(v, nil) }}
}

func float64s(name string, v []float64) column {
	return column{name, arrow.PrimitiveTypes.Float64, func(b array.Builder) { b.(*array.Float64Builder).AppendValues(v, nil) }}
}

func int32s(name string, v []int32) column {
	return column{name, arrow.PrimitiveTypes.Int32, func(b array.Builder) { b.(*array.Int32Builder).AppendValues(v, nil) }}
}

// vectorCol writes rows of dim floats as a list column.
func vectorCol[T float32 | float64](name string, data []T, dim int) column {
	return column{name, arrow.ListOf(arrow.PrimitiveTypes.Float32), func(b array.Builder) {
		lb := b.(*array.ListBuilder)
		vb := lb.ValueBuilder().(*array.Float32Builder)
		for i := 0; i+dim <= len(data); i += dim {
			lb.Append(true)
			for _, x := range data[i : i+dim] {
				vb.Append(float32(x))
			}
		}
	}}
}

func stringLists(name string, v [][]string) column {
	return column{name, arrow.ListOf(arrow.BinaryTypes.String), func(b array.Builder) {
		lb := b.(*array.ListBuilder)
		sb := lb.ValueBuilder().(*array.StringBuilder)
		for _, l := range v {
			lb.Append(true)
			sb.AppendValues(l, nil)
		}
	}}
}
