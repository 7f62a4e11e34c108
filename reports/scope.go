package reports

import (
	"context"
	"fmt"
	"strings"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/analysis"
	"github.com/leian/leian/ticket"
)

// Scope is whose report it is: the city, one department, one district or
// one category (问题大类). The report queries also take the kind scopeAll:
// every scope at once.
type Scope struct {
	Kind  ticket.ScopeKind `col:"scope_kind"`
	Value string           `col:"scope_value"`
}

// City is the city-wide scope: every ticket.
var City = Scope{Kind: ticket.ScopeCity}

// scopeAll is the scope kind the report queries read as every scope at once.
const scopeAll ticket.ScopeKind = "all"

// scopeKinds orders the kinds of packs: the city first, then departments,
// districts and categories.
var scopeKinds = []ticket.ScopeKind{ticket.ScopeCity, ticket.ScopeDepartment, ticket.ScopeDistrict, ticket.ScopeCategory}

// fieldNames names the ticket field a scope kind stands on, for messages.
var fieldNames = map[ticket.ScopeKind]string{ticket.ScopeDepartment: "承办单位", ticket.ScopeDistrict: "区", ticket.ScopeCategory: "问题大类"}

func (s Scope) label() string {
	switch s.Kind {
	case ticket.ScopeDepartment, ticket.ScopeDistrict:
		return text.FoldSpace(s.Value)
	case ticket.ScopeCategory:
		return "问题大类「" + text.FoldSpace(s.Value) + "」"
	}
	return "全市"
}

// file is the scope's file name within a week's folder: "city" for the
// city, else kind-value with path separators and whitespace made safe.
func (s Scope) file() string {
	if s.Kind == ticket.ScopeCity {
		return string(ticket.ScopeCity)
	}
	v := strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', ':', '*', '?', '"', '<', '>', '|':
			return '_'
		}
		return r
	}, text.FoldSpace(s.Value))
	return string(s.Kind) + "-" + strings.ReplaceAll(v, " ", "_")
}

func (s Scope) params(p Params) analysis.Params {
	ps := analysis.Params{"scope_kind": string(s.Kind), "scope_value": s.Value}
	for k, v := range p {
		ps[k] = v
	}
	return ps
}

// Scopes returns the scopes of the weekly packs of an ISO week, city first:
// the city-wide pack always; then one pack per department and per district
// named by the week's tickets; or, when the week's tickets name neither a
// department nor a district, one per category they name (see packScopes).
// The weekly job and leian report weekly both write these packs.
func (b *Builder) Scopes(ctx context.Context, week string) ([]Scope, error) {
	from, to, err := ticket.WeekBounds(week, b.Zone)
	if err != nil {
		return nil, err
	}
	t, err := b.table(ctx, "report_scopes", analysis.Params{"period_from": from, "period_to": to})
	if err != nil {
		return nil, err
	}
	var found []Scope
	for _, r := range t.Rows {
		found = append(found, Scope{Kind: ticket.ScopeKind(fmt.Sprint(r[0])), Value: fmt.Sprint(r[1])})
	}
	return packScopes(found), nil
}

// packScopes chooses the packs among the scopes the data names: the city
// always, first; every department and district; the categories only when
// there is no department and no district. Within a kind the order of found
// is kept; kinds go city, department, district, category.
func packScopes(found []Scope) []Scope {
	byKind := map[ticket.ScopeKind][]Scope{}
	for _, s := range found {
		byKind[s.Kind] = append(byKind[s.Kind], s)
	}
	out := []Scope{City}
	for _, k := range scopeKinds[1:] {
		if k == ticket.ScopeCategory && len(out) > 1 {
			break
		}
		out = append(out, byKind[k]...)
	}
	return out
}

// hasKind reports whether a scope of scopes is of kind.
func hasKind(scopes []Scope, kind ticket.ScopeKind) bool {
	for _, s := range scopes {
		if s.Kind == kind {
			return true
		}
	}
	return false
}
