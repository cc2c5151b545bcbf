package eval

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Types are the scored entity types, in score.py's order.
var Types = []string{"trust", "org", "vendor", "system", "person", "money", "date"}

// nameType reports whether norms of typ are names, compared loosely.
func nameType(typ string) bool {
	switch typ {
	case "trust", "org", "vendor", "system", "person":
		return true
	}
	return false
}

func isType(typ string) bool { return nameType(typ) || typ == "money" || typ == "date" }

// Key returns what a norm of type typ is compared by, as score.py's key():
//   - every norm is first trimmed of white space;
//   - names (trust, org, vendor, system, person) are case-folded, typographic
//     apostrophes (’ ‘) become ' and en dashes -, "&" becomes " and ", a
//     leading "the " is dropped, runs of white space become one space and
//     spaces and dots are trimmed from both ends;
//   - money "CUR 1,234.56" becomes "CUR 1235": the currency upper-cased and
//     the value rounded to a unit, half to even; a money norm of another
//     shape is compared as written;
//   - anything else (dates) is compared as written.
func Key(typ, norm string) string {
	norm = strings.TrimFunc(norm, isPySpace)
	switch {
	case nameType(typ):
		return nameKey(norm)
	case typ == "money":
		if k, ok := moneyKey(norm); ok {
			return k
		}
	}
	return norm
}

var nameReplacer = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "&", " and ")

func nameKey(s string) string {
	s = nameReplacer.Replace(casefold(s))
	if rest, ok := strings.CutPrefix(s, "the"); ok {
		if r, _ := utf8.DecodeRuneInString(rest); isPySpace(r) {
			s = strings.TrimLeftFunc(rest, isPySpace)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isPySpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return strings.Trim(b.String(), " .")
}

// moneyKey matches ^([A-Za-z]{3})\s*([0-9][0-9,]*(?:\.[0-9]+)?)$ and returns
// "CUR n" with n the value rounded half to even, as Python's round(float(x)).
func moneyKey(s string) (string, bool) {
	if len(s) < 4 {
		return "", false
	}
	for i := 0; i < 3; i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return "", false
		}
	}
	cur := strings.ToUpper(s[:3])
	num := strings.TrimLeftFunc(s[3:], isPySpace)
	if !moneyNumber(num) {
		return "", false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil || math.IsInf(f, 0) {
		// score.py fails on values beyond a float; compare as written.
		return "", false
	}
	n, _ := new(big.Float).SetFloat64(math.RoundToEven(f)).Int(nil)
	return cur + " " + n.String(), true
}

// moneyNumber reports whether s matches [0-9][0-9,]*(?:\.[0-9]+)?.
func moneyNumber(s string) bool {
	if s == "" || !isDigit(s[0]) {
		return false
	}
	i := 1
	for i < len(s) && (isDigit(s[i]) || s[i] == ',') {
		i++
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' || i+1 == len(s) {
		return false
	}
	for _, c := range []byte(s[i+1:]) {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isPySpace reports whether Python's str.isspace (and re's \s) holds for r:
// Unicode white space plus the separators U+001C to U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f
}

// casefold is Python's str.casefold: full Unicode case folding. x/text's
// folder maps Cherokee capitals (U+13A0–U+13F5) to small letters where
// Unicode's CaseFolding.txt (and Python) keep them, so those are kept.
func casefold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	c := cases.Fold()
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexFunc(s, isCherokeeCapital)
		if i < 0 {
			b.WriteString(c.String(s))
			break
		}
		b.WriteString(c.String(s[:i]))
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+n])
		s = s[i+n:]
	}
	return b.String()
}

func isCherokeeCapital(r rune) bool { return 0x13a0 <= r && r <= 0x13f5 }
