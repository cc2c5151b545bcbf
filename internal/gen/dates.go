package gen

import (
	"strconv"
	"time"
)

// A dateExpr is a date as written, with its norm in the evaluation scheme
// ("2008-10-06", "2008-06", "2009", "2009-autumn", "FY2009-10", "2010-W09").
type dateExpr struct {
	text     string
	norm     string
	mod      string // early, late, end
	relative bool   // needs the document date to resolve
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

type season struct {
	name       string
	start, end time.Month
}

// Winter spans two years, so it is left out.
var seasons = []season{{"spring", 3, 5}, {"summer", 6, 8}, {"autumn", 9, 11}}

func dayNorm(t time.Time) string { return t.Format("2006-01-02") }
func monthNorm(y int, m time.Month) string {
	return strconv.Itoa(y) + "-" + twoDigits(int(m))
}
func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
func dayText(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()]
}
func dayTextYear(t time.Time) string { return dayText(t) + " " + strconv.Itoa(t.Year()) }

// fyText writes the financial year starting in April of y as "2009/10" or
// "2009-10".
func fyText(y int, slash bool) string {
	sep := "-"
	if slash {
		sep = "/"
	}
	return strconv.Itoa(y) + sep + twoDigits((y+1)%100)
}
func fyNorm(y int) string { return "FY" + strconv.Itoa(y) + "-" + twoDigits((y+1)%100) }

// fyOf is the first calendar year of the financial year holding t.
func fyOf(t time.Time) int {
	if t.Month() >= time.April {
		return t.Year()
	}
	return t.Year() - 1
}

// pastDate returns a date before pub; adverbial says whether it carries its
// preposition ("in June 2008", "last June") or is a noun phrase ("June
// 2008"); day asks for day precision.
func (s *story) pastDate(adverbial, day bool) dateExpr {
	pub := s.pubT
	r := s.r
	back := func(minDays, maxDays int) time.Time { return pub.AddDate(0, 0, -(minDays + r.IntN(maxDays-minDays+1))) }
	prep := func(p string, e dateExpr) dateExpr {
		if adverbial {
			e.text = p + " " + e.text
		}
		return e
	}
	if day {
		// Year-less when it falls earlier in the same year.
		t := back(3, 500)
		if t.Year() == pub.Year() && r.IntN(2) == 0 {
			return prep("on", dateExpr{text: dayText(t), norm: dayNorm(t), relative: true})
		}
		txt := dayTextYear(t)
		if r.IntN(4) == 0 {
			txt = t.Weekday().String() + " " + txt
		}
		return prep("on", dateExpr{text: txt, norm: dayNorm(t)})
	}
	for {
		switch r.IntN(12) {
		case 0, 1:
			return s.pastDate(adverbial, true)
		case 2: // June 2008
			t := back(40, 900)
			return prep("in", dateExpr{text: monthNames[t.Month()] + " " + strconv.Itoa(t.Year()), norm: monthNorm(t.Year(), t.Month())})
		case 3: // last June
			m := time.Month(1 + r.IntN(12))
			y := pub.Year()
			if m >= pub.Month() {
				y--
			}
			return dateExpr{text: "last " + monthNames[m], norm: monthNorm(y, m), relative: true}
		case 4: // in March, earlier this year
			if pub.Month() <= time.February {
				continue
			}
			m := time.Month(1 + r.IntN(int(pub.Month())-1))
			return prep("in", dateExpr{text: monthNames[m], norm: monthNorm(pub.Year(), m), relative: true})
		case 5: // last year, in 2007
			if r.IntN(2) == 0 {
				return dateExpr{text: "last year", norm: strconv.Itoa(pub.Year() - 1), relative: true}
			}
			y := pub.Year() - 1 - r.IntN(3)
			return prep("in", dateExpr{text: strconv.Itoa(y), norm: strconv.Itoa(y)})
		case 6: // last autumn
			se := seasons[r.IntN(len(seasons))]
			switch {
			case pub.Month() > se.end:
				return dateExpr{text: "last " + se.name, norm: strconv.Itoa(pub.Year()) + "-" + se.name, relative: true}
			case pub.Month() < se.start:
				return dateExpr{text: "last " + se.name, norm: strconv.Itoa(pub.Year()-1) + "-" + se.name, relative: true}
			}
		case 7: // last week
			if !adverbial {
				continue
			}
			y, wk := pub.AddDate(0, 0, -7).ISOWeek()
			return dateExpr{text: "last week", norm: strconv.Itoa(y) + "-W" + twoDigits(wk), relative: true}
		case 8: // the end of March
			if pub.Month() <= time.February {
				continue
			}
			m := time.Month(1 + r.IntN(int(pub.Month())-1))
			return prep("at", dateExpr{text: "the end of " + monthNames[m], norm: monthNorm(pub.Year(), m), mod: "end", relative: true})
		case 9: // late 2007
			y := pub.Year() - 1 - r.IntN(2)
			mod := [...]string{"early", "late"}[r.IntN(2)]
			return prep("in", dateExpr{text: mod + " " + strconv.Itoa(y), norm: strconv.Itoa(y), mod: mod})
		case 10: // the 2007/08 financial year
			y := fyOf(pub) - 1 - r.IntN(2)
			if r.IntN(2) == 0 {
				return prep("in", dateExpr{text: "the " + fyText(y, r.IntN(2) == 0) + " financial year", norm: fyNorm(y)})
			}
			return prep("in", dateExpr{text: fyText(y, true), norm: fyNorm(y)})
		case 11: // earlier this year
			if pub.Month() <= time.March || !adverbial {
				continue
			}
			return dateExpr{text: "earlier this year", norm: strconv.Itoa(pub.Year()), relative: true}
		}
	}
}

