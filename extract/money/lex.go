package money

import "strings"

// Byte classes.

func isDigit(c byte) bool  { return c-'0' <= 9 }
func isLetter(c byte) bool { return (c|0x20)-'a' <= 'z'-'a' }
func isUpper(c byte) bool  { return c-'A' <= 'Z'-'A' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

const (
	poundSign = "£"      // C2 A3
	euroSign  = "€"      // E2 82 AC
	nbsp      = "\u00a0" // C2 A0
)

// dashLen returns the length of the dash at s[i:] ("-", en dash, em dash,
// minus sign), or 0.
func dashLen(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	if s[i] == '-' {
		return 1
	}
	if i+3 <= len(s) && s[i] == 0xE2 {
		switch s[i : i+3] {
		case "–", "—", "−":
			return 3
		}
	}
	return 0
}

// spaceLen returns the length of one space (ASCII space or no-break space)
// at s[i:], or 0.
func spaceLen(s string, i int) int {
	if i < len(s) && s[i] == ' ' {
		return 1
	}
	if i+2 <= len(s) && s[i] == 0xC2 && s[i+1] == 0xA0 {
		return 2
	}
	return 0
}

// spaceBefore returns the length of one space ending at s[:i], or 0.
func spaceBefore(s string, i int) int {
	if i >= 1 && s[i-1] == ' ' {
		return 1
	}
	if i >= 2 && s[i-2] == 0xC2 && s[i-1] == 0xA0 {
		return 2
	}
	return 0
}

// wordAt returns the end of the run of ASCII letters starting at s[i],
// giving up (returning i) when the run is longer than max.
func wordAt(s string, i, max int) int {
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
		if j-i > max {
			return i
		}
	}
	return j
}

// codes maps the ISO 4217 codes accepted before or after a number.
func codeCurrency(w string) string {
	switch w {
	case "GBP", "USD", "EUR", "AUD", "CAD", "NZD", "CHF", "JPY", "CNY",
		"INR", "SEK", "NOK", "DKK", "HKD", "SGD", "ZAR", "IEP":
		return w
	}
	return ""
}

// dollarPrefix maps the letters written before "$" ("US$", "A$", "NZ$").
func dollarPrefix(w string) string {
	switch w {
	case "US":
		return "USD"
	case "A", "AU":
		return "AUD"
	case "C", "CA", "CAN":
		return "CAD"
	case "NZ":
		return "NZD"
	case "HK":
		return "HKD"
	case "S", "SG":
		return "SGD"
	}
	return ""
}

// multiplier returns the power of ten of a multiplier written after a
// number ("m", "bn", "million"), or -1. spaced says whether a space stood
// between the number and the word; single capital letters ("£5M", "£5B")
// must be attached, as "£5 M" is more often something else.
func multiplier(w string, spaced bool) int {
	switch w {
	case "k", "mn", "bn", "tn":
	case "K", "M", "B", "b", "mln", "Mn", "bln", "Bn", "BN", "trn":
		if spaced {
			return -1
		}
	}
	switch w {
	case "k", "K":
		return 3
	case "m", "M", "mn", "mln", "Mn":
		return 6
	case "bn", "b", "B", "bln", "Bn", "BN":
		return 9
	case "tn", "trn":
		return 12
	}
	if len(w) < 7 {
		return -1
	}
	switch {
	case strings.EqualFold(w, "thousand"):
		return 3
	case strings.EqualFold(w, "million"), strings.EqualFold(w, "millions"):
		return 6
	case strings.EqualFold(w, "billion"), strings.EqualFold(w, "billions"):
		return 9
	case strings.EqualFold(w, "trillion"), strings.EqualFold(w, "trillions"):
		return 12
	}
	return -1
}

// lowerOrTitle reports whether w is all lower case or has only its first
// letter upper case ("pounds", "Pounds", not "POUNDS" or "pOunds").
func lowerOrTitle(w string) bool {
	for i := 1; i < len(w); i++ {
		if isUpper(w[i]) {
			return false
		}
	}
	return true
}

// currencyWord maps a currency written as a word after the number.
// pence reports a minor-unit word.
func currencyWord(w string) (cur string, pence bool) {
	if !lowerOrTitle(w) {
		return codeCurrency(w), false
	}
	switch strings.ToLower(w) {
	case "pound", "pounds", "quid", "sterling":
		return "GBP", false
	case "pence":
		return "GBP", true
	case "euro", "euros":
		return "EUR", false
	case "dollar", "dollars":
		return "USD", false
	}
	return "", false
}

// numberWords gives the value of the number words that may stand before
// "million", "billion" or "trillion" ("two million pounds").
var numberWords = map[string]int64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// approxBefore are the words before an amount that hedge or bound it. They
// are matched case-insensitively and must end just before the amount
// (one space between).
var approxBefore = []string{
	"about", "around", "approximately", "approx", "approx.", "roughly",
	"almost", "nearly", "some", "circa", "ca.", "estimated",
	"over", "under", "below", "above", "more than", "less than",
	"fewer than", "up to", "at least", "at most", "in excess of",
	"upwards of", "close to", "as much as", "as little as", "north of",
	"in the region of", "something like", "the best part of",
	"getting on for", "just short of", "nearer", "closer to", "near",
}

// approxByLast indexes approxBefore by the last word of each phrase,
// without a final full stop.
var approxByLast = func() map[string][]string {
	m := map[string][]string{}
	for _, p := range approxBefore {
		w := strings.TrimSuffix(p, ".")
		if i := strings.LastIndexByte(w, ' '); i >= 0 {
			w = w[i+1:]
		}
		m[w] = append(m[w], p)
	}
	return m
}()

// approxAfter are hedges written after the amount, with what comes first.
var approxAfter = []string{
	"-plus", "–plus", " plus", "-odd", "-ish",
	" or more", " or so", " or thereabouts", " or less", " and upwards",
	" or over", " and above",
}

// perUnit normalises the word after "per", "a", "each" or "/".
func perUnit(w string) string {
	switch strings.ToLower(w) {
	case "year", "yr", "annum", "year's":
		return "year"
	case "month", "mth", "mo":
		return "month"
	case "week", "wk":
		return "week"
	case "day":
		return "day"
	case "hour", "hr":
		return "hour"
	case "head", "capita":
		return "head"
	case "night":
		return "night"
	case "quarter":
		return "quarter"
	}
	return ""
}

// notPerWord are words that may follow "per" without making a rate.
func notPerWord(w string) bool {
	switch strings.ToLower(w) {
	case "cent", "centum", "the", "a", "an", "this", "that", "its", "their",
		"our", "his", "her", "my", "your", "se", "and", "or":
		return true
	}
	return false
}

// perWords are rates written as one word after the amount.
func perWord(w string) string {
	switch strings.ToLower(w) {
	case "annually", "yearly", "pa":
		return "year"
	case "monthly", "pcm":
		return "month"
	case "weekly", "pw":
		return "week"
	case "daily":
		return "day"
	case "hourly":
		return "hour"
	}
	return ""
}

// notPerAfterA are words after "a year" (and the like) that make it a time
// phrase rather than a rate: "£5m a year ago".
func notRateAfter(w string) bool {
	switch strings.ToLower(w) {
	case "ago", "earlier", "later", "previously", "before", "since", "long":
		return true
	}
	return false
}
