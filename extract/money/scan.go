package money

import (
	"math"
	"strings"
)

// scanner walks a text once, from left to right. It stops at digits and at
// the words million, billion and trillion (found with strings.Index, so the
// text between them is skipped fast), and looks a bounded number of bytes
// around each: every byte is examined a constant number of times, so the
// scan is linear in the length of the text.
type scanner struct {
	s        string
	i        int // next byte to look at
	last     int // end of the last amount: no amount starts before it
	nextWord int // start of the next "million"/"billion"/"trillion", or len(s)+1
	cur      Amount
	curQual  int // start of the qualifiers before cur ("around", "between"), or cur.Start
}

func (sc *scanner) init(s string) {
	*sc = scanner{s: s}
	sc.nextWord = sc.findWord(0)
}

// findWord returns the start of the next word "million", "billion" or
// "trillion" (any case) that starts at or after from, or len(s)+1.
func (sc *scanner) findWord(from int) int {
	s := sc.s
	for from < len(s) {
		k := strings.Index(s[from:], "illion")
		if k < 0 {
			break
		}
		k += from
		from = k + 6
		p := k - 1
		if p >= 0 && s[p] == 'r' && p >= 1 && (s[p-1]|0x20) == 't' {
			p-- // trillion
		}
		if p < 0 || p < sc.i {
			continue
		}
		switch s[p] | 0x20 {
		case 'm', 'b', 't':
			if p == 0 || !isLetter(s[p-1]) {
				return p
			}
		}
	}
	return len(s) + 1
}

// next finds the next amount, leaving it in sc.cur. It reports false at the
// end of the text.
func (sc *scanner) next() bool {
	s := sc.s
	for sc.i < len(s) {
		i := sc.i
		w := sc.nextWord
		for i < len(s) && s[i]-'0' > 9 && i != w {
			i++
		}
		if i >= len(s) {
			sc.i = i
			return false
		}
		if i == w {
			sc.i = i + 1
			ok := sc.wordAmount(i)
			if ok {
				sc.i = sc.cur.End
			}
			sc.nextWord = sc.findWord(sc.i)
			if ok {
				sc.last = sc.cur.End
				return true
			}
			continue
		}
		end, ok := sc.digitAmount(i)
		if ok {
			end = sc.cur.End
			sc.last = end
		}
		if end <= i {
			end = i + 1
		}
		sc.i = end
		if sc.nextWord < sc.i {
			sc.nextWord = sc.findWord(sc.i)
		}
		if ok {
			return true
		}
	}
	return false
}

// num is a number as written: its digits (without separators) as an
// integer mant, frac of them after the decimal point.
type num struct {
	mant   int64
	digits int // digits kept in mant
	frac   int
	bad    bool // leading zeros ("000"), too many digits, trailing ",5" or ".3"
	end    int  // end of the whole token, good or bad
}

const maxDigits = 18

// parseNum reads the number at s[i], which is a digit: "7", "500,000",
// "4.676", "1,234.50".
func parseNum(s string, i int) num {
	var n num
	j := i
	for j < len(s) && isDigit(s[j]) {
		n.addInt(s[j])
		j++
	}
	run := j - i
	if run > 1 && s[i] == '0' {
		n.bad = true
	}
	if run <= 3 {
		for j+4 <= len(s) && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) &&
			(j+4 == len(s) || !isDigit(s[j+4])) {
			n.addInt(s[j+1])
			n.addInt(s[j+2])
			n.addInt(s[j+3])
			j += 4
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			if n.digits < maxDigits {
				n.mant = n.mant*10 + int64(s[j]-'0')
				n.digits++
				n.frac++
			}
			j++
		}
	}
	// "1,5", "1.2.3", "1234,567": malformed; swallow the rest of the token.
	for j+1 < len(s) && (s[j] == ',' || s[j] == '.') && isDigit(s[j+1]) {
		n.bad = true
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	n.end = j
	return n
}

