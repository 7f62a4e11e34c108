package ticket_test

import (
	"fmt"
	"time"

	"github.com/leian/leian/ticket"
)

func ExampleWeekBounds() {
	from, to, err := ticket.WeekBounds("2026-W47", ticket.Zone)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(from.Format(time.RFC3339), "up to", to.Format(time.RFC3339))
	_, _, err = ticket.WeekBounds("2026-47", ticket.Zone)
	fmt.Println(err)
	// Output:
	// 2026-11-16T00:00:00+08:00 up to 2026-11-23T00:00:00+08:00
	// week "2026-47": want YYYY-Www, e.g. 2026-W47
}

func ExampleWeekName() {
	// The ISO year of the last days of December can be the next one.
	for _, day := range []string{"2026-11-25", "2026-12-31", "2027-01-03", "2027-01-04"} {
		t, _ := time.ParseInLocation(time.DateOnly, day, ticket.Zone)
		fmt.Println(day, ticket.WeekName(t))
	}
	// Output:
	// 2026-11-25 2026-W48
	// 2026-12-31 2026-W53
	// 2027-01-03 2026-W53
	// 2027-01-04 2027-W01
}

func ExampleMonthBounds() {
	from, to, err := ticket.MonthBounds("2026-12", ticket.Zone)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ticket.MonthName(from), from.Format(time.DateOnly), to.Format(time.DateOnly))
	// Output:
	// 2026-12 2026-12-01 2027-01-01
}
