package temporal

import (
	"unicode"
	"unicode/utf8"
)

type tkind uint8

const (
	tWord    tkind = iota + 1 // letters (lx set when the word is in the lexicon)
	tNum                      // plain digits: num, ndig
	tOrd                      // 6th, 1st, 22nd: num
	tDecade                   // 1990s: num = 1990
	tQuarter                  // Q1..Q4: num
	tFY                       // FY, FY09, FY2009: num (-1 when bare), ndig
	tOther                    // other letter/digit mixtures (TB2011, 3pm, 10am), grouped numbers (1,998), decimals
	tPunct                    // one punctuation character: r
)

// token is one scanner token. Offsets are bytes into the text.
type token struct {
	start, end int
	num        int
	lx         *lexeme
	r          rune // punctuation, normalised: dashes → '-', double quotes → '"', single quotes → '\''
	kind       tkind
	ndig       uint8
	cap        bool // first letter upper case
	upper      bool // all letters upper case (and more than one)
	sp         bool // whitespace before the token
}

// scanner turns text into tokens, one sentence-ish chunk at a time, in a
// single pass over the bytes. It never backtracks.
type scanner struct {
	text string
	pos  int
	lex  lexicon
	nl   int // newlines seen in the whitespace before the next token
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// next returns the next token and the number of newlines before it; ok is
// false at the end of the text.
func (s *scanner) next() (tk token, nl int, ok bool) {
	text := s.text
	i := s.pos
	sp := false
	nl = 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			i++
			sp = true
			continue
		}
		if c == '\n' {
			i++
			nl++
			sp = true
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == 0xA0 || r == 0x2028 || r == 0x2029 || (r != utf8.RuneError && unicode.IsSpace(r)) {
			if r == 0x2028 || r == 0x2029 {
				nl++
			}
			i += size
			sp = true
			continue
		}
		break
	}
	if i >= len(text) {
		s.pos = i
		return token{}, nl, false
	}
	start := i
	c := text[i]
	tk.start = start
	tk.sp = sp
	if isDigit(c) || isASCIILetter(c) || (c >= utf8.RuneSelf && s.letterAt(i)) {
		letters, digits, upper, other := 0, 0, 0, false
		firstLetter := -1
		num := 0
		lettersAfterDigits := 0
		for i < len(text) {
			c = text[i]
			switch {
			case isDigit(c):
				if letters > 0 {
					other = true
				}
				digits++
				if digits <= 9 {
					num = num*10 + int(c-'0')
				}
				i++
				continue
			case isASCIILetter(c):
				if firstLetter < 0 {
					firstLetter = i
				}
				if c < 'a' {
					upper++
				}
				letters++
				if digits > 0 {
					lettersAfterDigits++
				}
				i++
				continue
			case c == ',' && digits > 0 && letters == 0 && allDigits(text, i+1, 3) && (i+4 >= len(text) || !isDigit(text[i+4])):
				// thousands separator: 1,998
				other = true
				i += 4
				digits += 3
				continue
			case c >= utf8.RuneSelf:
				r, size := utf8.DecodeRuneInString(text[i:])
				if r != utf8.RuneError && unicode.IsLetter(r) {
					if firstLetter < 0 {
						firstLetter = i
					}
					letters++
					other = other || digits > 0
					if unicode.IsUpper(r) {
						upper++
					}
					i += size
					continue
				}
			}
			break
		}
		tk.end = i
		word := text[start:i]
		switch {
		case letters == 0:
			if other {
				tk.kind = tOther
			} else {
				tk.kind = tNum
				tk.num = num
				tk.ndig = uint8(min(digits, 255))
				if digits > 9 {
					tk.kind = tOther
				}
			}
		case digits == 0:
			tk.kind = tWord
			tk.cap = upper > 0 && isUpperAt(text, start)
			tk.upper = upper == letters && letters > 1
			tk.lx = s.lookup(word)
		default:
			tk.kind = tOther
			s.mixed(&tk, word, num, digits, letters, lettersAfterDigits, other)
		}
		s.pos = i
		return tk, nl, true
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	tk.kind = tPunct
	tk.end = i + size
	switch r {
	case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
		r = '-'
	case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB:
		r = '"'
	case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
		r = '\''
	}
	tk.r = r
	s.pos = tk.end
	return tk, nl, true
}

func allDigits(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for j := i; j < i+n; j++ {
		if !isDigit(s[j]) {
			return false
		}
	}
	return true
}

func isUpperAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

func (s *scanner) letterAt(i int) bool {
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

// lookup finds an ASCII word in the lexicon, case-insensitively, without
// allocating.
func (s *scanner) lookup(w string) *lexeme {
	if len(w) > 16 {
		return nil
	}
	var buf [16]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil
		}
		buf[i] = c | 0x20
	}
	return s.lex[string(buf[:len(w)])]
}

// mixed classifies a token of letters and digits: ordinals, decades,
// quarters, FY forms; everything else stays tOther.
func (s *scanner) mixed(tk *token, w string, num, digits, letters, lettersAfterDigits int, other bool) {
	lower := func(i int) byte { return w[i] | 0x20 }
	n := len(w)
	switch {
	case digits <= 2 && letters == 2 && lettersAfterDigits == 2 && isDigit(w[0]) && !other:
		suf := string([]byte{lower(n - 2), lower(n - 1)})
		if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
			tk.kind = tOrd
			tk.num = num
		}
	case digits == 4 && n == 5 && lower(4) == 's':
		if num%10 == 0 {
			tk.kind = tDecade
			tk.num = num
		}
	case n == 2 && lower(0) == 'q' && digits == 1 && num >= 1 && num <= 4:
		tk.kind = tQuarter
		tk.num = num
	case n > 2 && lower(0) == 'f' && lower(1) == 'y' && letters == 2 && (digits == 2 || digits == 4) && isDigit(w[2]):
		tk.kind = tFY
		tk.num = num
		tk.ndig = uint8(digits)
	}
}
