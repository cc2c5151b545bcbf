package format

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// Dates in metadata and datelines. This is not the temporal tagger of package
// extract: it reads only absolute dates, as metadata and datelines write them.

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const (
	reWeekday = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	reMonth   = `([a-z]{3,9})\.?`
	reDay     = `(\d{1,2})(?:st|nd|rd|th)?`
	reYear    = `((?:19|20)\d\d)`
)

var (
	// 14 March 2009, Sat 14th of March, 2009
	reDMY = regexp.MustCompile(`(?i)\b` + reWeekday + reDay + `(?:\s+of)?\s+` + reMonth + `,?\s+` + reYear + `\b`)
	// March 14, 2009; Saturday, March 14th 2009
	reMDY = regexp.MustCompile(`(?i)\b` + reWeekday + reMonth + `\s+` + reDay + `,?\s+` + reYear + `\b`)
	// March 2009
	reMY = regexp.MustCompile(`(?i)\b` + reMonth + `,?\s+` + reYear + `\b`)
	// 2009-03-14, 2009/03/14, 2009.03.14; a "T" and time may follow (ParseDate
	// checks the time with onlyTimeAfter, so seconds and zones are allowed)
	reISO = regexp.MustCompile(`\b` + reYear + `([-/.])(\d{1,2})([-/.])(\d{1,2})(?:T|\b)`)
	// 14/03/2009, 14.03.2009, 14-03-2009 (UK day first)
	reNum = regexp.MustCompile(`\b(\d{1,2})([-/.])(\d{1,2})([-/.])` + reYear + `\b`)
	// 20090314
	reCompact = regexp.MustCompile(`^` + reYear + `(\d\d)(\d\d)(?:T|$)`)
	// 2009-03 and 2009
	reYM = regexp.MustCompile(`^` + reYear + `-(\d\d)$`)
	reY  = regexp.MustCompile(`^` + reYear + `$`)
)

// FindDate finds the first absolute date in s and returns it with its byte
// span; ok is false when there is none. Year-only numbers are not dates here.
func FindDate(s string) (d corpus.Date, start, end int, ok bool) {
	start = -1
	try := func(m []int, dd corpus.Date) {
		if m == nil || !dd.Valid() || dd.IsZero() {
			return
		}
		// Earliest wins; at the same start, the longer (more precise) match.
		if start < 0 || m[0] < start || (m[0] == start && m[1] > end) {
			d, start, end = dd, m[0], m[1]
		}
	}
	if m := reDMY.FindStringSubmatchIndex(s); m != nil {
		try(m, dayDate(s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]]))
	}
	if m := reMDY.FindStringSubmatchIndex(s); m != nil {
		try(m, dayDate(s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]]))
	}
	if m := reISO.FindStringSubmatchIndex(s); m != nil && s[m[4]:m[5]] == s[m[8]:m[9]] {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[6]:m[7]])
		da, _ := strconv.Atoi(s[m[10]:m[11]])
		try(m, corpus.DayDate(y, time.Month(mo), da))
	}
	if m := reNum.FindStringSubmatchIndex(s); m != nil && s[m[4]:m[5]] == s[m[8]:m[9]] {
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[6]:m[7]])
		y, _ := strconv.Atoi(s[m[10]:m[11]])
		if b > 12 && a <= 12 { // only US order fits
			a, b = b, a
		}
		try(m, corpus.DayDate(y, time.Month(b), a))
	}
	if start < 0 {
		if m := reMY.FindStringSubmatchIndex(s); m != nil {
			if mo, okm := monthNames[strings.ToLower(s[m[2]:m[3]])]; okm {
				y, _ := strconv.Atoi(s[m[4]:m[5]])
				try(m, corpus.MonthDate(y, mo))
			}
		}
	}
	if start < 0 {
		return corpus.Date{}, 0, 0, false
	}
	return d, start, end, true
}

