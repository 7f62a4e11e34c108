package ticket

import (
	"fmt"
	"time"
)

// ZoneName is the platform's time zone as the database names it: timestamps
// without a zone are read in it, and every database session uses it.
const ZoneName = "Asia/Shanghai"

// Zone is the platform's zone, Asia/Shanghai, as a fixed UTC+8 offset
// named CST: China has kept no daylight saving time since 1991, and a fixed
// zone needs no tzdata on the machine. Treat it as a constant.
var Zone = time.FixedZone("CST", 8*3600)

// Layouts of the dates and times leian reads and writes.
const (
	MonthLayout = "2006-01"             // 2026-11
	TimeLayout  = "2006-01-02 15:04:05" // a generated export's timestamps
)

// WeekName returns the ISO week of t, in t's location, as "2026-W47": the
// year is the ISO year, which differs from t's calendar year for a few days
// around the new year (2026-12-31 falls in 2026-W53, 2027-01-01 too).
func WeekName(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// MonthName returns the month of t, in t's location, as "2026-11".
func MonthName(t time.Time) string { return t.Format(MonthLayout) }

// ParseWeek returns the ISO year and week number of a week named
// "2026-W47" (the week may have one digit, "2026-W7"). Weeks outside 1-53
// are an error; a week 53 in a year of 52 is not detected.
func ParseWeek(week string) (year, num int, err error) {
	if n, err := fmt.Sscanf(week, "%d-W%d", &year, &num); n != 2 || err != nil || num < 1 || num > 53 {
		return 0, 0, fmt.Errorf("week %q: want YYYY-Www, e.g. 2026-W47", week)
	}
	return year, num, nil
}

// WeekBounds returns the Monday 00:00 (in zone) of ISO week "2026-W47" and
// the next Monday: the week is [from, to).
func WeekBounds(week string, zone *time.Location) (from, to time.Time, err error) {
	y, w, err := ParseWeek(week)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, zone)
	mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
	return mon, mon.AddDate(0, 0, 7), nil
}

// NextWeek returns the name of the ISO week after week: "2026-W53" is
// followed by "2027-W01".
func NextWeek(week string) (string, error) {
	_, to, err := WeekBounds(week, time.UTC)
	if err != nil {
		return "", err
	}
	return WeekName(to), nil
}

// MonthBounds returns the first instant of month "2026-11" in zone and of
// the next month: the month is [from, to).
func MonthBounds(month string, zone *time.Location) (from, to time.Time, err error) {
	t, err := time.ParseInLocation(MonthLayout, month, zone)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("month %q: want YYYY-MM, e.g. 2026-11", month)
	}
	return t, t.AddDate(0, 1, 0), nil
}
