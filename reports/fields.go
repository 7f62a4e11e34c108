package reports

import (
	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/ticket"

	"context"
	"errors"
	"fmt"

	"github.com/leian/leian/analysis"
)

// ErrNoField reports a pack asked for a scope whose field no ticket fills:
// a department's pack from data without departments, say.
var ErrNoField = errors.New("no ticket in the data fills this field")

// fields counts, over every loaded ticket, those that fill each field the
// reports stand on (queries/report_fields.sql). A count of 0 means the data
// lacks the field: the sections that need it say so in one line instead of
// showing empty tables or zero counts that would read as measurements.
type fields struct {
	Tickets    int64 `col:"tickets"`
	Department int64 `col:"department"`
	District   int64 `col:"district"`
	Street     int64 `col:"street"`
	Address    int64 `col:"address"`
	Channel    int64 `col:"channel"`
	Category   int64 `col:"category"`
	Dispatched int64 `col:"dispatched"` // dispatch time: deadlines, returns, reassignments
	Callback   int64 `col:"callback"`   // resolved or satisfaction
	Reply      int64 `col:"reply"`      // reply time or handling deadline
	Clue       int64 `col:"clue"`       // proactive-discovery clue id
	Suggested  int64 `col:"suggested"`  // tickets with a stored dispatch suggestion
}

func (b *Builder) fields(ctx context.Context) (fields, error) {
	t, err := b.table(ctx, "report_fields", analysis.Params{})
	if err != nil {
		return fields{}, err
	}
	rows, err := analysis.Scan[fields](t)
	if err != nil {
		return fields{}, fmt.Errorf("report query report_fields: %w", err)
	}
	if len(rows) != 1 {
		return fields{}, fmt.Errorf("report query report_fields: %d rows; want 1", len(rows))
	}
	return rows[0], nil
}

// scope returns the count of tickets filling the field of a scope kind;
// the city and unknown kinds stand on no field and count every ticket.
func (f fields) scope(kind ticket.ScopeKind) int64 {
	switch kind {
	case ticket.ScopeDepartment:
		return f.Department
	case ticket.ScopeDistrict:
		return f.District
	case ticket.ScopeCategory:
		return f.Category
	}
	return f.Tickets
}

// check fails with ErrNoField for a scope whose field no ticket fills.
func (f fields) check(sc Scope) error {
	if sc.Kind == ticket.ScopeCity || f.scope(sc.Kind) > 0 {
		return nil
	}
	return fmt.Errorf("weekly pack of %s %q: %w (%s); without the scope flag leian writes the packs the data allows",
		sc.Kind, sc.Value, ErrNoField, fieldNames[sc.Kind])
}

// lacks is the one line a section says in place of its content when the
// data has no field it stands on: e.g. lacks("承办单位", "派单指标") is
// "本数据无承办单位字段，派单指标从略。".
func lacks(field, what string) string {
	return fmt.Sprintf("本数据无%s字段，%s从略。", field, what)
}

// unfilled shows an empty value as 未填.
func unfilled(s string) string {
	if s = text.FoldSpace(s); s == "" {
		return "未填"
	}
	return s
}
