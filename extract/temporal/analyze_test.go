package temporal

import (
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestAnalyzeUnresolved(t *testing.T) {
	tg := New()
	text := "He said yesterday that the trust went live last June and will finish in 2010."
	cases := []struct {
		ref                  corpus.Date
		mentions, unresolved string
		refUnknown           bool
	}{
		{corpus.Date{}, "2010", "yesterday, last June", true},
		{corpus.YearDate(2009), "2010", "yesterday, last June", false},
		{corpus.MonthDate(2009, 3), "2008-06*, 2010", "yesterday", false},
		{corpus.DayDate(2009, 3, 12), "2009-03-11*, 2008-06*, 2010", "", false},
	}
	for _, c := range cases {
		res := tg.Analyze(text, c.ref)
		var un []string
		for _, m := range res.Unresolved {
			un = append(un, m.Text)
		}
		if got := render(res.Mentions); got != c.mentions {
			t.Errorf("Analyze(ref %v).Mentions = %q; want %q", c.ref, got, c.mentions)
		}
		if got := join(un); got != c.unresolved {
			t.Errorf("Analyze(ref %v).Unresolved = %q; want %q", c.ref, got, c.unresolved)
		}
		if res.RefUnknown != c.refUnknown {
			t.Errorf("Analyze(ref %v).RefUnknown = %v; want %v", c.ref, res.RefUnknown, c.refUnknown)
		}
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

func TestParseValueCompare(t *testing.T) {
	for _, c := range []struct {
		in         string
		typ        Type
		start, end string
	}{
		{"2008-10-06", Day, "2008-10-06", "2008-10-07"},
		{"2008-06", Month, "2008-06-01", "2008-07-01"},
		{"2010", Year, "2010-01-01", "2011-01-01"},
		{"2010-W09", Week, "2010-03-01", "2010-03-08"},
		{"2009-W53", Week, "2009-12-28", "2010-01-04"},
		{"2009-autumn", Season, "2009-09-01", "2009-12-01"},
		{"2009-winter", Season, "2009-12-01", "2010-03-01"},
		{"2009-Q3", Quarter, "2009-07-01", "2009-10-01"},
		{"FY2008-09", FinancialYear, "2008-04-01", "2009-04-01"},
		{"FY1999-00", FinancialYear, "1999-04-01", "2000-04-01"},
		{"2011-05-03/2011-05-04", Span, "2011-05-03", "2011-05-05"},
		{"199X", Decade, "1990-01-01", "2000-01-01"},
	} {
		v, err := ParseValue(c.in)
		if err != nil {
			t.Errorf("ParseValue(%q): %v", c.in, err)
			continue
		}
		if v.Type != c.typ || v.Start.Format("2006-01-02") != c.start || v.End.Format("2006-01-02") != c.end {
			t.Errorf("ParseValue(%q) = %v %s..%s; want %v %s..%s", c.in, v.Type, v.Start.Format("2006-01-02"),
				v.End.Format("2006-01-02"), c.typ, c.start, c.end)
		}
	}
	for _, bad := range []string{"", "2008-13", "2008-02-30", "FY2008-10", "2010-W54", "2009-Q5", "20", "2009-fall", "x/y"} {
		if _, err := ParseValue(bad); err == nil {
			t.Errorf("ParseValue(%q) = nil error; want an error", bad)
		}
	}
	order := []string{"199X", "2008", "FY2008-09", "2008-06", "2008-06-01", "2008-06-02/2008-06-03", "2008-06-02", "2009-autumn", "zzz"}
	for i := 0; i+1 < len(order); i++ {
		if c := Compare(order[i], order[i+1]); c >= 0 {
			t.Errorf("Compare(%q, %q) = %d; want < 0", order[i], order[i+1], c)
		}
		if c := Compare(order[i+1], order[i]); c <= 0 {
			t.Errorf("Compare(%q, %q) = %d; want > 0", order[i+1], order[i], c)
		}
	}
}

func TestCalendar(t *testing.T) {
	for z := civil(1899, 1, 1); z < civil(2101, 1, 1); z += 13 {
		y, m, d := fromCivil(z)
		if civil(y, m, d) != z {
			t.Fatalf("civil(fromCivil(%d)) = %d", z, civil(y, m, d))
		}
	}
	if got := fmtDayZ(easter(2010)); got != "2010-04-04" {
		t.Errorf("easter(2010) = %s; want 2010-04-04", got)
	}
	if got := fmtWeek(civil(2012, 1, 1)); got != "2011-W52" {
		t.Errorf("week of 2012-01-01 = %s; want 2011-W52", got)
	}
}

// TestConcurrent shares one Tagger between goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	tg := New()
	want := render(tg.Tag(benchText(8<<10), corpus.MonthDate(2009, 3)))
	done := make(chan string, 4)
	for i := 0; i < 4; i++ {
		go func() { done <- render(tg.Tag(benchText(8<<10), corpus.MonthDate(2009, 3))) }()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; got != want {
			t.Errorf("concurrent Tag differs from serial Tag")
		}
	}
}
