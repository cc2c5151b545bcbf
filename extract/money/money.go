package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Amount is one money mention found in a text.
//
// Start and End are byte offsets of the whole mention in the text it was
// found in, and Text is text[Start:End]. The mention runs from the currency
// marker (or the first digit, or the first number word) to the end of the
// last thing that belongs to the amount: the multiplier ("m", "billion"),
// a currency word ("pounds"), a second amount of a range ("-£12m"), a
// trailing approximation ("-plus", "+", "or more") and a rate ("per month").
// Qualifiers written before the amount ("around", "more than", "between")
// are not part of Text; they set Approx, or make "and" a range separator.
type Amount struct {
	Start, End int // byte offsets in the text of the whole mention
	Text       string
	Currency   string // ISO 4217: GBP, USD, EUR, ...
	Value      int64  // whole units (pounds, dollars, euros), truncated
	// Minor is the part below one unit, in hundredths (pence, cents):
	// "£2.50" is Value 2, Minor 50; "50p" is Value 0, Minor 50. It is 0 for
	// almost all amounts met in practice ("£7.2m" is exact in whole units).
	Minor int64
	To    int64  // upper bound in whole units when the mention is a range, else 0
	Per   string // "year", "month", "week", "day", "hour", "head", "patient", ... or ""
	// Approx is true when the text hedges or bounds the amount: "around £5m",
	// "almost £10m", "more than £1bn", "up to £2m", "£40bn+", "£350m-plus".
	Approx bool
}

// Norm returns the normal form "CUR amount" of the scheme: "GBP 7200000".
// The amount is a whole number of units unless Minor is not zero; then it
// is written with two decimals ("GBP 0.50" for "50p", "GBP 2.50" for
// "£2.50"), which the reference scorer reads and rounds to the unit.
// For a range Norm gives the lower bound; see Norms.
func (a Amount) Norm() string {
	return norm(a.Currency, a.Value, a.Minor)
}

// Norms returns the normal forms of the amounts the mention states: one
// for a single amount, the lower and the upper bound for a range
// ("£10m-£12m" gives "GBP 10000000" and "GBP 12000000").
func (a Amount) Norms() []string {
	if a.To == 0 {
		return []string{a.Norm()}
	}
	return []string{a.Norm(), norm(a.Currency, a.To, 0)}
}

// IsRange reports whether the mention is a range ("£10m-£12m").
func (a Amount) IsRange() bool { return a.To != 0 }

func norm(cur string, v, minor int64) string {
	var b strings.Builder
	b.Grow(len(cur) + 24)
	b.WriteString(cur)
	b.WriteByte(' ')
	b.WriteString(strconv.FormatInt(v, 10))
	if minor != 0 {
		b.WriteByte('.')
		if minor < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.FormatInt(minor, 10))
	}
	return b.String()
}

// String describes the amount for logs and test messages.
func (a Amount) String() string {
	s := fmt.Sprintf("%s [%d,%d) %q", a.Norm(), a.Start, a.End, a.Text)
	if a.To != 0 {
		s += fmt.Sprintf(" to %d", a.To)
	}
	if a.Per != "" {
		s += " per " + a.Per
	}
	if a.Approx {
		s += " approx"
	}
	return s
}

// ErrNotMoney is returned by Parse when its input is not one money amount.
var ErrNotMoney = errors.New("not a money amount")

// Parse reads one amount written alone, such as "£7.2m", "$1bn",
// "£2,500 per month", "£10m-£12m", "around £5m" or "3 million pounds".
// Surrounding space is ignored; qualifiers before the amount ("around",
// "more than", "between") are allowed and set Approx or make a range, as in
// Find. Offsets in the result are relative to s. Anything else, including
// two amounts or trailing text, is an error wrapping ErrNotMoney.
func Parse(s string) (Amount, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Amount{}, fmt.Errorf("money %q: %w: empty", s, ErrNotMoney)
	}
	off := strings.Index(s, t)
	var sc scanner
	sc.init(t)
	found, n := Amount{}, 0
	for sc.next() {
		found = sc.cur
		n++
		if n > 1 {
			return Amount{}, fmt.Errorf("money %q: %w: more than one amount", s, ErrNotMoney)
		}
	}
	if n == 0 {
		return Amount{}, fmt.Errorf("money %q: %w: want a currency and a number, like £7.2m, $1bn or 3 million pounds", s, ErrNotMoney)
	}
	if found.End != len(t) {
		return Amount{}, fmt.Errorf("money %q: %w: trailing text %q", s, ErrNotMoney, t[found.End:])
	}
	if sc.curQual != 0 {
		return Amount{}, fmt.Errorf("money %q: %w: leading text %q", s, ErrNotMoney, t[:sc.curQual])
	}
	found.Start += off
	found.End += off
	return found, nil
}

// Find returns every money amount in text, in text order and without
// overlaps. It reads the text once, looking closer only at digits and at
// the words million, billion and trillion; its time is linear in len(text).
func Find(text string) []Amount {
	var out []Amount
	var sc scanner
	sc.init(text)
	for sc.next() {
		out = append(out, sc.cur)
	}
	return out
}
