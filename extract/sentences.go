package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"no": true, "nos": true, "co": true, "ltd": true, "inc": true, "plc": true, "vs": true, "v": true,
	"etc": true, "e.g": true, "i.e": true, "approx": true, "cllr": true, "rev": true, "hon": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "fig": true, "para": true,
	"ref": true, "vol": true, "dept": true, "govt": true, "est": true, "cf": true, "al": true,
}

// Sentences splits text into sentence spans (byte offsets), in order. A line
// break always ends a sentence (table rows and headings stand alone); within
// a line a sentence ends at . ! or ? (and any closing quotes or brackets)
// followed by space and a capital, digit, quote or currency sign, unless the
// period ends an abbreviation or an initial. Runs in one pass.
func Sentences(text string) []Span {
	var out []Span
	start := -1
	emit := func(end int) {
		if start < 0 {
			return
		}
		e := end
		for e > start {
			r, n := utf8.DecodeLastRuneInString(text[start:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= n
		}
		if e > start {
			out = append(out, Span{start, e})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
		case unicode.IsSpace(r):
		default:
			if start < 0 {
				start = i
			}
			if (r == '.' || r == '!' || r == '?') && sentenceEnds(text, start, i) {
				j := i + n
				for j < len(text) {
					c, m := utf8.DecodeRuneInString(text[j:])
					if !strings.ContainsRune(`"'”’)]`, c) {
						break
					}
					j += m
				}
				emit(j)
				i = j
				continue
			}
		}
		i += n
	}
	emit(len(text))
	return out
}

// sentenceEnds decides whether the terminator at text[i] ends a sentence.
func sentenceEnds(text string, start, i int) bool {
	// What follows: closing marks, then space, then a sentence start.
	j := i + 1
	for j < len(text) {
		c, m := utf8.DecodeRuneInString(text[j:])
		if !strings.ContainsRune(`"'”’)]`, c) {
			break
		}
		j += m
	}
	if j >= len(text) {
		return true
	}
	c, m := utf8.DecodeRuneInString(text[j:])
	if c == '\n' {
		return true
	}
	if !unicode.IsSpace(c) {
		return false // "3.5", "e.g.x", "nhs.uk"
	}
	k := j + m
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k >= len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘£$€(`, next)) {
		return false
	}
	if text[i] != '.' {
		return true
	}
	// The word before the period.
	w := i
	for w > start {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' {
			break
		}
		w -= n
	}
	word := strings.ToLower(strings.TrimLeft(text[w:i], `"'“‘(`))
	if abbreviations[word] {
		return false
	}
	// An initial: "J. Smith".
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(text[w:i])[0]) {
		return false
	}
	return true
}