func (n *num) addInt(c byte) {
	if n.digits >= maxDigits {
		n.bad = true
		return
	}
	n.mant = n.mant*10 + int64(c-'0')
	if n.mant != 0 || n.digits > 0 {
		n.digits++
	}
}

// minorUnits returns n × 10^exp ÷ 10^frac, rounded half up, or false on
// overflow. exp is the power of ten that turns the written number into
// hundredths of a unit: 2 for "£7", 8 for "£7m", 0 for "7p".
func minorUnits(n num, exp int) (int64, bool) {
	v := n.mant
	k := exp - n.frac
	for ; k > 0; k-- {
		if v > math.MaxInt64/10 {
			return 0, false
		}
		v *= 10
	}
	if k < 0 {
		d := int64(1)
		for ; k < 0; k++ {
			d *= 10
		}
		v = (v + d/2) / d
	}
	return v, true
}

// side is one amount as written, without what may follow it (range, rate).
type side struct {
	start  int // currency prefix or first digit
	num    num
	mult   int // power of ten of the multiplier, or -1
	end    int // after number, multiplier and currency word
	cur    string
	prefix bool // the currency was written before the number
	pence  bool
}

// hasMult reports whether the side has a multiplier ("m", "billion").
func (d side) hasMult() bool { return d.mult > 0 }

// minor returns the side's value in hundredths, with mult as multiplier.
func (d side) minor(mult int) (int64, bool) {
	exp := 2
	if d.pence {
		exp = 0
	}
	if mult > 0 {
		exp += mult
	}
	return minorUnits(d.num, exp)
}

// prefixBefore finds a currency marker that ends just before the number
// at s[i] (one space allowed between): "£", "€", "$", "US$", "GBP". It
// returns the currency and where the marker starts.
func prefixBefore(s string, i int) (string, int) {
	j := i - spaceBefore(s, i)
	if j >= 2 && s[j-2:j] == poundSign {
		return "GBP", j - 2
	}
	if j >= 3 && s[j-3:j] == euroSign {
		return "EUR", j - 3
	}
	if j >= 1 && s[j-1] == '$' {
		k := j - 1
		l := k
		for l > 0 && k-l < 3 && isUpper(s[l-1]) {
			l--
		}
		if l < k && (l == 0 || !isLetter(s[l-1])) {
			if c := dollarPrefix(s[l:k]); c != "" {
				return c, l
			}
		}
		return "USD", k
	}
	if j >= 3 && (j == 3 || !isLetter(s[j-4])) {
		if c := codeCurrency(s[j-3 : j]); c != "" {
			return c, j - 3
		}
	}
	return "", i
}

// prefixAt reads a currency marker at s[i] and returns the currency and
// where the number may start (after one optional space).
func prefixAt(s string, i int) (string, int) {
	cur, j := "", i
	switch {
	case strings.HasPrefix(s[i:], poundSign):
		cur, j = "GBP", i+2
	case strings.HasPrefix(s[i:], euroSign):
		cur, j = "EUR", i+3
	case i < len(s) && s[i] == '$':
		cur, j = "USD", i+1
	default:
		k := i
		for k < len(s) && k-i < 3 && isUpper(s[k]) {
			k++
		}
		if k > i && k < len(s) && s[k] == '$' {
			if c := dollarPrefix(s[i:k]); c != "" {
				cur, j = c, k+1
			}
		} else if k-i == 3 && (k == len(s) || !isLetter(s[k])) {
			if c := codeCurrency(s[i:k]); c != "" {
				cur, j = c, k
			}
		}
	}
	if cur == "" {
		return "", i
	}
	return cur, j + spaceLen(s, j)
}

// parseMult reads a multiplier after the number ending at s[j]: attached
// ("£7.2m", "£3million") or after one space ("£7.2 m", "£1.1 billion").
func parseMult(s string, j int) (int, int) {
	for _, spaced := range [2]bool{false, true} {
		q := j
		if spaced {
			n := spaceLen(s, j)
			if n == 0 {
				break
			}
			q += n
		}
		r := wordAt(s, q, 9)
		if r == q || (r < len(s) && isLetter(s[r])) {
			continue
		}
		if m := multiplier(s[q:r], spaced); m > 0 {
			return m, r
		}
	}
	return -1, j
}

