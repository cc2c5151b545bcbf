package temporal

import (
	"github.com/nhs-trawl/trawl/corpus"
)

// run holds the state of one Analyze call.
type run struct {
	t        *Tagger
	text     string
	ref      refDate
	res      *Result
	toks     []token
	cands    []cand
	deadline bool // the expression being matched follows "by"
}

// cand is a match over tokens [a, b).
type cand struct {
	a, b       int
	typ        Type
	value      string
	mod        string
	rel, fuzzy bool
	unresolved bool

	// A year-less month, day or span of days waits for the coordination
	// pass ("July and August 2008") before its year is taken from the
	// reference.
	pending        bool
	mode           mode
	month, day     int
	month2, day2   int // span end
	hasYear        bool
	year           int
	second         *cand // a year range "2008-2010" yields two years
	explicitSingle bool  // a Month or Day with a written year (may lend it)
}

// Token helpers; all are safe out of range.

func (r *run) tok(i int) *token {
	if i < 0 || i >= len(r.toks) {
		return nil
	}
	return &r.toks[i]
}

func (r *run) word(i int) string {
	if i < 0 || i >= len(r.toks) || r.toks[i].lx == nil {
		return ""
	}
	return r.toks[i].lx.s
}

func (r *run) has(i int, cls uint32) bool {
	return i >= 0 && i < len(r.toks) && r.toks[i].lx != nil && r.toks[i].lx.cls&cls != 0
}

func (r *run) punct(i int, c rune) bool {
	return i >= 0 && i < len(r.toks) && r.toks[i].kind == tPunct && r.toks[i].r == c
}

// adj reports whether token i touches token i-1 (no space between).
func (r *run) adj(i int) bool {
	return i > 0 && i < len(r.toks) && !r.toks[i].sp
}

func (r *run) isKind(i int, k tkind) bool {
	return i >= 0 && i < len(r.toks) && r.toks[i].kind == k
}

// year4 reports a plain 4-digit number token in [lo, hi].
func (r *run) year4(i, lo, hi int) (int, bool) {
	tk := r.tok(i)
	if tk == nil || tk.kind != tNum || tk.ndig != 4 || tk.num < lo || tk.num > hi {
		return 0, false
	}
	if r.rightBlocked(i) {
		return 0, false
	}
	return tk.num, true
}

// dayNum reports a day of month token: 1-31 as digits (at most 2) or ordinal.
func (r *run) dayNum(i int) (int, bool) {
	tk := r.tok(i)
	if tk == nil || tk.num < 1 || tk.num > 31 {
		return 0, false
	}
	if tk.kind == tOrd || (tk.kind == tNum && tk.ndig <= 2) {
		return tk.num, true
	}
	return 0, false
}

// leftBlocked reports a number glued to what precedes it: a letter, a
// currency sign, a reference separator ("TB2011.07", "£2009", "12/2010").
func (r *run) leftBlocked(i int) bool {
	if !r.adj(i) {
		return false
	}
	p := r.tok(i - 1)
	switch p.kind {
	case tPunct:
		switch p.r {
		case '£', '$', '€', '#', '/', '.', ':', ',', '¥', '+', '=', '_', '\\', '*', '&', '@', '^', '~', '%':
			return true
		case '-':
			// "mid-2010" is fine; "12-2010" or "A-2010" glued to a code is not.
			q := r.tok(i - 2)
			return q != nil && r.adj(i-1) && (q.kind != tWord || q.lx == nil || q.lx.cls&cPrefixMod == 0 && q.lx.s != "pre" && q.lx.s != "post")
		}
		return false
	}
	return true
}

// rightBlocked reports a number glued to what follows: "2010%", "2010m",
// "10.30", "2010/11/12", "90-day".
func (r *run) rightBlocked(i int) bool {
	n := r.tok(i + 1)
	if n == nil || n.sp {
		return false
	}
	switch n.kind {
	case tPunct:
		switch n.r {
		case '%', '£', '$', '€', '@', '_', '=', '+', '*', '#':
			return true
		case '/', '.', ':', '-', ',':
			m := r.tok(i + 2)
			return m != nil && !m.sp && (m.kind == tNum || m.kind == tOther || m.kind == tOrd || (m.kind == tWord && n.r != '.' && n.r != ','))
		case '\'':
			return false
		}
		return false
	}
	return true
}

func modOf(w string) string {
	switch w {
	case "early":
		return ModEarly
	case "mid", "middle":
		return ModMid
	case "late":
		return ModLate
	case "end", "close":
		return ModEnd
	case "start", "beginning":
		return ModStart
	}
	return ""
}

// sentence matches one sentence's tokens left to right, longest match at
// each position, then lends years along coordinations and resolves.
func (r *run) sentence(toks []token) {
	r.toks = toks
	r.cands = r.cands[:0]
	for i := 0; i < len(toks); {
		c, ok := r.match(i)
		if !ok || c.b <= i {
			i++
			continue
		}
		r.cands = append(r.cands, c)
		i = c.b
		if c.second != nil {
			r.cands = append(r.cands, *c.second)
			i = c.second.b
		}
	}
	r.coordinate()
	for k := range r.cands {
		c := &r.cands[k]
		r.finish(c)
		start, end := toks[c.a].start, toks[c.b-1].end
		m := Mention{Start: start, End: end, Text: r.text[start:end], Value: c.value, Type: c.typ,
			Relative: c.rel, Mod: c.mod, Fuzzy: c.fuzzy}
		if c.unresolved || c.value == "" {
			m.Value = ""
			r.res.Unresolved = append(r.res.Unresolved, m)
			continue
		}
		r.res.Mentions = append(r.res.Mentions, m)
	}
}

// coordinate lends a written year back along "July and August 2008",
// "6 and 8 October 2008", "December and January 2009" (December 2008).
func (r *run) coordinate() {
	for k := len(r.cands) - 2; k >= 0; k-- {
		c, nx := &r.cands[k], &r.cands[k+1]
		if !c.pending || !nx.hasYear || nx.month == 0 {
			continue
		}
		if !r.separatorsOnly(c.b, nx.a) {
			continue
		}
		y := nx.year
		if c.month > nx.month {
			y--
		}
		c.pending = false
		c.hasYear, c.year, c.rel = true, y, false
		r.setYear(c, y)
	}
}

