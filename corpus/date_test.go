package corpus

import (
	"encoding/json"
	"sort"
	"testing"
)

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
		p    Precision
	}{
		{Date{}, "", PrecisionUnknown},
		{YearDate(2009), "2009", PrecisionYear},
		{MonthDate(2008, 6), "2008-06", PrecisionMonth},
		{DayDate(2008, 10, 6), "2008-10-06", PrecisionDay},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.d, got, tt.want)
		}
		if got := tt.d.Precision(); got != tt.p {
			t.Errorf("%#v.Precision() = %v; want %v", tt.d, got, tt.p)
		}
		back, err := ParseDate(tt.want)
		if err != nil || back != tt.d {
			t.Errorf("ParseDate(%q) = %#v, %v; want %#v", tt.want, back, err, tt.d)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	for _, s := range []string{"2009-13", "2009-02-30", "09-01-01", "2009-1", "2009-01-01-01", "abcd", "2009-00", "0000", "2009-06-00", "-2009"} {
		if d, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, nil; want an error", s, d)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		D Date `json:"d"`
	}
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{}, `{"d":null}`},
		{MonthDate(2009, 3), `{"d":"2009-03"}`},
		{DayDate(2012, 1, 19), `{"d":"2012-01-19"}`},
	} {
		b, err := json.Marshal(wrap{tt.d})
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.d, b, err, tt.want)
		}
		var w wrap
		if err := json.Unmarshal(b, &w); err != nil || w.D != tt.d {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", b, w.D, err, tt.d)
		}
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"d":"2009-02-30"}`), &w); err == nil {
		t.Errorf("Unmarshal of 2009-02-30 succeeded; want an error")
	}
}

func TestDateCompareKeepsPrecision(t *testing.T) {
	ds := []Date{{}, DayDate(2008, 6, 1), MonthDate(2008, 6), YearDate(2008), DayDate(2008, 5, 31), YearDate(2009)}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Compare(ds[j]) < 0 })
	want := []string{"2008", "2008-05-31", "2008-06", "2008-06-01", "2009", ""}
	for i, d := range ds {
		if d.String() != want[i] {
			t.Fatalf("sorted = %v; want %v", ds, want)
		}
	}
}

func TestPageAt(t *testing.T) {
	d := &Document{Text: "aaaa\n\nbbbb\n\ncccc", Pages: []Span{{0, 4}, {6, 10}, {12, 16}}}
	for _, tt := range []struct{ off, want int }{{0, 1}, {3, 1}, {4, 0}, {6, 2}, {12, 3}, {15, 3}, {16, 0}, {-1, 0}} {
		if got := d.PageAt(tt.off); got != tt.want {
			t.Errorf("PageAt(%d) = %d; want %d", tt.off, got, tt.want)
		}
	}
}