// parseCurrencyWord reads a currency written after the amount at s[j]:
// "pounds", "euros", "US dollars", "GBP", "-pound" (as in "a
// million-pound contract"), and, when pence is allowed, "50p" and "50
// pence".
func parseCurrencyWord(s string, j int, pence bool) (cur string, end int, isPence bool) {
	if j >= len(s) {
		return "", j, false
	}
	if pence && s[j] == 'p' && (j+1 == len(s) || !isAlnum(s[j+1])) &&
		!strings.HasPrefix(s[j:], "p.a.") {
		return "GBP", j + 1, true
	}
	hyphen := s[j] == '-'
	q := j + spaceLen(s, j)
	if hyphen {
		q = j + 1
	}
	if q == j {
		return "", j, false
	}
	if !hyphen && strings.HasPrefix(s[q:], "US ") {
		r := wordAt(s, q+3, 8)
		if w := s[q+3 : r]; r > q+3 && (r == len(s) || !isLetter(s[r])) && lowerOrTitle(w) &&
			(strings.EqualFold(w, "dollars") || strings.EqualFold(w, "dollar")) {
			return "USD", r, false
		}
		return "", j, false
	}
	r := wordAt(s, q, 8)
	if r == q || (r < len(s) && isLetter(s[r])) {
		return "", j, false
	}
	w := s[q:r]
	c, p := currencyWord(w)
	if c == "" || (p && !pence) {
		return "", j, false
	}
	if hyphen && (p || len(w) == 3) {
		return "", j, false
	}
	if c == "GBP" && !p && strings.EqualFold(w[:min(5, len(w))], "pound") {
		// "pounds sterling"
		if n := spaceLen(s, r); n > 0 {
			t := wordAt(s, r+n, 8)
			if strings.EqualFold(s[r+n:t], "sterling") && (t == len(s) || !isLetter(s[t])) {
				r = t
			}
		}
	}
	return c, r, p
}

// attachedPer reports whether a rate abbreviation is written straight
// after the amount at s[j]: "£30,000pa", "£900pcm".
func attachedPer(s string, j int) bool {
	if strings.HasPrefix(s[j:], "p.a.") {
		return true
	}
	r := wordAt(s, j, 3)
	if r < len(s) && isLetter(s[r]) {
		return false
	}
	switch s[j:r] {
	case "pa", "pcm", "pw":
		return true
	}
	return false
}

// parseSide reads an amount whose number starts at s[i]; cur and start
// give a currency marker already read before it ("" when none).
func parseSide(s string, i int, cur string, start int) (side, bool) {
	d := side{start: start, cur: cur, prefix: cur != "", mult: -1}
	d.num = parseNum(s, i)
	d.end = d.num.end
	if d.num.bad {
		return d, false
	}
	d.mult, d.end = parseMult(s, d.end)
	c, e, p := parseCurrencyWord(s, d.end, !d.prefix && !d.hasMult())
	if c != "" {
		switch {
		case !d.prefix:
			d.cur, d.pence, d.end = c, p, e
		case c == d.cur:
			d.end = e // "£5m sterling"
		}
	}
	if d.end < len(s) && isAlnum(s[d.end]) && !attachedPer(s, d.end) {
		return d, false // "£5abc", "£5m2": garbage after the amount
	}
	return d, true
}

// digitAmount tries an amount whose number starts at the digit s[i]. On
// failure it returns the end of the number token, which the scan skips.
func (sc *scanner) digitAmount(i int) (int, bool) {
	s := sc.s
	cur, start := prefixBefore(s, i)
	if cur == "" && i > 0 && (isAlnum(s[i-1]) || s[i-1] == '.') {
		n := parseNum(s, i)
		return n.end, false
	}
	if start < sc.last {
		cur, start = "", i
	}
	a, ok := parseSide(s, i, cur, start)
	if !ok {
		return a.num.end, false
	}
	q := sc.qualifiers(start)
	to, end, ok := sc.rangeAfter(&a, q)
	if !ok {
		if a.cur == "" {
			return a.num.end, false
		}
		end = a.end
	}
	return end, sc.finish(a, to, end, q)
}