func dayDate(year, month, day string) corpus.Date {
	mo, ok := monthNames[strings.ToLower(month)]
	if !ok {
		return corpus.Date{}
	}
	y, _ := strconv.Atoi(year)
	da, _ := strconv.Atoi(day)
	return corpus.DayDate(y, mo, da)
}

// ParseDate reads a date written on its own, as metadata fields write them:
// ISO 8601 with or without a time ("2009-03-14T09:30:00Z"), "2009-03",
// "2009", "20090314", RFC 1123, "14 March 2009", "March 14, 2009",
// "14/03/2009". A time and zone after the date are allowed and dropped: the
// date is the one written, not converted to UTC.
func ParseDate(s string) (corpus.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return corpus.Date{}, false
	}
	if m := reY.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return corpus.YearDate(y), true
	}
	if m := reYM.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d := corpus.MonthDate(y, time.Month(mo))
		return d, d.Valid()
	}
	if m := reCompact.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		da, _ := strconv.Atoi(m[3])
		d := corpus.DayDate(y, time.Month(mo), da)
		return d, d.Valid()
	}
	d, start, end, ok := FindDate(s)
	if !ok || strings.TrimSpace(s[:start]) != "" || !onlyTimeAfter(s[end:]) {
		return corpus.Date{}, false
	}
	return d, true
}

var reTimeTail = regexp.MustCompile(`(?i)^[\sT,|@-]*(?:at\s+)?(?:\d{1,2}[:.]\d\d(?:[:.]\d\d(?:\.\d+)?)?\s*(?:am|pm)?\s*(?:Z|[+-]\d\d:?\d\d|[a-z]{2,5}(?:[+-]\d{1,4})?)?)?\s*$`)

func onlyTimeAfter(s string) bool { return reTimeTail.MatchString(s) }

var (
	reURLDay     = regexp.MustCompile(`/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$|\D)`)
	reURLMonth   = regexp.MustCompile(`/((?:19|20)\d\d)/(\d{1,2})/`)
	reURLCompact = regexp.MustCompile(`[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.-]|$)`)
)

// DateFromURL reads a date from a URL path: /2009/03/14/, /2009-03-14-slug,
// /20090314/ give a day, /2009/03/ a month. Query and host are ignored.
func DateFromURL(raw string) (corpus.Date, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return corpus.Date{}, false
	}
	p := u.EscapedPath()
	for _, re := range []*regexp.Regexp{reURLDay, reURLCompact} {
		if m := re.FindStringSubmatch(p); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			da, _ := strconv.Atoi(m[3])
			if d := corpus.DayDate(y, time.Month(mo), da); d.Valid() {
				return d, true
			}
		}
	}
	if m := reURLMonth.FindStringSubmatch(p); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if d := corpus.MonthDate(y, time.Month(mo)); d.Valid() {
			return d, true
		}
	}
	return corpus.Date{}, false
}

var reDatelineCue = regexp.MustCompile(`(?i)^\W*(?:published|posted|updated|last updated|first published|date|dated|issued)\b`)

// FindDateline looks for a dateline near the top of a text: a short line
// that is mostly a date ("• 14 March 2009", "Published: 14/03/2009 10:21",
// "By Jon Hoeksma | 19 January 2012"). It looks at the first maxLines
// non-blank lines and returns the first date of a cue line ("Published...")
// if any, else the first short date line. Updated-only lines lose to
// published ones.
func FindDateline(text string, maxLines int) (corpus.Date, bool) {
	var first corpus.Date
	found := false
	n := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if n++; n > maxLines {
			break
		}
		if len(line) > 100 {
			continue
		}
		d, start, end, ok := FindDate(line)
		if !ok {
			continue
		}
		rest := len(line) - (end - start)
		cue := reDatelineCue.MatchString(line)
		if cue && !strings.Contains(strings.ToLower(line[:start]), "updated") {
			return d, true
		}
		if !found && (rest <= 40 || cue) {
			first, found = d, true
		}
	}
	return first, found
}
