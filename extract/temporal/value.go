package temporal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Type is the kind of a normalised value.
type Type uint8

// Value types, in the scheme of the eval README.
const (
	Day           Type = iota + 1 // 2008-10-06
	Month                         // 2008-06
	Year                          // 2010
	Week                          // 2010-W09 (ISO week)
	Season                        // 2009-autumn
	Quarter                       // 2009-Q3 (calendar quarter)
	FinancialYear                 // FY2008-09 (UK, 1 April to 31 March)
	Span                          // 2011-05-03/2011-05-04 (inclusive days)
	Decade                        // 199X
)

var typeNames = [...]string{"", "day", "month", "year", "week", "season", "quarter", "financial-year", "span", "decade"}

// String returns the type's lower-case name ("day", "financial-year", ...).
func (t Type) String() string {
	if int(t) < len(typeNames) && t != 0 {
		return typeNames[t]
	}
	return "unknown"
}

// Modifiers a Mention may carry in Mod.
const (
	ModEarly  = "early"
	ModMid    = "mid"
	ModLate   = "late"
	ModEnd    = "end"
	ModStart  = "start"
	ModBefore = "before"
	ModBy     = "by"
)

// Value is a parsed normalised value: the half-open interval [Start, End) of
// UTC instants it stands for. A month value starts on the 1st and ends on the
// 1st of the next month, so sorting by Start never prints it as a day.
type Value struct {
	Type       Type
	Start, End time.Time
}

// ErrValue is returned (wrapped) by ParseValue for strings outside the scheme.
var ErrValue = errors.New("not a temporal value")

var seasonStart = map[string]time.Month{"spring": time.March, "summer": time.June, "autumn": time.September, "winter": time.December}

// ParseValue parses a value written by the tagger: "2008-10-06", "2008-06",
// "2010", "2010-W09", "2009-autumn", "2009-Q3", "FY2008-09",
// "2011-05-03/2011-05-04" or "199X".
func ParseValue(s string) (Value, error) {
	bad := func() (Value, error) { return Value{}, fmt.Errorf("temporal value %q: %w", s, ErrValue) }
	if a, b, ok := strings.Cut(s, "/"); ok {
		va, err1 := ParseValue(a)
		vb, err2 := ParseValue(b)
		if err1 != nil || err2 != nil || va.Type != Day || vb.Type != Day || vb.Start.Before(va.Start) {
			return bad()
		}
		return Value{Type: Span, Start: va.Start, End: vb.End}, nil
	}
	if strings.HasPrefix(s, "FY") {
		if len(s) != 9 || s[6] != '-' {
			return bad()
		}
		y, err := strconv.Atoi(s[2:6])
		yy, err2 := strconv.Atoi(s[7:9])
		if err != nil || err2 != nil || (y+1)%100 != yy {
			return bad()
		}
		st := time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: FinancialYear, Start: st, End: st.AddDate(1, 0, 0)}, nil
	}
	if len(s) < 4 {
		return bad()
	}
	if len(s) == 4 && s[3] == 'X' {
		d, err := strconv.Atoi(s[:3])
		if err != nil || d < 0 {
			return bad()
		}
		st := time.Date(d*10, 1, 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: Decade, Start: st, End: st.AddDate(10, 0, 0)}, nil
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y <= 0 {
		return bad()
	}
	if len(s) == 4 {
		st := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: Year, Start: st, End: st.AddDate(1, 0, 0)}, nil
	}
	if s[4] != '-' {
		return bad()
	}
	rest := s[5:]
	switch {
	case len(rest) == 3 && rest[0] == 'W':
		w, err := strconv.Atoi(rest[1:])
		if err != nil || w < 1 || w > isoWeeksIn(y) {
			return bad()
		}
		mon := isoWeekMonday(y, w)
		st := dayTime(mon)
		return Value{Type: Week, Start: st, End: st.AddDate(0, 0, 7)}, nil
	case len(rest) == 2 && rest[0] == 'Q':
		q := int(rest[1] - '0')
		if q < 1 || q > 4 {
			return bad()
		}
		st := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: Quarter, Start: st, End: st.AddDate(0, 3, 0)}, nil
	case seasonStart[rest] != 0:
		st := time.Date(y, seasonStart[rest], 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: Season, Start: st, End: st.AddDate(0, 3, 0)}, nil
	case len(rest) == 2:
		m, err := strconv.Atoi(rest)
		if err != nil || m < 1 || m > 12 {
			return bad()
		}
		st := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return Value{Type: Month, Start: st, End: st.AddDate(0, 1, 0)}, nil
	case len(rest) == 5 && rest[2] == '-':
		m, err := strconv.Atoi(rest[:2])
		d, err2 := strconv.Atoi(rest[3:])
		if err != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) {
			return bad()
		}
		st := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return Value{Type: Day, Start: st, End: st.AddDate(0, 0, 1)}, nil
	}
	return bad()
}

