package money

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// show writes an amount as the tables below expect it:
// "TEXT = NORM [to N] [per UNIT] [~]" (~ for Approx).
func show(a Amount) string {
	s := a.Text + " = " + a.Norm()
	if a.To != 0 {
		s += fmt.Sprintf(" to %d", a.To)
	}
	if a.Per != "" {
		s += " per " + a.Per
	}
	if a.Approx {
		s += " ~"
	}
	return s
}

// checkOffsets fails the test when the amounts found in text have bad
// offsets, are out of order or overlap.
func checkOffsets(t *testing.T, text string, got []Amount) {
	t.Helper()
	last := 0
	for _, a := range got {
		if a.Start < last || a.End <= a.Start || a.End > len(text) {
			t.Errorf("Find(%q): bad offsets [%d,%d) after %d", text, a.Start, a.End, last)
			return
		}
		if a.Text != text[a.Start:a.End] {
			t.Errorf("Find(%q): Text %q != text[%d:%d] %q", text, a.Text, a.Start, a.End, text[a.Start:a.End])
		}
		last = a.End
	}
}

var findCases = []struct {
	in   string
	want []string
}{
	// Multipliers and separators.
	{"Problems have so far cost the trust £7.2m, disrupting care.", []string{"£7.2m = GBP 7200000"}},
	{"The deficit stood at £7.2 m at the end of the year.", []string{"£7.2 m = GBP 7200000"}},
	{"The board approved £4.676 millions for the scheme.", []string{"£4.676 millions = GBP 4676000"}},
	{"The programme was meant to cost £1.1 billion in total.", []string{"£1.1 billion = GBP 1100000000"}},
	{"the £12.7bn NHS IT programme", []string{"£12.7bn = GBP 12700000000"}},
	{"Delays cost the trust £500,000 in extra staff time.", []string{"£500,000 = GBP 500000"}},
	{"a £500k contingency", []string{"£500k = GBP 500000"}},
	{"It raised the figure to £2.5 millions.", []string{"£2.5 millions = GBP 2500000"}},
	{"The contract, worth £1.25bn, was signed.", []string{"£1.25bn = GBP 1250000000"}},
	{"It will cost £3 million.", []string{"£3 million = GBP 3000000"}},
	{"It will cost £3million.", []string{"£3million = GBP 3000000"}},
	{"It will cost £3 Million.", []string{"£3 Million = GBP 3000000"}},
	{"a £10.5m deal", []string{"£10.5m = GBP 10500000"}},
	{"The NAO put the cost at £2.7 billion.", []string{"£2.7 billion = GBP 2700000000"}},
	{"a £5M overspend", []string{"£5M = GBP 5000000"}},
	{"a £5mn overspend", []string{"£5mn = GBP 5000000"}},
	{"a £2b hole", []string{"£2b = GBP 2000000000"}},
	{"a £1tn debt", []string{"£1tn = GBP 1000000000000"}},
	{"a £1.5 trillion economy", []string{"£1.5 trillion = GBP 1500000000000"}},
	{"£5 thousand was spent", []string{"£5 thousand = GBP 5000"}},
	{"a £ 5m budget", []string{"£ 5m = GBP 5000000"}},
	{"a £\u00a05m budget", []string{"£\u00a05m = GBP 5000000"}},
	{"£1,234,567 was paid", []string{"£1,234,567 = GBP 1234567"}},
	{"£1,234,567.89 was paid", []string{"£1,234,567.89 = GBP 1234567.89"}},
	{"It cost £0.5m.", []string{"£0.5m = GBP 500000"}},
	{"It cost £0.25bn.", []string{"£0.25bn = GBP 250000000"}},
	{"Savings of £1.2345m were found.", []string{"£1.2345m = GBP 1234500"}},
	{"the £20 charge", []string{"£20 = GBP 20"}},
	{"Spending (£3.1m) fell.", []string{"£3.1m = GBP 3100000"}},
	{"a deficit of -£2m", []string{"£2m = GBP 2000000"}},
	{"THE £5M DEAL", []string{"£5M = GBP 5000000"}},

	// Currency words after the number.
	{"It cost 3 million pounds.", []string{"3 million pounds = GBP 3000000"}},
	{"It cost 3m pounds.", []string{"3m pounds = GBP 3000000"}},
	{"It cost 500 pounds.", []string{"500 pounds = GBP 500"}},
	{"It cost 2 million pounds sterling.", []string{"2 million pounds sterling = GBP 2000000"}},
	{"It cost 20 million euros.", []string{"20 million euros = EUR 20000000"}},
	{"It cost 5 million US dollars.", []string{"5 million US dollars = USD 5000000"}},
	{"It cost 5 million dollars.", []string{"5 million dollars = USD 5000000"}},
	{"a 5 million-pound contract", []string{"5 million-pound = GBP 5000000"}},
	{"It cost 5 million GBP.", []string{"5 million GBP = GBP 5000000"}},
	{"It cost £5m sterling.", []string{"£5m sterling = GBP 5000000"}},

	// Number words.
	{"It cost two million pounds.", []string{"two million pounds = GBP 2000000"}},
	{"It cost a million pounds.", []string{"a million pounds = GBP 1000000"}},
	{"It cost half a million pounds.", []string{"half a million pounds = GBP 500000"}},
	{"It cost twenty-five million euros.", []string{"twenty-five million euros = EUR 25000000"}},
	{"a billion-dollar market", []string{"a billion-dollar = USD 1000000000"}},
	{"Nearly one billion pounds was spent.", []string{"one billion pounds = GBP 1000000000 ~"}},

	// Other currencies.
	{"Cerner won a $1bn deal.", []string{"$1bn = USD 1000000000"}},
	{"Cerner won a $1.2 billion deal.", []string{"$1.2 billion = USD 1200000000"}},
	{"a €20m fine", []string{"€20m = EUR 20000000"}},
	{"a € 20m fine", []string{"€ 20m = EUR 20000000"}},
	{"a US$5m deal", []string{"US$5m = USD 5000000"}},
	{"an A$5m deal", []string{"A$5m = AUD 5000000"}},
	{"an NZ$5m deal", []string{"NZ$5m = NZD 5000000"}},
	{"a USD 5 million deal", []string{"USD 5 million = USD 5000000"}},
	{"a EUR 20m deal", []string{"EUR 20m = EUR 20000000"}},
	{"a GBP5m deal", []string{"GBP5m = GBP 5000000"}},
	{"The deal is worth £5m (€6m).", []string{"£5m = GBP 5000000", "€6m = EUR 6000000"}},

	// Pence and units below one.
	{"Each call costs 50p.", []string{"50p = GBP 0.50"}},
	{"Each call costs 5 pence.", []string{"5 pence = GBP 0.05"}},
	{"A prescription costs £9.35 now.", []string{"£9.35 = GBP 9.35"}},
	{"A stamp costs £0.85.", []string{"£0.85 = GBP 0.85"}},
	{"It costs £2.5 a day.", []string{"£2.5 a day = GBP 2.50 per day"}},

	// Ranges.
	{"It will cost £10m-£12m.", []string{"£10m-£12m = GBP 10000000 to 12000000"}},
	{"It will cost £10m–£12m.", []string{"£10m–£12m = GBP 10000000 to 12000000"}},
	{"It will cost £10m - £12m.", []string{"£10m - £12m = GBP 10000000 to 12000000"}},
	{"It will cost £10-12m.", []string{"£10-12m = GBP 10000000 to 12000000"}},
	{"It will cost £10m-12m.", []string{"£10m-12m = GBP 10000000 to 12000000"}},
	{"It will cost £10-£12m.", []string{"£10-£12m = GBP 10000000 to 12000000"}},
	{"It will cost between £10m and £12m.", []string{"£10m and £12m = GBP 10000000 to 12000000"}},
	{"It will cost between £10 and £12 million.", []string{"£10 and £12 million = GBP 10000000 to 12000000"}},
	{"It will cost £10m to £12m.", []string{"£10m to £12m = GBP 10000000 to 12000000"}},
	{"It will cost £500-£1m.", []string{"£500-£1m = GBP 500 to 1000000"}},
	{"Fees of £5,000-10,000 apply.", []string{"£5,000-10,000 = GBP 5000 to 10000"}},
	{"It will cost 5-6 million pounds.", []string{"5-6 million pounds = GBP 5000000 to 6000000"}},
	{"It will cost 5 to 6 billion dollars.", []string{"5 to 6 billion dollars = USD 5000000000 to 6000000000"}},
	{"It will cost $1bn-$2bn.", []string{"$1bn-$2bn = USD 1000000000 to 2000000000"}},
	{"It rose from £5m to £6m.", []string{"£5m = GBP 5000000", "£6m = GBP 6000000"}},
	{"It was cut by £5m to £20m.", []string{"£5m = GBP 5000000", "£20m = GBP 20000000"}},
	{"It cost £5m and £6m.", []string{"£5m = GBP 5000000", "£6m = GBP 6000000"}},
	{"It cost £5m-€6m.", []string{"£5m = GBP 5000000", "€6m = EUR 6000000"}},
	{"It cost £6m-£5m.", []string{"£6m = GBP 6000000", "£5m = GBP 5000000"}},
	{"It cost £5m to fund.", []string{"£5m = GBP 5000000"}},
	{"It cost £5m 2009-10.", []string{"£5m = GBP 5000000"}},
	{"It cost £5m-2010.", []string{"£5m = GBP 5000000"}},
	{"It cost £10m-£12m a year.", []string{"£10m-£12m a year = GBP 10000000 to 12000000 per year"}},

	// Rates.
	{"The trust pays £2,500 per month.", []string{"£2,500 per month = GBP 2500 per month"}},
	{"The trust pays £2,500 a month.", []string{"£2,500 a month = GBP 2500 per month"}},
	{"It saves £5m a year.", []string{"£5m a year = GBP 5000000 per year"}},
	{"It saves £5m per year.", []string{"£5m per year = GBP 5000000 per year"}},
	{"It saves £5m each year.", []string{"£5m each year = GBP 5000000 per year"}},
	{"It saves £5m every year.", []string{"£5m every year = GBP 5000000 per year"}},
	{"It saves £5m annually.", []string{"£5m annually = GBP 5000000 per year"}},
	{"A salary of £30,000 per annum.", []string{"£30,000 per annum = GBP 30000 per year"}},
	{"A salary of £30,000 pa.", []string{"£30,000 pa = GBP 30000 per year"}},
	{"A salary of £30,000pa.", []string{"£30,000pa = GBP 30000 per year"}},
	{"A salary of £30,000 p.a. plus benefits.", []string{"£30,000 p.a. = GBP 30000 per year"}},
	{"It costs £400 a week.", []string{"£400 a week = GBP 400 per week"}},
	{"It costs £400 per week.", []string{"£400 per week = GBP 400 per week"}},
	{"It costs £60 a day.", []string{"£60 a day = GBP 60 per day"}},
	{"It costs £60 an hour.", []string{"£60 an hour = GBP 60 per hour"}},
	{"Funding is £20 per head.", []string{"£20 per head = GBP 20 per head"}},
	{"Funding is £20 per head of population.", []string{"£20 per head = GBP 20 per head"}},
	{"Funding is £20 per capita.", []string{"£20 per capita = GBP 20 per head"}},
	{"The tariff is £150 per patient.", []string{"£150 per patient = GBP 150 per patient"}},
	{"Licences cost £40 per user.", []string{"£40 per user = GBP 40 per user"}},
	{"Rent is £900 per calendar month.", []string{"£900 per calendar month = GBP 900 per month"}},
	{"Rent is £900 pcm.", []string{"£900 pcm = GBP 900 per month"}},
	{"Rent is £900/month.", []string{"£900/month = GBP 900 per month"}},
	{"A £5m-a-year deal.", []string{"£5m-a-year = GBP 5000000 per year"}},
	{"It cost £5m a year ago.", []string{"£5m = GBP 5000000"}},
	{"It cost £5m a year earlier.", []string{"£5m = GBP 5000000"}},
	{"It cost £5m a year-long review.", []string{"£5m = GBP 5000000"}},
	{"a £5m per cent rise", []string{"£5m = GBP 5000000"}},
	{"It cost £5m per the contract.", []string{"£5m = GBP 5000000"}},
	{"It cost £5m a quarter of which went on staff.", []string{"£5m = GBP 5000000"}},

	// Hedges and bounds.
	{"It cost around £5m.", []string{"£5m = GBP 5000000 ~"}},
	{"It cost almost £10m.", []string{"£10m = GBP 10000000 ~"}},
	{"It cost more than £1bn.", []string{"£1bn = GBP 1000000000 ~"}},
	{"It cost More than £1bn.", []string{"£1bn = GBP 1000000000 ~"}},
	{"It cost up to £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost in excess of £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost an estimated £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost some £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost c.£2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost c. £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost ~£2m.", []string{"£2m = GBP 2000000 ~"}},
	{"It cost in the region of £2m.", []string{"£2m = GBP 2000000 ~"}},
	{"The debt is £40bn+.", []string{"£40bn+ = GBP 40000000000 ~"}},
	{"a £350m-plus deal", []string{"£350m-plus = GBP 350000000 ~"}},
	{"It cost £2m or more.", []string{"£2m or more = GBP 2000000 ~"}},
	{"It cost £2m or so.", []string{"£2m or so = GBP 2000000 ~"}},
	{"It cost £2m plus VAT.", []string{"£2m = GBP 2000000"}},
	{"It cost £2m+£3m.", []string{"£2m = GBP 2000000", "£3m = GBP 3000000"}},
	{"It cost a further £2m.", []string{"£2m = GBP 2000000"}},
	{"It cost around £10m-£12m.", []string{"£10m-£12m = GBP 10000000 to 12000000 ~"}},

	{"a £5 million-plus deal", []string{"£5 million-plus = GBP 5000000 ~"}},
	{"It cost more than £1bn a year.", []string{"£1bn a year = GBP 1000000000 per year ~"}},
	{"It will cost between 2 and 3 million pounds.", []string{"2 and 3 million pounds = GBP 2000000 to 3000000"}},
	{"It will cost £10 - 12 million.", []string{"£10 - 12 million = GBP 10000000 to 12000000"}},
	{"It will cost £500m-£1bn.", []string{"£500m-£1bn = GBP 500000000 to 1000000000"}},
	{"It will cost £2.7bn–£3.1bn in all.", []string{"£2.7bn–£3.1bn = GBP 2700000000 to 3100000000"}},
	{"Invoices totalled £1,000.00 exactly.", []string{"£1,000.00 = GBP 1000"}},
	{"£5m-worth of kit", []string{"£5m = GBP 5000000"}},
	{"It cost Five Million Pounds.", []string{"Five Million Pounds = GBP 5000000"}},
	{"Between 2009 and 2010 £5m was spent.", []string{"£5m = GBP 5000000"}},
	{"The contract (£1.2m) ended; a £3m extension followed.", []string{"£1.2m = GBP 1200000", "£3m = GBP 3000000"}},
	{"It cost £5m\nper month.", []string{"£5m = GBP 5000000"}},
	{"A £1.2bn-a-year budget.", []string{"£1.2bn-a-year = GBP 1200000000 per year"}},
	{"It cost £7.2m.\nIt cost £7.2m.", []string{"£7.2m = GBP 7200000", "£7.2m = GBP 7200000"}},

	// Not money.
	{"leading to millions in lost income", nil},
	{"tens of millions of pounds were wasted", nil},
	{"several million pounds were wasted", nil},
	{"a few million pounds were wasted", nil},
	{"hundreds of millions of pounds", nil},
	{"a multi-million pound contract", nil},
	{"a million patients", nil},
	{"7.2m patients were seen", nil},
	{"2,000 staff were trained", nil},
	{"a 15% rise", nil},
	{"on 6 October 2008", nil},
	{"paper 2007/08/100 and TB2011.07", nil},
	{"in 2009-10 and 2010/11", nil},
	{"the £ sign", nil},
	{"£ £ £", nil},
	{"£x", nil},
	{"£m", nil},
	{"£abc", nil},
	{"£5abc", nil},
	{"£000 (thousands)", nil},
	{"£'000", nil},
	{"£1,5m", nil},
	{"£1.2.3", nil},
	{"£99999999999999999999999", nil},
	{"£9999999999999999bn", nil},
	{"Version 5 pounds", []string{"5 pounds = GBP 5"}},
	{"A380 pounds", nil},
	{"$var and $", nil},
	{"€", nil},
	{"5.5 million patients and 40bn cells", nil},
	{"", nil},
}

