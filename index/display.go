package index

import (
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/extract/temporal"
)

// DisplayDate writes a normalised date for a reader at its own precision:
// "6 October 2008", "June 2008", "2008", "autumn 2009", "Q3 2009",
// "financial year 2008/09", "week 9 of 2010", "3–4 May 2011", "the 1990s".
// A month is never printed as its first day. Strings outside the scheme are
// returned as they are.
func DisplayDate(norm string) string {
	v, err := temporal.ParseValue(norm)
	if err != nil {
		return norm
	}
	return displayValue(norm, v)
}

// displayValue is DisplayDate of a date already parsed.
func displayValue(norm string, v temporal.Value) string {
	y := v.Start.Year()
	switch v.Type {
	case temporal.Day:
		return dayString(v.Start)
	case temporal.Month:
		return v.Start.Month().String() + " " + strconv.Itoa(y)
	case temporal.Year:
		return strconv.Itoa(y)
	case temporal.Week:
		_, w := v.Start.ISOWeek()
		wy, _ := v.Start.AddDate(0, 0, 3).ISOWeek()
		return "week " + strconv.Itoa(w) + " of " + strconv.Itoa(wy)
	case temporal.Season:
		_, s, _ := strings.Cut(norm, "-")
		return s + " " + strconv.Itoa(y)
	case temporal.Quarter:
		return "Q" + strconv.Itoa(int(v.Start.Month()+2)/3) + " " + strconv.Itoa(y)
	case temporal.FinancialYear:
		return "financial year " + strconv.Itoa(y) + "/" + twoDigits((y+1)%100)
	case temporal.Span:
		last := v.End.AddDate(0, 0, -1)
		switch {
		case last.Year() != v.Start.Year():
			return dayString(v.Start) + " – " + dayString(last)
		case last.Month() != v.Start.Month():
			return strconv.Itoa(v.Start.Day()) + " " + v.Start.Month().String() + " – " + dayString(last)
		}
		return strconv.Itoa(v.Start.Day()) + "–" + dayString(last)
	case temporal.Decade:
		return "the " + strconv.Itoa(y) + "s"
	}
	return norm
}

func dayString(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// EDTF writes a normalised date as an Extended Date/Time Format string
// (ISO 8601-2:2019):
//
//	day 2008-10-06, month 2008-06, year 2008        level 0, as they are
//	season 2009-autumn                 2009-23      level 1 (21 spring, 22 summer, 23 autumn, 24 winter)
//	quarter 2009-Q3                    2009-35      level 2 sub-year groupings (33-36 = Q1-Q4)
//	ISO week 2010-W09                  2010-03-01/2010-03-07   interval of its days
//	financial year FY2008-09           2008-04/2009-03         interval of its months
//	span 2011-05-03/2011-05-04         as it is (level 0 interval)
//	decade 199X                        199X         level 1 unspecified digit
//
// approx appends "~" (level 1 approximate) to the date or to both ends of an
// interval. Strings outside the scheme come back empty.
func EDTF(norm string, approx bool) string {
	v, err := temporal.ParseValue(norm)
	if err != nil {
		return ""
	}
	return edtfValue(norm, v, approx)
}

// edtfValue is EDTF of a date already parsed.
func edtfValue(norm string, v temporal.Value, approx bool) string {
	y := v.Start.Year()
	mark := ""
	if approx {
		mark = "~"
	}
	switch v.Type {
	case temporal.Day, temporal.Month, temporal.Year, temporal.Decade:
		return norm + mark
	case temporal.Season:
		code := map[time.Month]int{time.March: 21, time.June: 22, time.September: 23, time.December: 24}[v.Start.Month()]
		return fourDigits(y) + "-" + strconv.Itoa(code) + mark
	case temporal.Quarter:
		return fourDigits(y) + "-" + strconv.Itoa(32+int(v.Start.Month()+2)/3) + mark
	case temporal.Week:
		return v.Start.Format("2006-01-02") + mark + "/" + v.End.AddDate(0, 0, -1).Format("2006-01-02") + mark
	case temporal.FinancialYear:
		return v.Start.Format("2006-01") + mark + "/" + v.End.AddDate(0, -1, 0).Format("2006-01") + mark
	case temporal.Span:
		a, b, _ := strings.Cut(norm, "/")
		return a + mark + "/" + b + mark
	}
	return ""
}

func fourDigits(y int) string {
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