// qual is what the words before an amount say.
type qual struct {
	start   int  // start of the qualifier words, or the amount's start
	approx  bool // "around", "more than", ...
	between bool // "between": "and" makes a range
	change  bool // "from", "by": "to" does not make a range ("rose from £5m to £6m")
}

// qualifiers reads the words just before an amount that starts at start.
func (sc *scanner) qualifiers(start int) qual {
	s := sc.s
	q := qual{start: start}
	lo := max(sc.last, start-24)
	// Attached marks: "~£5m", "c.£5m", ">£1bn".
	if start > lo {
		switch c := s[start-1]; {
		case c == '~' || c == '<' || c == '>':
			q.approx, q.start = true, start-1
			return q
		case c == '.' && start-2 >= lo && s[start-2] == 'c' && (start-2 == 0 || !isLetter(s[start-3])):
			q.approx, q.start = true, start-2
			return q
		}
	}
	sp := spaceBefore(s, start)
	if sp == 0 {
		return q
	}
	e := start - sp
	if e-2 >= lo && s[e-2:e] == "c." && (e-2 == 0 || !isLetter(s[e-3])) {
		q.approx, q.start = true, e-2
		return q
	}
	// The word before the amount, lower-cased, picks the phrases to try.
	b := e
	if b > lo && s[b-1] == '.' {
		b-- // "approx."
	}
	k := b
	for k > lo && b-k < 16 && isLetter(s[k-1]) {
		k--
	}
	if k == b || (k > 0 && isLetter(s[k-1])) {
		return q
	}
	var buf [16]byte
	for i := k; i < b; i++ {
		buf[i-k] = s[i] | 0x20
	}
	last := buf[:b-k]
	for _, p := range approxByLast[string(last)] {
		if hasSuffixWord(s, lo, e, p) {
			if st := e - len(p); st < q.start {
				q.approx, q.start = true, st
			}
		}
	}
	if q.approx {
		return q
	}
	switch string(last) {
	case "between":
		if b == e {
			q.between, q.start = true, k
		}
	case "from", "by":
		q.change = b == e
	}
	return q
}

// hasSuffixWord reports whether s[lo:e] ends with the words p
// (case-insensitive), starting at a word boundary.
func hasSuffixWord(s string, lo, e int, p string) bool {
	b := e - len(p)
	if b < lo || !strings.EqualFold(s[b:e], p) {
		return false
	}
	return b == 0 || !isAlnum(s[b-1])
}

// rangeAfter tries to read the second half of a range after the side a:
// "-£12m", "-12m", " to £12m", " and £12m" (after "between"). It may
// give a the multiplier of the second half ("£10-12m"). It returns the
// upper bound in whole units and the end of the range.
func (sc *scanner) rangeAfter(a *side, q qual) (int64, int, bool) {
	s := sc.s
	p := a.end
	sp1 := spaceLen(s, p)
	p += sp1
	word := false
	if n := dashLen(s, p); n > 0 {
		p += n
	} else if sp1 > 0 && (strings.HasPrefix(s[p:], "to ") && !q.change ||
		strings.HasPrefix(s[p:], "and ") && q.between) {
		p += strings.IndexByte(s[p:], ' ')
		word = true
	} else {
		return 0, a.end, false
	}
	sp2 := spaceLen(s, p)
	if word && sp2 == 0 {
		return 0, a.end, false
	}
	p += sp2
	if p >= len(s) {
		return 0, a.end, false
	}
	cur, i := prefixAt(s, p)
	if i >= len(s) || !isDigit(s[i]) {
		return 0, a.end, false
	}
	b, ok := parseSide(s, i, cur, p)
	if !ok {
		return 0, a.end, false
	}
	switch {
	case b.cur != "" && a.cur != "" && b.cur != a.cur,
		a.pence, b.pence, // ranges of pence are too rare to be worth the ambiguity
		b.prefix && a.cur == "",
		a.cur == "" && b.cur == "":
		return 0, a.end, false
	case b.cur == "" && !b.hasMult():
		// "£5,000-10,000" only when tight and neither has a multiplier.
		if word || sp1+sp2 > 0 || a.hasMult() {
			return 0, a.end, false
		}
	case a.hasMult() && !b.hasMult():
		return 0, a.end, false // "£5m-£6"
	}
	hi, ok := b.minor(b.mult)
	if !ok {
		return 0, a.end, false
	}
	lo, ok := a.minor(a.mult)
	if !ok {
		return 0, a.end, false
	}
	mult := a.mult
	if !a.hasMult() && b.hasMult() {
		if scaled, ok := a.minor(b.mult); ok && scaled <= hi {
			mult, lo = b.mult, scaled
		}
	}
	if lo >= hi || hi < 100 {
		return 0, a.end, false
	}
	a.mult = mult
	if a.cur == "" {
		a.cur = b.cur
	}
	return hi, b.end, true
}

