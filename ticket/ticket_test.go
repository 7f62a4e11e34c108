package ticket

import (
	"testing"
	"time"
)

func TestColsMatchFields(t *testing.T) {
	for _, tc := range []struct {
		col  Col
		name string
	}{
		{ColTicketID, "ticket_id"}, {ColReceivedAt, "received_at"}, {ColChannel, "channel"},
		{ColCallerID, "caller_id"}, {ColTitle, "title"}, {ColContent, "content"}, {ColUrgency, "urgency"},
		{ColCategory, "category"}, {ColItem, "item"}, {ColDistrict, "district"}, {ColStreet, "street"},
		{ColCommunity, "community"}, {ColAddress, "address"}, {ColLat, "lat"}, {ColLon, "lon"},
		{ColDepartment, "department"}, {ColDispatchedAt, "dispatched_at"}, {ColReturns, "returns"},
		{ColReassigns, "reassigns"}, {ColDispatchChain, "dispatch_chain"}, {ColRepliedAt, "replied_at"},
		{ColClosedAt, "closed_at"}, {ColDeadlineAt, "deadline_at"}, {ColStatus, "status"},
		{ColResolved, "resolved"}, {ColSatisfaction, "satisfaction"}, {ColRehandled, "rehandled"},
		{ColClueID, "clue_id"}, {ColUpdatedAt, "updated_at"},
	} {
		if got := Fields[tc.col].Name; got != tc.name {
			t.Errorf("Fields[%d].Name: got %s; want %s", tc.col, got, tc.name)
		}
	}
	if NumCols != len(Fields) {
		t.Errorf("NumCols: got %d; want %d", NumCols, len(Fields))
	}
}

func TestWeeks(t *testing.T) {
	for _, tc := range []struct {
		week, from, next string
	}{
		{"2026-W47", "2026-11-16", "2026-W48"},
		{"2026-W01", "2025-12-29", "2026-W02"},
		{"2026-W53", "2026-12-28", "2027-W01"},
		{"2020-W7", "2020-02-10", "2020-W08"},
	} {
		from, to, err := WeekBounds(tc.week, Zone)
		if err != nil {
			t.Fatalf("WeekBounds(%s): %v", tc.week, err)
		}
		if got := from.Format(time.DateOnly); got != tc.from || to.Sub(from) != 7*24*time.Hour {
			t.Errorf("WeekBounds(%s): got %s to %s; want %s and 7 days", tc.week, from, to, tc.from)
		}
		if got := WeekName(from); got != WeekName(to.Add(-time.Second)) {
			t.Errorf("WeekName of %s's first and last second differ: %s", tc.week, got)
		}
		if got, err := NextWeek(tc.week); err != nil || got != tc.next {
			t.Errorf("NextWeek(%s): got %s, %v; want %s", tc.week, got, err, tc.next)
		}
	}
	for _, bad := range []string{"", "2026-47", "2026-W00", "2026-W54", "W47"} {
		if _, _, err := WeekBounds(bad, Zone); err == nil {
			t.Errorf("WeekBounds(%q): got no error", bad)
		}
	}
}

func TestMonthBounds(t *testing.T) {
	from, to, err := MonthBounds("2026-12", Zone)
	if err != nil || MonthName(from) != "2026-12" || MonthName(to) != "2027-01" || from.Day() != 1 {
		t.Errorf("MonthBounds(2026-12): got %s, %s, %v; want 2026-12-01 and 2027-01-01", from, to, err)
	}
	if _, _, err := MonthBounds("2026-13", Zone); err == nil {
		t.Error("MonthBounds(2026-13): got no error")
	}
}