// Compare orders two values for a timeline: by start, then the longer period
// first (2008 before 2008-01 before 2008-01-01), then by string. Strings that
// do not parse sort after all values, by string.
func Compare(a, b string) int {
	va, erra := ParseValue(a)
	vb, errb := ParseValue(b)
	switch {
	case erra != nil && errb != nil:
		return strings.Compare(a, b)
	case erra != nil:
		return 1
	case errb != nil:
		return -1
	}
	if c := va.Start.Compare(vb.Start); c != 0 {
		return c
	}
	if c := vb.End.Compare(va.End); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// --- proleptic Gregorian day arithmetic on days since 1970-01-01 ---

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// civil returns the day number of y-m-d; m and d may be out of range and
// roll over (m=13 is January of y+1, d=0 the last day of the month before).
func civil(y, m, d int) int {
	y += floorDiv(m-1, 12)
	m = (m-1)%12 + 1
	if m <= 0 {
		m += 12
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromCivil is the inverse of civil.
func fromCivil(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// weekday returns 0 for Monday ... 6 for Sunday.
func weekday(z int) int { return ((z+3)%7 + 7) % 7 }

func daysInMonth(y, m int) int { return civil(y, m+1, 1) - civil(y, m, 1) }

// isoWeek returns the ISO 8601 week-numbering year and week of day z.
func isoWeek(z int) (year, week int) {
	thu := z - weekday(z) + 3
	year, _, _ = fromCivil(thu)
	week = (thu-civil(year, 1, 1))/7 + 1
	return year, week
}

func isoWeekMonday(y, w int) int {
	jan4 := civil(y, 1, 4)
	return jan4 - weekday(jan4) + 7*(w-1)
}

func isoWeeksIn(y int) int {
	_, w := isoWeek(civil(y, 12, 28))
	return w
}

func dayTime(z int) time.Time {
	y, m, d := fromCivil(z)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// easter returns the day number of Easter Sunday in year y (Gregorian).
func easter(y int) int {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil(y, month, day)
}

// --- value formatting (append style, no fmt on the hot path) ---

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func fmtDay(y, m, d int) string {
	b := make([]byte, 0, 10)
	b = pad(b, y, 4)
	b = append(b, '-')
	b = pad(b, m, 2)
	b = append(b, '-')
	return string(pad(b, d, 2))
}

func fmtDayZ(z int) string { return fmtDay(fromCivil(z)) }

func fmtMonth(y, m int) string {
	b := make([]byte, 0, 7)
	b = pad(b, y, 4)
	b = append(b, '-')
	return string(pad(b, m, 2))
}

func fmtYear(y int) string { return string(pad(nil, y, 4)) }

func fmtWeek(z int) string {
	y, w := isoWeek(z)
	b := pad(make([]byte, 0, 8), y, 4)
	b = append(b, "-W"...)
	return string(pad(b, w, 2))
}

var seasonNames = [4]string{"spring", "summer", "autumn", "winter"}

func fmtSeason(y, s int) string { return fmtYear(y) + "-" + seasonNames[s] }

func fmtQuarter(y, q int) string { return fmtYear(y) + "-Q" + strconv.Itoa(q) }

func fmtFY(y int) string {
	b := append(make([]byte, 0, 9), "FY"...)
	b = pad(b, y, 4)
	b = append(b, '-')
	return string(pad(b, (y+1)%100, 2))
}

func fmtDecade(y int) string { return string(pad(nil, y/10, 3)) + "X" }
