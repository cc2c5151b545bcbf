package gen

import (
	"strconv"
	"strings"
)

// A moneyExpr is a sum as written and its whole number of pounds.
type moneyExpr struct {
	text   string
	amount int64
	per    string // "month", "year" or ""
}

func (m moneyExpr) norm() string { return "GBP " + strconv.FormatInt(m.amount, 10) }

// groupThousands writes 1234567 as "1,234,567".
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// decimal writes n/10^places without trailing zeros: (72, 1) is "7.2",
// (70, 1) is "7".
func decimal(n int64, places int) string {
	s := strconv.FormatInt(n, 10)
	for len(s) <= places {
		s = "0" + s
	}
	whole, frac := s[:len(s)-places], strings.TrimRight(s[len(s)-places:], "0")
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

// trustMoney is a sum on a trust's scale: £100,000 to £99.9m.
func (s *story) trustMoney() moneyExpr {
	r := s.r
	switch r.IntN(6) {
	case 0, 1: // £7.2m
		t := int64(10 + r.IntN(500))
		return moneyExpr{text: "£" + decimal(t, 1) + "m", amount: t * 100_000}
	case 2: // £3.5 million
		t := int64(10 + r.IntN(300))
		return moneyExpr{text: "£" + decimal(t, 1) + " million", amount: t * 100_000}
	case 3: // £2.45m
		h := int64(100 + r.IntN(900))
		return moneyExpr{text: "£" + decimal(h, 2) + "m", amount: h * 10_000}
	case 4: // £1,234,000
		n := int64(1_000 + r.IntN(9_000))
		return moneyExpr{text: "£" + groupThousands(n*1000), amount: n * 1000}
	default: // £500,000
		return s.smallMoney()
	}
}

// smallMoney is £10,000 to £995,000.
func (s *story) smallMoney() moneyExpr {
	n := int64(2+s.r.IntN(198)) * 5_000
	return moneyExpr{text: "£" + groupThousands(n), amount: n}
}

// nationalMoney is a programme's scale: "£12.7bn", "£1.1 billion".
func (s *story) nationalMoney() moneyExpr {
	t := int64(10 + s.r.IntN(190))
	if s.r.IntN(2) == 0 {
		return moneyExpr{text: "£" + decimal(t, 1) + "bn", amount: t * 100_000_000}
	}
	return moneyExpr{text: "£" + decimal(t, 1) + " billion", amount: t * 100_000_000}
}

// periodicMoney is a rate: "£2,500 per month", "£40,000 a year".
func (s *story) periodicMoney(per string) moneyExpr {
	var n int64
	if per == "month" {
		n = int64(4+s.r.IntN(196)) * 500
	} else {
		n = int64(2+s.r.IntN(98)) * 5_000
	}
	word := [...]string{" per ", " a "}[s.r.IntN(2)]
	if per == "year" && s.r.IntN(3) == 0 {
		word = " per annum"
		return moneyExpr{text: "£" + groupThousands(n) + word, amount: n, per: per}
	}
	return moneyExpr{text: "£" + groupThousands(n) + word + per, amount: n, per: per}
}