func TestFind(t *testing.T) {
	for _, c := range findCases {
		got := Find(c.in)
		checkOffsets(t, c.in, got)
		var gs []string
		for _, a := range got {
			gs = append(gs, show(a))
		}
		if strings.Join(gs, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("Find(%q) = %q; want %q", c.in, gs, c.want)
		}
	}
	if len(findCases) < 100 {
		t.Errorf("only %d cases; want at least 100", len(findCases))
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want string // show() of the result, or "" for an error
	}{
		{"£7.2m", "£7.2m = GBP 7200000"},
		{"  £7.2m ", "£7.2m = GBP 7200000"},
		{"$1bn", "$1bn = USD 1000000000"},
		{"£2,500 per month", "£2,500 per month = GBP 2500 per month"},
		{"£10m-£12m", "£10m-£12m = GBP 10000000 to 12000000"},
		{"between £10m and £12m", "£10m and £12m = GBP 10000000 to 12000000"},
		{"around £5m", "£5m = GBP 5000000 ~"},
		{"3 million pounds", "3 million pounds = GBP 3000000"},
		{"50p", "50p = GBP 0.50"},
		{"", ""},
		{"millions", ""},
		{"£", ""},
		{"£5m and £6m", ""},
		{"£5m extra", ""},
		{"the £5m", ""},
		{"7.2m", ""},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("Parse(%q) = %v; want an error", c.in, show(got))
			} else if !errors.Is(err, ErrNotMoney) {
				t.Errorf("Parse(%q) error %v; want ErrNotMoney", c.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v; want %s", c.in, err, c.want)
			continue
		}
		if show(got) != c.want {
			t.Errorf("Parse(%q) = %s; want %s", c.in, show(got), c.want)
		}
		if c.in[got.Start:got.End] != got.Text {
			t.Errorf("Parse(%q): offsets [%d,%d) do not give %q", c.in, got.Start, got.End, got.Text)
		}
	}
}

func TestNorms(t *testing.T) {
	cases := []struct {
		a    Amount
		want string
	}{
		{Amount{Currency: "GBP", Value: 7200000}, "GBP 7200000"},
		{Amount{Currency: "GBP", Minor: 5}, "GBP 0.05"},
		{Amount{Currency: "GBP", Value: 10, To: 12}, "GBP 10,GBP 12"},
	}
	for _, c := range cases {
		if got := strings.Join(c.a.Norms(), ","); got != c.want {
			t.Errorf("%+v.Norms() = %q; want %q", c.a, got, c.want)
		}
	}
}