// finish completes the amount a (with range bound hiMinor in hundredths
// when not 0) ending at end: trailing hedges and rates, and checks.
func (sc *scanner) finish(a side, hiMinor int64, end int, q qual) bool {
	s := sc.s
	v, ok := a.minor(a.mult)
	if !ok || a.cur == "" {
		return false
	}
	amt := Amount{Start: a.start, Currency: a.cur, Value: v / 100, Minor: v % 100, Approx: q.approx,
		To: hiMinor / 100}
	if e, ok := suffixApprox(s, end); ok {
		amt.Approx, end = true, e
	}
	if per, e := parsePer(s, end); per != "" {
		amt.Per, end = per, e
	}
	amt.End = end
	amt.Text = s[amt.Start:end]
	sc.cur, sc.curQual = amt, q.start
	return true
}

// suffixApprox reads a hedge after the amount ending at s[j]: "+",
// "-plus", " or more".
func suffixApprox(s string, j int) (int, bool) {
	if j >= len(s) {
		return j, false
	}
	if s[j] == '+' {
		if j+1 == len(s) || !isAlnum(s[j+1]) && s[j+1] != '$' && s[j+1] != 0xC2 && s[j+1] != 0xE2 {
			return j + 1, true
		}
		return j, false
	}
	for _, p := range approxAfter {
		if strings.HasPrefix(s[j:], p) {
			e := j + len(p)
			if e < len(s) && isLetter(s[e]) {
				continue
			}
			if p == " plus" && e < len(s) && (s[e] == ' ' || s[e] == 0xC2) {
				continue // "£5m plus VAT"
			}
			return e, true
		}
	}
	return j, false
}