func (r *run) separatorsOnly(a, b int) bool {
	if b-a > 3 || b < a {
		return false
	}
	for i := a; i < b; i++ {
		tk := &r.toks[i]
		switch {
		case tk.kind == tPunct && (tk.r == ',' || tk.r == '-' || tk.r == '&' || tk.r == '/'):
		case tk.kind == tWord && (tk.lx != nil && (tk.lx.s == "and" || tk.lx.s == "or" || tk.lx.s == "to" || tk.lx.s == "through" || tk.lx.s == "until" || tk.lx.s == "till")):
		default:
			return false
		}
	}
	return true
}

// setYear writes the value of a month/day/span candidate for year y.
func (r *run) setYear(c *cand, y int) {
	switch c.typ {
	case Month:
		c.value = fmtMonth(y, c.month)
	case Day:
		if c.day > daysInMonth(y, c.month) {
			c.value, c.unresolved = "", false
			return
		}
		c.value = fmtDay(y, c.month, c.day)
	case Span:
		y2 := y
		if c.month2 < c.month {
			y2++
		}
		if c.day > daysInMonth(y, c.month) || c.day2 > daysInMonth(y2, c.month2) {
			c.value = ""
			return
		}
		c.value = fmtDay(y, c.month, c.day) + "/" + fmtDay(y2, c.month2, c.day2)
	}
}

// finish resolves a pending year-less candidate against the reference.
func (r *run) finish(c *cand) {
	if !c.pending {
		return
	}
	c.rel = true
	tg := target{kind: tgMonth, month: c.month}
	if c.typ != Month {
		tg = target{kind: tgDay, month: c.month, day: c.day}
	}
	y, ok := r.pickYear(tg, c.mode)
	if !ok {
		c.unresolved = true
		return
	}
	r.setYear(c, y)
}

// match tries every rule at token i, with the prefixes that set a modifier:
// by / before / pre- / no later than, then (the) early / mid / late / end of
// / start of / beginning of / middle of / earlier / later (in).
func (r *run) match(i int) (cand, bool) {
	j := i
	outer := ""
	switch r.word(j) {
	case "by":
		outer = ModBy
		j++
	case "before":
		outer = ModBefore
		j++
	case "pre":
		if r.punct(j+1, '-') && r.adj(j+1) && r.adj(j+2) {
			outer = ModBefore
			j += 2
		}
	case "no":
		if r.word(j+1) == "later" && r.word(j+2) == "than" {
			outer = ModBy
			j += 3
		}
	}
	inner, hasInner := "", false
	k := j
	if r.word(k) == "the" {
		k++
	}
	if r.has(k, cPrefixMod) {
		pm, k2, ok := r.word(k), k+1, false
		switch pm {
		case "end", "start", "beginning", "middle", "close":
			if r.word(k2) == "of" {
				k2++
				ok = true
			} else if r.punct(k2, '-') && r.adj(k2) && r.adj(k2+1) {
				k2++
				ok = true
			} else if pm != "close" && (r.has(k2, cMonth) || r.isKind(k2, tNum) && r.tok(k2).ndig == 4) {
				ok = true // "end Dec 2011", "start 2012"
			}
		case "early", "late", "mid":
			if r.punct(k2, '-') && r.adj(k2) {
				k2++
			} else if r.word(k2) == "in" || (r.word(k2) == "of" && pm != "mid") {
				k2++
			}
			ok = true
		case "earlier", "later":
			if r.word(k2) == "in" {
				k2++
			}
			ok = true
		}
		if ok {
			hasInner, inner, j = true, modOf(pm), k2
		}
	}
	if outer == "" && !hasInner {
		return r.core(i, false)
	}
	r.deadline = outer == ModBy
	c, ok := r.core(j, hasInner)
	r.deadline = false
	if !ok {
		return cand{}, false
	}
	c.a = i
	switch {
	case inner != "":
		c.mod = inner
	case c.mod == "":
		c.mod = outer
	}
	return c, true
}

// core dispatches on the token at j. afterMod is true after a modifier
// prefix ("the end of"), which licenses "the year", "the month" and bare
// months and years.
func (r *run) core(j int, afterMod bool) (cand, bool) {
	tk := r.tok(j)
	if tk == nil {
		return cand{}, false
	}
	switch tk.kind {
	case tNum, tOrd:
		if r.word(j+2) == "ago" {
			return r.agoCore(j)
		}
		return r.numCore(j, afterMod)
	case tDecade:
		if r.leftBlocked(j) || r.rightBlocked(j) {
			return cand{}, false
		}
		return cand{a: j, b: j + 1, typ: Decade, value: fmtDecade(tk.num)}, true
	case tQuarter:
		return r.quarterCore(j, j, tk.num, false)
	case tFY:
		return r.fyCore(j)
	case tWord:
	default:
		return cand{}, false
	}
	lx := tk.lx
	if lx == nil {
		return cand{}, false
	}
	switch {
	case lx.cls&cMonth != 0:
		return r.monthCore(j, afterMod)
	case lx.cls&cWeekday != 0:
		return r.weekdayCore(j)
	case lx.cls&cSeason != 0:
		return r.seasonCore(j, afterMod)
	}
	switch lx.s {
	case "the":
		return r.theCore(j, afterMod)
	case "last", "this", "next":
		return r.relCore(j, afterMod)
	case "today", "yesterday", "tomorrow", "tonight":
		return r.dayWordCore(j)
	case "christmas", "boxing", "new", "easter":
		return r.holidayCore(j)
	case "financial", "fiscal", "fy":
		return r.fyCore(j)
	case "current":
		if afterMod || r.word(j-1) == "the" {
			return r.unitNow(j+1, j)
		}
	}
	if lx.cls&cOrdinal != 0 {
		return r.ordQuarter(j)
	}
	if lx.cls&(cNumWord|cQualifier) != 0 {
		return r.agoCore(j)
	}
	return cand{}, false
}

