package format

import (
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want corpus.Date
		ok   bool
	}{
		{"2009", corpus.YearDate(2009), true},
		{"2009-03", corpus.MonthDate(2009, time.March), true},
		{"2009-03-14", corpus.DayDate(2009, time.March, 14), true},
		{"20090314", corpus.DayDate(2009, time.March, 14), true},
		{"2009-03-14 09:30", corpus.DayDate(2009, time.March, 14), true},
		// ISO 8601 with seconds, fractions and zones, as JSON-LD and
		// article:published_time write them.
		{"2011-09-22T18:01:00Z", corpus.DayDate(2011, time.September, 22), true},
		{"2016-10-31T09:30:00+00:00", corpus.DayDate(2016, time.October, 31), true},
		{"2012-01-19T09:30:00", corpus.DayDate(2012, time.January, 19), true},
		{"2009-03-14T09:30:00.000+01:00", corpus.DayDate(2009, time.March, 14), true},
		{"2009-03-14T09:30", corpus.DayDate(2009, time.March, 14), true},
		{"2010/06/16 10:21:33", corpus.DayDate(2010, time.June, 16), true},
		{"Tue, 14 Mar 2009 10:00:00 GMT", corpus.DayDate(2009, time.March, 14), true},
		{"14 March 2009", corpus.DayDate(2009, time.March, 14), true},
		{"March 14, 2009", corpus.DayDate(2009, time.March, 14), true},
		{"14/03/2009", corpus.DayDate(2009, time.March, 14), true},
		{"", corpus.Date{}, false},
		{"2009-02-30T10:00:00Z", corpus.Date{}, false},
		{"2009-03-14T09:30:00Z and more words", corpus.Date{}, false},
		{"not a date", corpus.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindDateISOWithTime(t *testing.T) {
	tests := []struct {
		in   string
		want corpus.Date
	}{
		{"updated 2011-09-22T18:01:00Z by the desk", corpus.DayDate(2011, time.September, 22)},
		{"on 2009/03/14 at noon", corpus.DayDate(2009, time.March, 14)},
	}
	for _, tt := range tests {
		got, _, _, ok := FindDate(tt.in)
		if !ok || got != tt.want {
			t.Errorf("FindDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}
