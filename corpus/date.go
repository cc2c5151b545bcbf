package corpus

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// Precisions, from nothing known to the day.
const (
	PrecisionUnknown Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// String returns "unknown", "year", "month" or "day".
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "unknown"
}

// Date is a calendar date that keeps its precision: a month-precision date is
// a month, never the first of that month. The zero Date is unknown.
type Date struct {
	Year  int
	Month time.Month // 0 unless Precision >= PrecisionMonth
	Day   int        // 0 unless Precision == PrecisionDay
}

// DayDate returns a day-precision Date.
func DayDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// MonthDate returns a month-precision Date.
func MonthDate(y int, m time.Month) Date { return Date{Year: y, Month: m} }

// YearDate returns a year-precision Date.
func YearDate(y int) Date { return Date{Year: y} }

// DateOf returns the day-precision Date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return DayDate(y, m, d)
}

// Precision reports how much of d is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionUnknown
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats the date as ISO 8601 at its own precision: "2008", "2008-06",
// "2008-06-14", or "" when unknown.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return ""
}

// Valid reports whether d is unknown or a real calendar date at its precision.
func (d Date) Valid() bool {
	switch d.Precision() {
	case PrecisionUnknown:
		return d.Month == 0 && d.Day == 0
	case PrecisionYear:
		return d.Year > 0 && d.Year <= 9999 && d.Day == 0
	case PrecisionMonth:
		return d.Year > 0 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12
	}
	if d.Year <= 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Start returns the first instant the date may stand for (UTC); the zero time
// when unknown.
func (d Date) Start() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, d.Month, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End returns the first instant after the period the date stands for.
func (d Date) End() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return d.Start().AddDate(1, 0, 0)
	case PrecisionMonth:
		return d.Start().AddDate(0, 1, 0)
	case PrecisionDay:
		return d.Start().AddDate(0, 0, 1)
	}
	return time.Time{}
}

// Compare orders dates by their start, then coarser before finer (2008 sorts
// before 2008-01, which sorts before 2008-01-01); unknown dates sort last.
func (d Date) Compare(e Date) int {
	if d.IsZero() || e.IsZero() {
		switch {
		case d.IsZero() && e.IsZero():
			return 0
		case d.IsZero():
			return 1
		}
		return -1
	}
	if c := d.Start().Compare(e.Start()); c != 0 {
		return c
	}
	return int(d.Precision()) - int(e.Precision())
}

// ParseDate parses the ISO forms String writes: "", "2008", "2008-06",
// "2008-06-14".
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		if len(p) == 0 || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: time.Month(n[1]), Day: n[2]}
	if d.Year == 0 || (len(parts) >= 2 && d.Month == 0) || (len(parts) == 3 && d.Day == 0) || !d.Valid() {
		return Date{}, fmt.Errorf("date %q: not a calendar date", s)
	}
	return d, nil
}

// MarshalText writes String's form.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads ParseDate's forms.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes the date as a string, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a string date or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	return d.UnmarshalText([]byte(s))
}