// --- numbers ---

func (r *run) numCore(j int, afterMod bool) (cand, bool) {
	tk := r.tok(j)
	if r.leftBlocked(j) {
		return cand{}, false
	}
	if tk.kind == tNum {
		// Gather an adjacent chain N sep N (sep N): dates, FYs, references.
		var parts [4]int
		var seps [3]rune
		n, e := 1, j+1
		parts[0] = j
		for n < 4 {
			p := r.tok(e)
			if p == nil || p.sp || p.kind != tPunct || (p.r != '/' && p.r != '-' && p.r != '.') {
				break
			}
			q := r.tok(e + 1)
			if q == nil || q.sp || q.kind != tNum {
				break
			}
			seps[n-1] = p.r
			parts[n] = e + 1
			n++
			e += 2
		}
		if n > 1 {
			return r.chainCore(j, parts[:n], seps[:n-1], afterMod)
		}
	}
	if d, ok := r.dayNum(j); ok {
		if c, ok := r.dayMonth(j, d); ok {
			return c, true
		}
	}
	if tk.kind == tNum && tk.ndig == 4 {
		return r.yearCore(j, afterMod)
	}
	return cand{}, false
}

// chainCore interprets N/N/N, N-N and the like.
func (r *run) chainCore(j int, parts []int, seps []rune, afterMod bool) (cand, bool) {
	last := parts[len(parts)-1]
	if r.rightBlocked(last) {
		return cand{}, false
	}
	t0 := r.tok(parts[0])
	switch len(parts) {
	case 3:
		if seps[0] != seps[1] {
			return cand{}, false
		}
		a, b, c := r.tok(parts[0]), r.tok(parts[1]), r.tok(parts[2])
		if a.ndig == 4 && seps[0] == '-' && b.ndig == 2 && c.ndig == 2 {
			if validDay(a.num, b.num, c.num) {
				return cand{a: j, b: last + 1, typ: Day, value: fmtDay(a.num, b.num, c.num), month: b.num, hasYear: true, year: a.num}, true
			}
			return cand{}, false
		}
		if a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2) {
			d, m, y := a.num, b.num, c.num
			if c.ndig == 2 {
				if y < 50 {
					y += 2000
				} else {
					y += 1900
				}
			}
			if m > 12 && d <= 12 { // US month-first, the only reading left
				d, m = m, d
			}
			if validDay(y, m, d) {
				return cand{a: j, b: last + 1, typ: Day, value: fmtDay(y, m, d), month: m, hasYear: true, year: y}, true
			}
		}
		return cand{}, false
	case 2:
		a, b := t0, r.tok(parts[1])
		if a.ndig == 4 && a.num >= 1900 && a.num <= 2100 && (seps[0] == '/' || seps[0] == '-') {
			switch {
			case b.ndig == 2 && b.num == (a.num+1)%100, b.ndig == 4 && b.num == a.num+1:
				c := cand{a: j, b: last + 1, typ: FinancialYear, value: fmtFY(a.num)}
				c.b = r.fySuffix(c.b)
				if r.word(j-1) == "fy" || r.word(j-1) == "financial" {
					c.a = j - 1
				}
				return c, true
			case b.ndig == 4 && seps[0] == '-' && b.num > a.num && b.num <= a.num+50:
				first := cand{a: j, b: j + 1, typ: Year, value: fmtYear(a.num)}
				second := cand{a: parts[1], b: parts[1] + 1, typ: Year, value: fmtYear(b.num)}
				first.second = &second // emitted as two mentions; the dash belongs to neither
				return first, true
			}
			return cand{}, false
		}
		// "3-4 May": a day span.
		if seps[0] == '-' {
			if d1, ok := r.dayNum(parts[0]); ok {
				if d2, ok := r.dayNum(parts[1]); ok && d2 > d1 {
					if c, ok := r.monthAfterDay(j, parts[1]+1, d1, d2); ok {
						return c, true
					}
				}
			}
		}
	}
	return cand{}, false
}

