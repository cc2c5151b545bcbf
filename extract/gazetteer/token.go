package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// token is one normalised word of a text: a run of letters and digits, with
// in-word apostrophes dropped ("Mary’s" and "Marys" are both "marys"), "&"
// read as "and", and a few punctuation marks kept as hard breaks so that a
// name never runs across a sentence or a bracket.
type token struct {
	start, end int // byte offsets of the token in the text
	// posEnd is the end of the token without a trailing possessive "'s"
	// ("Free's" → the offset after "Free"); 0 when there is none.
	posEnd int
	brk    bool // a hard break, not a word
}

// breakWord is the normal form of a hard break. It holds a character that no
// word token can contain, so patterns with a break match only text with one.
const breakWord = "|"

func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' || r == '′'
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isHardBreak reports punctuation that ends any name.
func isHardBreak(r rune) bool {
	switch r {
	case '!', '?', ';', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»', '|', '•', '·':
		return true
	}
	return false
}

// abbrevs are lower-case words that a full stop may follow inside a name
// ("St. Mary's", "N. Harris", "Inc."), so the stop is not a break.
var abbrevs = map[string]bool{"st": true, "dr": true, "inc": true, "ltd": true, "co": true, "plc": true, "corp": true, "mr": true, "mrs": true, "ms": true, "prof": true, "no": true}

// scanner yields the tokens of a text one at a time, so that a long
// document is matched in constant memory.
type scanner struct {
	text string
	i    int
	last token // the previous token, for the full-stop rule
	has  bool
	pend token // a break waiting to be returned before the next word
	hasP bool
}

// next returns the next token, or false at the end of the text.
func (sc *scanner) next() (token, bool) {
	text, n := sc.text, len(sc.text)
	for sc.i < n {
		i := sc.i
		c := text[i]
		var r rune
		var w int
		if c < utf8.RuneSelf {
			r, w = rune(c), 1
		} else {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isWordRune(r):
			start := i
			posEnd := 0
			i += w
			for i < n {
				c := text[i]
				var r rune
				var w int
				if c < utf8.RuneSelf {
					r, w = rune(c), 1
				} else {
					r, w = utf8.DecodeRuneInString(text[i:])
				}
				if isWordRune(r) {
					i += w
					continue
				}
				if isApos(r) {
					// An apostrophe followed by a letter stays inside the word
					// (Mary's, O'Neill); "'s" at the end marks a possessive.
					j := i + w
					if j < n {
						r2, w2 := utf8.DecodeRuneInString(text[j:])
						if isWordRune(r2) {
							if (r2 == 's' || r2 == 'S') && (j+w2 >= n || !isWordRuneAt(text, j+w2)) {
								posEnd = i
							}
							i = j
							continue
						}
					}
					// A trailing apostrophe (Thomas') belongs to the word.
					i = j
				}
				break
			}
			sc.i = i
			return sc.emit(token{start: start, end: i, posEnd: posEnd})
		case r == '&' || r == '＆':
			sc.i = i + w
			return sc.emit(token{start: i, end: i + w})
		case isHardBreak(r):
			sc.i = i + w
			if t, ok := sc.brk(i, i+w); ok {
				return t, true
			}
		case r == '.':
			// A full stop followed by space ends a sentence unless it closes
			// an abbreviation or an initial.
			j := i + 1
			sc.i = j
			if j >= n || text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r' {
				if !sc.has || sc.last.brk || sc.last.end != i || !isAbbrev(text[sc.last.start:sc.last.end]) {
					if t, ok := sc.brk(i, j); ok {
						return t, true
					}
				}
			}
		case r == '\n':
			// A blank line (paragraph break) is a hard break; a single line
			// break is ordinary space, since PDF text wraps names.
			j := i + 1
			for j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < n && text[j] == '\n' {
				sc.i = j + 1
				if t, ok := sc.brk(i, j+1); ok {
					return t, true
				}
			} else {
				sc.i = j
			}
		default:
			sc.i = i + w
		}
	}
	return token{}, false
}

func (sc *scanner) emit(t token) (token, bool) {
	sc.last, sc.has = t, true
	return t, true
}

// brk returns a break token unless the previous token was one too: runs of
// breaks collapse into one.
func (sc *scanner) brk(start, end int) (token, bool) {
	if sc.has && sc.last.brk {
		return token{}, false
	}
	return sc.emit(token{start: start, end: end, brk: true})
}

// tokenize appends the tokens of text to dst and returns it.
func tokenize(dst []token, text string) []token {
	sc := scanner{text: text}
	for {
		t, ok := sc.next()
		if !ok {
			return dst
		}
		dst = append(dst, t)
	}
}

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isAbbrev(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return true // an initial: "N. Harris"
	}
	if len(w) > 4 {
		return false
	}
	var buf [4]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return abbrevs[string(buf[:len(w)])]
}

// foldWord writes the case-folded normal form of a word token into buf and
// returns it: lower case, apostrophes dropped, "&" as "and", a hard break as
// breakWord. ASCII takes a fast path.
func foldWord(buf []byte, s string, brk bool) []byte {
	buf = buf[:0]
	if brk {
		return append(buf, breakWord...)
	}
	if s == "&" || s == "＆" {
		return append(buf, "and"...)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != '\'' && c != '`' {
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if isApos(r) {
			continue
		}
		buf = utf8.AppendRune(buf, foldRune(r))
	}
	return buf
}

// foldRune lower-cases r and strips the accents of common Latin letters, so
// that "Café" and "Cafe" meet.
func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	}
	return r
}

// casedWord is the normal form used by case-sensitive patterns: apostrophes
// dropped and "&" as "and", case kept.
func casedWord(s string, brk bool) string {
	if brk {
		return breakWord
	}
	if s == "&" || s == "＆" {
		return "and"
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if isApos(r) {
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

// words splits a gazetteer name into its tokens' texts (case kept).
func words(name string) []string {
	toks := tokenize(nil, name)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = casedWord(name[t.start:t.end], t.brk)
	}
	return out
}

// Key returns the normalised form of a name: its words lower-cased with
// apostrophes dropped, "&" as "and", hyphens and runs of space as one space,
// and a leading "The" dropped ("The Guy’s & St Thomas’" → "guys and st
// thomas"). Names with the same Key are the same name to the matcher.
func Key(name string) string {
	toks := tokenize(nil, name)
	var buf []byte
	out := make([]byte, 0, len(name))
	first := true
	for i, t := range toks {
		buf = foldWord(buf, name[t.start:t.end], t.brk)
		if i == 0 && string(buf) == "the" && len(toks) > 1 {
			continue
		}
		if !first {
			out = append(out, ' ')
		}
		first = false
		out = append(out, buf...)
	}
	return string(out)
}