// parsePer reads a rate after the amount ending at s[j]: "per month", "a
// year", "pa", "each year", "annually", "/month", "-a-year".
func parsePer(s string, j int) (string, int) {
	if j >= len(s) {
		return "", j
	}
	if s[j] == '/' {
		r := wordAt(s, j+1, 8)
		if r > j+1 && (r == len(s) || !isLetter(s[r])) {
			w := s[j+1 : r]
			if u := perUnit(w); u != "" {
				return u, r
			}
			if u := perWord(w); u != "" && !strings.EqualFold(w, "pcm") {
				return u, r
			}
		}
		return "", j
	}
	if strings.HasPrefix(s[j:], "p.a.") {
		return "year", j + 4
	}
	q := j
	if n := spaceLen(s, j); n > 0 {
		q += n
	} else if s[j] == '-' {
		q++
	}
	if q+4 <= len(s) && s[q:q+4] == "p.a." {
		return "year", q + 4
	}
	r := wordAt(s, q, 12)
	if r == q || (r < len(s) && isLetter(s[r])) {
		return "", j
	}
	w := s[q:r]
	if u := perWord(w); u != "" {
		if (w == "pa" || w == "pw" || w == "pcm" || lowerOrTitle(w)) && (r == len(s) || s[r] != '-') {
			return u, r
		}
		return "", j
	}
	lw := strings.ToLower(w)
	switch lw {
	case "per", "a", "an", "each", "every":
	default:
		return "", j
	}
	if !lowerOrTitle(w) {
		return "", j
	}
	n := spaceLen(s, r)
	if n == 0 && r < len(s) && s[r] == '-' {
		n = 1
	}
	if n == 0 {
		return "", j
	}
	t := r + n
	u := wordAt(s, t, 20)
	if u == t || (u < len(s) && isLetter(s[u])) {
		return "", j
	}
	w2 := s[t:u]
	if u+1 < len(s) && s[u] == '-' && isLetter(s[u+1]) {
		return "", j // "a year-long"
	}
	unit := perUnit(w2)
	switch lw {
	case "per":
		if strings.EqualFold(w2, "calendar") {
			if n := spaceLen(s, u); n > 0 {
				v := wordAt(s, u+n, 6)
				if strings.EqualFold(s[u+n:v], "month") && (v == len(s) || !isLetter(s[v])) {
					return "month", v
				}
			}
			return "", j
		}
		if notPerWord(w2) {
			return "", j
		}
		if unit == "" {
			unit = strings.ToLower(w2)
		}
		return unit, u
	case "a", "an":
		if unit == "" || unit == "quarter" { // "a quarter of"
			return "", j
		}
		if n := spaceLen(s, u); n > 0 {
			v := wordAt(s, u+n, 12)
			if notRateAfter(s[u+n : v]) {
				return "", j
			}
		}
		return unit, u
	default: // each, every
		if unit == "" || unit == "head" {
			return "", j
		}
		return unit, u
	}
}

// wordAmount tries an amount written with number words around the
// multiplier word at s[p]: "two million pounds", "half a billion euros".
func (sc *scanner) wordAmount(p int) bool {
	s := sc.s
	r := wordAt(s, p, 8)
	if r == p || (r < len(s) && isLetter(s[r])) {
		return false
	}
	m := multiplier(s[p:r], true)
	if m < 6 || !lowerOrTitle(s[p:r]) || s[r-1] == 's' {
		return false // "millions of pounds" is vague
	}
	// The number words before it.
	sp := spaceBefore(s, p)
	if sp == 0 {
		return false
	}
	e := p - sp
	b := e
	for b > 0 && e-b < 10 && isLetter(s[b-1]) {
		b--
	}
	if b == e || (b > 0 && (isAlnum(s[b-1]) || s[b-1] == '.' || s[b-1] == ',')) {
		return false
	}
	w := strings.ToLower(s[b:e])
	val, ok := numberWords[w]
	if !ok {
		return false
	}
	start := b
	var n num
	n.mant = val
	// "twenty-five": tens, hyphen, unit.
	if b >= 2 && s[b-1] == '-' && val < 10 && (w != "a" && w != "an") {
		t := b - 1
		k := t
		for k > 0 && t-k < 8 && isLetter(s[k-1]) {
			k--
		}
		if tens, ok := numberWords[strings.ToLower(s[k:t])]; ok && tens >= 20 && tens%10 == 0 {
			n.mant, start = tens+val, k
		}
	}
	if w == "a" || w == "an" {
		// "half a million"
		if sp2 := spaceBefore(s, b); sp2 > 0 && b-sp2 >= 4 && strings.EqualFold(s[b-sp2-4:b-sp2], "half") &&
			(b-sp2-4 == 0 || !isLetter(s[b-sp2-5])) {
			n.mant, n.frac, start = 5, 1, b-sp2-4
		}
	}
	if start < sc.last {
		return false
	}
	c, end, _ := parseCurrencyWord(s, r, false)
	if c == "" {
		return false
	}
	if end < len(s) && isAlnum(s[end]) {
		return false
	}
	d := side{start: start, num: n, mult: m, end: end, cur: c}
	q := sc.qualifiers(start)
	return sc.finish(d, 0, end, q)
}