func validDay(y, m, d int) bool {
	return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

// fySuffix extends an FY match over "financial year" / "fiscal year" / "FY".
func (r *run) fySuffix(b int) int {
	if (r.word(b) == "financial" || r.word(b) == "fiscal") && r.word(b+1) == "year" {
		return b + 2
	}
	return b
}

// monthWord reports a month name token usable inside a full date at i: full
// names capitalised (or lower-case unless May/March), abbreviations
// capitalised, with an optional following full stop. It returns the month
// and the index after it.
func (r *run) monthWord(i int) (m, next int, ok bool) {
	tk := r.tok(i)
	if tk == nil || tk.kind != tWord || tk.lx == nil || tk.lx.cls&cMonth == 0 {
		return 0, 0, false
	}
	if !tk.cap && (tk.lx.cls&(cStrict|cMonthAbbr) != 0) {
		return 0, 0, false
	}
	next = i + 1
	if tk.lx.cls&cMonthAbbr != 0 && r.punct(next, '.') && r.adj(next) {
		next++
	}
	return tk.lx.val, next, true
}

// dayMonth parses from day d at j: "6 October [2008]", "6th of Oct",
// "3 to 4 May", "3 May - 4 June 2011".
func (r *run) dayMonth(j, d int) (cand, bool) {
	k := j + 1
	// Span "3 to 4 May", "3 and 4 May", "3 - 4 May".
	if w := r.word(k); w == "to" || w == "until" || w == "till" || r.punct(k, '-') {
		if d2, ok := r.dayNum(k + 1); ok && d2 > d {
			if c, ok := r.monthAfterDay(j, k+2, d, d2); ok {
				return c, true
			}
		}
	}
	return r.monthAfterDay(j, k, d, 0)
}

// monthAfterDay parses "[of] Month [,] [YYYY]" at k after day d (and d2 for
// a same-month span); or "Month - D2 Month2 [YYYY]" for a cross-month span.
func (r *run) monthAfterDay(j, k, d, d2 int) (cand, bool) {
	if r.word(k) == "of" {
		k++
	}
	m, k2, ok := r.monthWord(k)
	if !ok {
		return cand{}, false
	}
	c := cand{a: j, b: k2, typ: Day, month: m, day: d}
	if d2 > 0 {
		c.typ, c.month2, c.day2 = Span, m, d2
	} else if w := r.word(k2); w == "to" || w == "until" || w == "till" || r.punct(k2, '-') {
		// "3 May to 4 June 2011"
		if dd, ok := r.dayNum(k2 + 1); ok {
			kk := k2 + 2
			if r.word(kk) == "of" {
				kk++
			}
			if m2, k3, ok := r.monthWord(kk); ok && (m2 != m || dd > d) {
				c.typ, c.month2, c.day2, c.b = Span, m2, dd, k3
			}
		}
	}
	return r.yearAfter(c)
}

// yearAfter completes a day, span or month candidate ending at c.b with an
// optional "[,] YYYY" or "[,] YYYY" after it, "last/this/next year", or
// leaves it pending for the reference.
func (r *run) yearAfter(c cand) (cand, bool) {
	k := c.b
	if r.punct(k, ',') {
		if y, ok := r.year4(k+1, 1000, 2999); ok {
			c.b = k + 2
			return r.withYear(c, y)
		}
	}
	if r.word(k) == "of" && c.typ == Month {
		if y, ok := r.year4(k+1, 1000, 2999); ok {
			c.b = k + 2
			return r.withYear(c, y)
		}
	}
	if y, ok := r.year4(k, 1000, 2999); ok {
		c.b = k + 1
		return r.withYear(c, y)
	}
	if w := r.word(k); (w == "last" || w == "this" || w == "next") && r.word(k+1) == "year" {
		c.b = k + 2
		if r.ref.prec == corpus.PrecisionUnknown {
			c.rel, c.unresolved = true, true
			return c, true
		}
		y := r.ref.d.Year
		switch w {
		case "last":
			y--
		case "next":
			y++
		}
		c, _ = r.withYear(c, y)
		c.rel = true
		return c, true
	}
	// Year-less: resolved after coordination, by the tense of the clause.
	c.pending = true
	c.mode = r.tenseMode(c.a, c.b)
	return c, true
}

func (r *run) withYear(c cand, y int) (cand, bool) {
	c.hasYear, c.year = true, y
	r.setYear(&c, y)
	if c.value == "" {
		return cand{}, false
	}
	return c, true
}

// --- months ---

// function words after "March 10" that keep it a date ("on March 10 the
// board met"); any other lower-case word makes the number a count.
var afterDayOK = map[string]bool{"and": true, "or": true, "to": true, "at": true, "in": true, "on": true,
	"for": true, "when": true, "with": true, "the": true, "but": true, "until": true, "before": true,
	"after": true, "by": true, "from": true, "this": true, "that": true, "was": true, "is": true,
	"will": true, "would": true, "had": true, "has": true, "last": true, "next": true, "as": true}

var strictCtx = map[string]bool{"in": true, "on": true, "by": true, "since": true, "until": true, "till": true,
	"from": true, "during": true, "before": true, "after": true, "through": true, "throughout": true,
	"between": true, "around": true, "early": true, "mid": true, "late": true, "last": true, "next": true,
	"this": true, "every": true, "each": true, "of": true, "end": true, "start": true, "beginning": true}

func (r *run) monthCore(j int, afterMod bool) (cand, bool) {
	tk := r.tok(j)
	m := tk.lx.val
	abbr := tk.lx.cls&cMonthAbbr != 0
	strict := tk.lx.cls&cStrict != 0
	if !tk.cap {
		// lower-case: only a full, unambiguous name followed by a year.
		if abbr || strict {
			return cand{}, false
		}
		if y, ok := r.year4(j+1, 1000, 2999); ok {
			return r.withYear(cand{a: j, b: j + 2, typ: Month, month: m}, y)
		}
		return cand{}, false
	}
	k := j + 1
	// "Apr-11", "May-2011": finance tables.
	if r.punct(k, '-') && r.adj(k) && r.adj(k+1) && r.isKind(k+1, tNum) && !r.rightBlocked(k+1) {
		if yt := r.tok(k + 1); yt.ndig == 2 || yt.ndig == 4 && yt.num >= 1000 && yt.num < 3000 {
			y := yt.num
			if yt.ndig == 2 {
				y += 2000
				if yt.num >= 50 {
					y -= 100
				}
			}
			return r.withYear(cand{a: j, b: k + 2, typ: Month, month: m}, y)
		}
	}
	if abbr && r.punct(k, '.') && r.adj(k) {
		k++
	}
	// Month-first day: "October 6, 2008", "October 6th", "May 3-4, 2011".
	if d, ok := r.dayNum(k); ok && !r.rightBlockedDay(k) {
		c := cand{a: j, b: k + 1, typ: Day, month: m, day: d}
		if (r.punct(k+1, '-') || r.word(k+1) == "to") && r.tok(k+2) != nil {
			if d2, ok := r.dayNum(k + 2); ok && d2 > d {
				c.typ, c.month2, c.day2, c.b = Span, m, d2, k+3
			}
		}
		yc, _ := r.yearAfter(c)
		if yc.hasYear || r.tok(k).kind == tOrd || r.dayFollowOK(c.b) {
			if yc.value != "" || yc.pending || yc.unresolved {
				return yc, true
			}
		}
	}
	// Month-year: "October 2008", "Oct 2008", "October, 2008", "October of 2008".
	c := cand{a: j, b: k, typ: Month, month: m}
	if yc, ok := r.yearAfter(c); ok && (yc.hasYear || yc.rel && !yc.pending) {
		return yc, true
	}
	if abbr {
		return cand{}, false
	}
	// Bare month: needs date context.
	prev := r.word(j - 1)
	if strict {
		if !afterMod && !strictCtx[prev] && !r.coordAfterDate(j) {
			return cand{}, false
		}
		// "in May go live" is still May; but "May be" is the verb.
		if w := r.word(j + 1); w == "be" || w == "have" || w == "not" {
			return cand{}, false
		}
	} else if !afterMod && !r.has(j-1, cMonthCtx) && !r.coordAfterDate(j) {
		if n := r.tok(j + 1); n != nil && n.kind == tWord && n.cap {
			return cand{}, false // "April Jones"
		}
	}
	c.pending = true
	c.mode = r.tenseMode(j, k)
	return c, true
}

// coordAfterDate reports "... and May" / ", May" right after a month or day.
func (r *run) coordAfterDate(j int) bool {
	if !(r.punct(j-1, ',') || r.word(j-1) == "and" || r.word(j-1) == "or" || r.word(j-1) == "to" || r.punct(j-1, '-')) {
		return false
	}
	return len(r.cands) > 0 && r.cands[len(r.cands)-1].b == j-1 && r.cands[len(r.cands)-1].month > 0
}

func (r *run) rightBlockedDay(k int) bool {
	n := r.tok(k + 1)
	if n == nil || n.sp {
		return false
	}
	if n.kind == tPunct && (n.r == ',' || n.r == '-' || n.r == '.' || n.r == ')' || n.r == ';') {
		m := r.tok(k + 2)
		return m != nil && !m.sp && m.kind != tNum
	}
	return n.kind != tPunct
}

// dayFollowOK: after "March 10", a lower-case content word means a count.
func (r *run) dayFollowOK(b int) bool {
	n := r.tok(b)
	if n == nil || n.kind != tWord || n.cap {
		return true
	}
	return n.lx != nil && afterDayOK[n.lx.s]
}

// --- years ---

func (r *run) yearCore(j int, afterMod bool) (cand, bool) {
	y, ok := r.year4(j, 1000, 2999)
	if !ok {
		return cand{}, false
	}
	next := r.tok(j + 1)
	if next != nil && next.kind == tWord && next.lx != nil && next.lx.cls&cCountNoun != 0 && !next.cap {
		return cand{}, false
	}
	c := cand{a: j, b: j + 1, typ: Year, value: fmtYear(y), hasYear: true, year: y}
	if r.punct(j+1, '\'') && r.word(j+2) == "s" && r.adj(j+1) {
		return c, y >= 1900 && y <= 2099
	}
	prev := r.tok(j - 1)
	switch {
	case afterMod:
		return c, true
	case y < 1900 || y > 2099:
		return cand{}, false
	case r.has(j-1, cYearCtx):
		// "for 2000" / "to 2000" / "of 2000" are counts as often as years:
		// ask for a following non-noun.
		if w := r.word(j - 1); w == "for" || w == "to" || w == "of" || w == "than" || w == "around" || w == "as" {
			if next != nil && next.kind == tWord && !next.cap && (next.lx == nil || next.lx.cls&cYearVerb == 0 && !afterDayOK[next.lx.s]) {
				return cand{}, false
			}
			if w == "of" && !r.has(j-2, cPrefixMod|cSeason|cMonth) && r.word(j-2) != "year" && r.word(j-2) != "spring" {
				if !(r.word(j-2) == "end" || r.word(j-2) == "half" || r.word(j-2) == "quarter" || r.word(j-2) == "part") {
					return cand{}, false
				}
			}
		}
		return c, true
	case prev != nil && prev.kind == tPunct && prev.r == '(' && r.punct(j+1, ')'):
		return c, true
	case prev == nil || (prev.kind == tPunct && (prev.r == '"' || prev.r == '\'')):
		// sentence start: "2010 saw ...", "2010, however, ..."
		if r.punct(j+1, ',') || r.has(j+1, cYearVerb) {
			return c, true
		}
	case prev.kind == tWord && prev.lx != nil && (prev.lx.s == "the" || prev.lx.s == "a" || prev.lx.s == "its" || prev.lx.s == "their" || prev.lx.s == "his" || prev.lx.s == "her" || prev.lx.s == "this"):
		if r.has(j+1, cYearNoun) {
			return c, true
		}
	case prev.kind == tPunct && (prev.r == ',' || prev.r == '-'):
		// "in 2008, 2009 and 2010"
		if n := len(r.cands); n > 0 && r.cands[n-1].b == j-1 && r.cands[n-1].typ == Year {
			return c, true
		}
	}
	return cand{}, false
}

// --- week days ---

func (r *run) weekdayCore(j int) (cand, bool) {
	tk := r.tok(j)
	if !tk.cap {
		return cand{}, false
	}
	k := j + 1
	if r.punct(k, '.') && r.adj(k) {
		k++
	}
	if r.punct(k, ',') {
		k++
	}
	// "Monday 6 October 2008", "Mon, 6 Oct", "Monday, October 6".
	if d, ok := r.dayNum(k); ok && !r.leftBlocked(k) {
		if c, ok := r.dayMonth(k, d); ok {
			c.a = j
			return c, true
		}
	}
	if r.isKind(k, tWord) && r.has(k, cMonth) {
		if c, ok := r.monthCore(k, false); ok && (c.typ == Day || c.typ == Span) {
			c.a = j
			return c, true
		}
	}
	if tk.lx.cls&cWeekdayAbbr != 0 {
		return cand{}, false
	}
	if r.word(j-1) == "the" || r.has(j+1, cNewspaper) && r.tok(j+1).cap {
		return cand{}, false // "the Sunday Times", "Monday Club"
	}
	c := cand{a: j, b: j + 1, typ: Day, rel: true}
	z, ok := r.pickWeekday(tk.lx.val, r.tenseMode(j, j+1))
	if !ok {
		c.unresolved = true
		return c, true
	}
	c.value = fmtDayZ(z)
	return c, true
}

// --- seasons ---

var seasonNounStop = map[string]bool{"pressures": true, "pressure": true, "school": true, "schools": true,
	"term": true, "vomiting": true, "flu": true, "resilience": true, "recess": true, "fair": true,
	"festival": true, "clothing": true, "tyres": true, "collection": true}

var seasonCtx = map[string]bool{"the": true, "this": true, "last": true, "next": true, "in": true, "by": true,
	"until": true, "till": true, "early": true, "late": true, "mid": true, "during": true, "over": true,
	"since": true, "through": true, "throughout": true, "of": true, "before": true, "after": true,
	"coming": true, "following": true, "previous": true, "from": true, "and": true}

func (r *run) seasonCore(j int, afterMod bool) (cand, bool) {
	tk := r.tok(j)
	s := tk.lx.val
	fall := tk.lx.s == "fall"
	k := j + 1
	if r.word(k) == "of" {
		k++
	}
	if yt := r.tok(k); yt != nil && yt.kind == tNum && yt.ndig == 4 && yt.num >= 1000 && yt.num < 3000 {
		y, b := yt.num, k+1
		// "winter 2009/10", "winter 2009-10"
		if p := r.tok(b); p != nil && !p.sp && p.kind == tPunct && (p.r == '/' || p.r == '-') {
			if q := r.tok(b + 1); q != nil && !q.sp && q.kind == tNum && (q.num == (y+1)%100 || q.num == y+1) {
				b += 2
			}
		}
		if r.rightBlocked(b - 1) {
			return cand{}, false
		}
		return cand{a: j, b: b, typ: Season, value: fmtSeason(y, s), hasYear: true, year: y}, true
	}
	// "the spring of next year", "autumn last year"
	if w := r.word(k); (w == "last" || w == "this" || w == "next") && r.word(k+1) == "year" {
		a := j
		if r.word(j-1) == "the" && !afterMod {
			a = j - 1
		}
		c := cand{a: a, b: k + 2, typ: Season, rel: true}
		if r.ref.prec < corpus.PrecisionYear {
			c.unresolved = true
			return c, true
		}
		y := r.ref.d.Year
		if w == "last" {
			y--
		} else if w == "next" {
			y++
		}
		c.value = fmtSeason(y, s)
		return c, true
	}
	prev := r.word(j - 1)
	if fall && prev != "this" && prev != "last" && prev != "next" {
		return cand{}, false
	}
	if !afterMod && !seasonCtx[prev] {
		return cand{}, false
	}
	if n := r.tok(j + 1); n != nil && n.lx != nil && seasonNounStop[n.lx.s] {
		return cand{}, false
	}
	a := j
	if prev == "the" && !afterMod {
		a = j - 1
	}
	c := cand{a: a, b: j + 1, typ: Season, rel: true}
	y, ok := r.pickYear(target{kind: tgSeason, season: s}, r.tenseMode(a, j+1))
	if !ok {
		c.unresolved = true
		return c, true
	}
	c.value = fmtSeason(y, s)
	return c, true
}

// --- "the ..." ---

func (r *run) theCore(j int, afterMod bool) (cand, bool) {
	n := r.tok(j + 1)
	if n == nil {
		return cand{}, false
	}
	switch {
	case n.kind == tDecade:
		if r.rightBlocked(j + 1) {
			return cand{}, false
		}
		return cand{a: j, b: j + 2, typ: Decade, value: fmtDecade(n.num)}, true
	case n.kind != tWord || n.lx == nil:
		return cand{}, false
	}
	switch w := n.lx.s; {
	case w == "new":
		return r.holidayCore(j + 1)
	case n.lx.cls&cSeason != 0:
		c, ok := r.seasonCore(j+1, afterMod)
		if ok && c.a == j+1 {
			c.a = j
		}
		return c, ok
	case n.lx.cls&cOrdinal != 0 || w == "last":
		if c, ok := r.ordQuarter(j + 1); ok {
			c.a = j
			return c, true
		}
	case w == "current":
		return r.unitNow(j+2, j)
	case afterMod:
		return r.unitNow(j+1, j)
	}
	return cand{}, false
}

// unitNow resolves "(the) [current] year / month / week / quarter /
// financial year" at i to the period containing the reference.
func (r *run) unitNow(i, a int) (cand, bool) {
	b := i + 1
	w := r.word(i)
	if w == "current" {
		i, b = i+1, i+2
		w = r.word(i)
	}
	if w == "financial" || w == "fiscal" {
		if r.word(i+1) != "year" {
			return cand{}, false
		}
		w, b = "fy", i+2
	}
	c := cand{a: a, b: b, rel: true}
	switch w {
	case "year":
		return r.relYear(c, 0)
	case "month":
		return r.relMonth(c, 0)
	case "week":
		return r.relWeek(c, 0)
	case "quarter":
		return r.relQuarter(c, 0)
	case "fy":
		return r.relFY(c, 0)
	}
	return cand{}, false
}

func (r *run) relYear(c cand, off int) (cand, bool) {
	c.typ = Year
	if r.ref.prec < corpus.PrecisionYear {
		c.unresolved = true
		return c, true
	}
	c.value = fmtYear(r.ref.d.Year + off)
	return c, true
}

func (r *run) relMonth(c cand, off int) (cand, bool) {
	c.typ = Month
	if r.ref.prec < corpus.PrecisionMonth {
		c.unresolved = true
		return c, true
	}
	y, m, _ := fromCivil(civil(r.ref.d.Year, int(r.ref.d.Month)+off, 1))
	c.value = fmtMonth(y, m)
	return c, true
}

func (r *run) relWeek(c cand, off int) (cand, bool) {
	c.typ = Week
	if r.ref.prec < corpus.PrecisionDay {
		c.unresolved = true
		return c, true
	}
	c.value = fmtWeek(r.ref.rs + 7*off)
	return c, true
}

func (r *run) relQuarter(c cand, off int) (cand, bool) {
	c.typ = Quarter
	if r.ref.prec < corpus.PrecisionMonth {
		c.unresolved = true
		return c, true
	}
	q := (int(r.ref.d.Month)-1)/3 + off
	y := r.ref.d.Year + floorDiv(q, 4)
	q = q - 4*floorDiv(q, 4)
	c.value = fmtQuarter(y, q+1)
	return c, true
}

func (r *run) relFY(c cand, off int) (cand, bool) {
	c.typ = FinancialYear
	if r.ref.prec < corpus.PrecisionMonth {
		c.unresolved = true
		return c, true
	}
	y := r.ref.d.Year
	if r.ref.d.Month < 4 {
		y--
	}
	c.value = fmtFY(y + off)
	return c, true
}

// --- last / this / next ---

func (r *run) relCore(j int, afterMod bool) (cand, bool) {
	w := r.word(j)
	prev := r.word(j - 1)
	if w != "this" && (prev == "the" || prev == "its" || prev == "their") {
		return cand{}, false // "the last year" is a duration
	}
	off, m := 0, mThis
	switch w {
	case "last":
		off, m = -1, mLast
	case "next":
		off, m = 1, mNext
	}
	n := r.tok(j + 1)
	if n == nil || n.kind != tWord || n.lx == nil {
		return cand{}, false
	}
	c := cand{a: j, b: j + 2, rel: true}
	lx := n.lx
	switch {
	case lx.s == "year":
		return r.relYear(c, off)
	case lx.s == "month":
		return r.relMonth(c, off)
	case lx.s == "week", lx.s == "weekend":
		return r.relWeek(c, off)
	case lx.s == "quarter":
		if w == "last" {
			if oc, ok := r.ordQuarter(j); ok {
				return oc, true
			}
		}
		return r.relQuarter(c, off)
	case lx.s == "financial" || lx.s == "fiscal":
		if r.word(j+2) != "year" {
			return cand{}, false
		}
		c.b = j + 3
		return r.relFY(c, off)
	case lx.s == "night" && w == "last", lx.s == "morning" && w == "this", lx.s == "afternoon" && w == "this",
		lx.s == "evening" && w == "this":
		c.typ = Day
		if r.ref.prec < corpus.PrecisionDay {
			c.unresolved = true
			return c, true
		}
		z := r.ref.rs
		if lx.s == "night" {
			z--
		}
		c.value = fmtDayZ(z)
		return c, true
	case lx.cls&cMonth != 0 && n.cap && lx.cls&cMonthAbbr == 0:
		c.typ, c.month = Month, lx.val
		y, ok := r.pickYear(target{kind: tgMonth, month: lx.val}, m)
		if !ok {
			c.unresolved = true
			return c, true
		}
		c.value = fmtMonth(y, lx.val)
		return c, true
	case lx.cls&cSeason != 0:
		c.typ = Season
		y, ok := r.pickYear(target{kind: tgSeason, season: lx.val}, m)
		if !ok {
			c.unresolved = true
			return c, true
		}
		c.value = fmtSeason(y, lx.val)
		return c, true
	case lx.cls&cWeekday != 0 && lx.cls&cWeekdayAbbr == 0 && n.cap:
		c.typ = Day
		z, ok := r.pickWeekday(lx.val, m)
		if !ok {
			c.unresolved = true
			return c, true
		}
		c.value = fmtDayZ(z)
		return c, true
	case lx.s == "christmas" || lx.s == "easter":
		hc, ok := r.holidayCore(j + 1)
		if !ok {
			return cand{}, false
		}
		hc.a = j
		if hc.hasYear {
			return hc, true
		}
		return r.resolveHoliday(hc, lx.s, m)
	}
	return cand{}, false
}

// --- today, yesterday ---

func (r *run) dayWordCore(j int) (cand, bool) {
	w := r.word(j)
	c := cand{a: j, b: j + 1, typ: Day, rel: true}
	if n := r.word(j + 1); (w == "yesterday" || w == "tomorrow") && (n == "morning" || n == "afternoon" || n == "evening") {
		c.b++
	}
	if r.ref.prec < corpus.PrecisionDay {
		c.unresolved = true
		return c, true
	}
	z := r.ref.rs
	switch w {
	case "yesterday":
		z--
	case "tomorrow":
		z++
	}
	c.value = fmtDayZ(z)
	return c, true
}

// --- holidays ---

func (r *run) holidayCore(j int) (cand, bool) {
	tk := r.tok(j)
	w := r.word(j)
	c := cand{a: j, b: j + 1, typ: Day}
	var month, day int
	switch w {
	case "christmas":
		if !tk.cap && !tk.upper {
			return cand{}, false
		}
		month, day = 12, 25
		switch r.word(j + 1) {
		case "eve":
			day = 24
			c.b++
		case "day":
			c.b++
		}
	case "boxing":
		if r.word(j+1) != "day" || !tk.cap {
			return cand{}, false
		}
		month, day = 12, 26
		c.b++
	case "easter":
		if !tk.cap {
			return cand{}, false
		}
		if r.word(j+1) == "sunday" {
			c.b++
		}
	case "new":
		// "New Year's Day/Eve", "the new year"
		if r.word(j+1) != "year" {
			return cand{}, false
		}
		k := j + 2
		if r.punct(k, '\'') && r.word(k+1) == "s" {
			k += 2
		}
		switch r.word(k) {
		case "day":
			month, day, c.b = 1, 1, k+1
		case "eve":
			month, day, c.b = 12, 31, k+1
		default:
			if r.word(j-1) != "the" {
				return cand{}, false
			}
			c.a, c.b, c.typ, c.rel = j-1, j+2, Year, true
			if r.ref.prec < corpus.PrecisionMonth {
				c.unresolved = true
				return c, true
			}
			y := r.ref.d.Year
			if r.ref.d.Month >= 4 {
				y++
			}
			c.value = fmtYear(y)
			return c, true
		}
	default:
		return cand{}, false
	}
	if y, ok := r.year4(c.b, 1000, 2999); ok {
		c.b++
		c.hasYear, c.year = true, y
		if w == "easter" {
			c.value = fmtDayZ(easter(y))
		} else {
			c.value = fmtDay(y, month, day)
		}
		return c, true
	}
	if w == "easter" {
		return r.resolveHoliday(c, w, r.tenseMode(c.a, c.b))
	}
	c.month, c.day = month, day
	c.rel = true
	y, ok := r.pickYear(target{kind: tgDay, month: month, day: day}, r.tenseMode(c.a, c.b))
	if !ok {
		c.unresolved = true
		return c, true
	}
	c.value = fmtDay(y, month, day)
	return c, true
}

func (r *run) resolveHoliday(c cand, w string, m mode) (cand, bool) {
	c.rel, c.typ = true, Day
	tg := target{kind: tgEaster}
	if w == "christmas" {
		tg = target{kind: tgDay, month: 12, day: 25}
		if c.day != 0 {
			tg.day = c.day
		}
	}
	y, ok := r.pickYear(tg, m)
	if !ok {
		c.unresolved = true
		return c, true
	}
	s, _, _ := tg.occ(y)
	c.value = fmtDayZ(s)
	return c, true
}

// --- quarters and financial years ---

// ordQuarter parses "first/second/third/fourth/final/last quarter [of]
// YYYY|YYYY/YY" at j.
func (r *run) ordQuarter(j int) (cand, bool) {
	w := r.word(j)
	q := 0
	if w == "last" {
		q = 4
	} else if r.has(j, cOrdinal) {
		q = r.tok(j).lx.val
	}
	if q == 0 || r.word(j+1) != "quarter" {
		return cand{}, false
	}
	return r.quarterCore(j, j+1, q, true)
}

// quarterCore completes a quarter q whose word/token ends at qi: "Q3 2009",
// "Q3 of 2009", "Q3 2009/10" (a financial-year quarter: Q1 is April-June,
// written as the calendar quarter it covers).
func (r *run) quarterCore(a, qi, q int, words bool) (cand, bool) {
	k := qi + 1
	if r.word(k) == "of" || r.punct(k, ',') {
		k++
	}
	if r.word(k) == "the" && (r.word(k+1) == "financial" || r.word(k+1) == "fiscal") && r.word(k+2) == "year" {
		// "the third quarter of the financial year": needs the reference
		c := cand{a: a, b: k + 3, typ: Quarter, rel: true}
		if r.ref.prec < corpus.PrecisionMonth {
			c.unresolved = true
			return c, true
		}
		fy := r.ref.d.Year
		if r.ref.d.Month < 4 {
			fy--
		}
		c.value = fyQuarter(fy, q)
		return c, true
	}
	tk := r.tok(k)
	if tk == nil || tk.kind != tNum || tk.ndig != 4 || tk.num < 1900 || tk.num > 2100 {
		return cand{}, false
	}
	y := tk.num
	p, n := r.tok(k+1), r.tok(k+2)
	if p != nil && !p.sp && p.kind == tPunct && (p.r == '/' || p.r == '-') && n != nil && !n.sp && n.kind == tNum &&
		((n.ndig == 2 && n.num == (y+1)%100) || (n.ndig == 4 && n.num == y+1)) {
		c := cand{a: a, b: r.fySuffix(k + 3), typ: Quarter, value: fyQuarter(y, q)}
		return c, true
	}
	if r.rightBlocked(k) {
		return cand{}, false
	}
	return cand{a: a, b: k + 1, typ: Quarter, value: fmtQuarter(y, q)}, true
}

func fyQuarter(fy, q int) string {
	if q == 4 {
		return fmtQuarter(fy+1, 1)
	}
	return fmtQuarter(fy, q+1)
}

// fyCore parses "FY09/10", "FY2009/10", "FY 2009-10", "financial year
// 2008/09", "the 2008-09 financial year" (the number chain itself is in
// chainCore).
func (r *run) fyCore(j int) (cand, bool) {
	tk := r.tok(j)
	if tk.kind == tFY {
		y := tk.num
		if tk.ndig == 2 {
			y += 2000
			if tk.num >= 50 {
				y -= 100
			}
		}
		p, n := r.tok(j+1), r.tok(j+2)
		if p != nil && !p.sp && p.kind == tPunct && (p.r == '/' || p.r == '-') && n != nil && !n.sp && n.kind == tNum &&
			((n.ndig == 2 && n.num == (y+1)%100) || (n.ndig == 4 && n.num == y+1)) && !r.rightBlocked(j+2) {
			return cand{a: j, b: j + 3, typ: FinancialYear, value: fmtFY(y)}, true
		}
		return cand{}, false
	}
	k := j + 1
	if w := r.word(j); w == "financial" || w == "fiscal" {
		if r.word(k) != "year" {
			return cand{}, false
		}
		k++
	}
	if r.isKind(k, tNum) && r.tok(k).ndig == 4 {
		if c, ok := r.numCore(k, false); ok && c.typ == FinancialYear {
			c.a = j
			return c, true
		}
	}
	return cand{}, false
}

// --- "N units ago" ---

func (r *run) agoCore(j int) (cand, bool) {
	k := j
	mod := ""
	switch r.word(k) {
	case "more", "less":
		if r.word(k+1) != "than" {
			return cand{}, false
		}
		if r.word(k) == "more" {
			mod = ModBefore
		}
		k += 2
	case "just", "well":
		if w := r.word(k + 1); w == "over" || w == "under" {
			if w == "over" {
				mod = ModBefore
			}
			k += 2
		}
	case "over":
		mod = ModBefore
		k++
	case "almost", "nearly", "about", "around", "some", "roughly", "approximately", "under", "barely":
		k++
	}
	n := 0
	tk := r.tok(k)
	switch {
	case tk == nil:
		return cand{}, false
	case tk.kind == tNum && tk.ndig <= 3:
		n = tk.num
	case tk.kind == tWord && tk.lx != nil && tk.lx.cls&cNumWord != 0:
		n = tk.lx.val
	default:
		return cand{}, false
	}
	unit := r.tok(k + 1)
	if unit == nil || unit.lx == nil || unit.lx.cls&cUnit == 0 || r.word(k+2) != "ago" || n <= 0 {
		return cand{}, false
	}
	c := cand{a: j, b: k + 3, rel: true, fuzzy: true, mod: mod}
	switch unit.lx.val {
	case uDay:
		c.typ = Day
		if r.ref.prec < corpus.PrecisionDay {
			c.unresolved = true
			return c, true
		}
		c.value = fmtDayZ(r.ref.rs - n)
	case uWeek, uFortnight:
		if unit.lx.val == uFortnight {
			n *= 2
		}
		return r.relWeek(c, -n)
	case uMonth:
		return r.relMonth(c, -n)
	case uYear, uDecade:
		if unit.lx.val == uDecade {
			n *= 10
		}
		if r.ref.prec >= corpus.PrecisionMonth {
			return r.relMonth(c, -12*n)
		}
		return r.relYear(c, -n)
	}
	return c, true
}