// futureDate returns a date after pub, like pastDate.
func (s *story) futureDate(adverbial, day bool) dateExpr {
	pub := s.pubT
	r := s.r
	prep := func(p string, e dateExpr) dateExpr {
		if adverbial {
			e.text = p + " " + e.text
		}
		return e
	}
	if day {
		t := pub.AddDate(0, 0, 5+r.IntN(400))
		if t.Year() == pub.Year() && r.IntN(2) == 0 {
			return prep("on", dateExpr{text: dayText(t), norm: dayNorm(t), relative: true})
		}
		return prep("on", dateExpr{text: dayTextYear(t), norm: dayNorm(t)})
	}
	preps := [...]string{"in", "by"}
	for {
		switch r.IntN(11) {
		case 0, 1: // by April, in April
			m := time.Month(1 + r.IntN(12))
			if m == pub.Month() {
				continue // "in March" in March: this month or next year's?
			}
			y := pub.Year()
			if m < pub.Month() {
				y++
			}
			return prep(preps[r.IntN(2)], dateExpr{text: monthNames[m], norm: monthNorm(y, m), relative: true})
		case 2: // in the autumn, by the summer
			se := seasons[r.IntN(len(seasons))]
			if pub.Month() >= se.start {
				continue
			}
			return prep(preps[r.IntN(2)], dateExpr{text: "the " + se.name, norm: strconv.Itoa(pub.Year()) + "-" + se.name, relative: true})
		case 3: // next year, later this year
			if r.IntN(2) == 0 || pub.Month() >= time.October {
				return dateExpr{text: "next year", norm: strconv.Itoa(pub.Year() + 1), relative: true}
			}
			if !adverbial {
				continue
			}
			return dateExpr{text: "later this year", norm: strconv.Itoa(pub.Year()), relative: true}
		case 4: // by the end of the year
			if pub.Month() >= time.November {
				continue
			}
			return prep("by", dateExpr{text: "the end of the year", norm: strconv.Itoa(pub.Year()), mod: "end", relative: true})
		case 5: // early 2010
			y := pub.Year() + 1 + r.IntN(2)
			mod := [...]string{"early", "late"}[r.IntN(2)]
			return prep("in", dateExpr{text: mod + " " + strconv.Itoa(y), norm: strconv.Itoa(y), mod: mod})
		case 6: // March 2010
			t := pub.AddDate(0, 2+r.IntN(24), 0)
			return prep(preps[r.IntN(2)], dateExpr{text: monthNames[t.Month()] + " " + strconv.Itoa(t.Year()), norm: monthNorm(t.Year(), t.Month())})
		case 7: // in 2011
			y := pub.Year() + 1 + r.IntN(3)
			return prep("in", dateExpr{text: strconv.Itoa(y), norm: strconv.Itoa(y)})
		case 8: // next month
			t := time.Date(pub.Year(), pub.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			return dateExpr{text: "next month", norm: monthNorm(t.Year(), t.Month()), relative: true}
		case 9: // 2010/11
			y := fyOf(pub) + 1
			return prep("in", dateExpr{text: fyText(y, r.IntN(3) > 0), norm: fyNorm(y)})
		case 10:
			return s.futureDate(adverbial, true)
		}
	}
}

// fy returns the current or the next financial year as a noun phrase.
func (s *story) fy() dateExpr {
	y := fyOf(s.pubT) + s.r.IntN(2)
	return dateExpr{text: fyText(y, s.r.IntN(3) > 0), norm: fyNorm(y)}
}
