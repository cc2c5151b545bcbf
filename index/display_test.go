package index

import (
	"testing"

	"github.com/nhs-trawl/trawl/extract/temporal"
)

func TestDisplayDateAndEDTF(t *testing.T) {
	for _, tt := range []struct {
		norm    string
		approx  bool
		display string
		edtf    string
	}{
		{"2008-10-06", false, "6 October 2008", "2008-10-06"},
		{"2008-06", false, "June 2008", "2008-06"},
		{"2008-06", true, "June 2008", "2008-06~"},
		{"2010", false, "2010", "2010"},
		{"2009-autumn", false, "autumn 2009", "2009-23"},
		{"2009-spring", false, "spring 2009", "2009-21"},
		{"2009-winter", true, "winter 2009", "2009-24~"},
		{"2009-Q3", false, "Q3 2009", "2009-35"},
		{"2009-Q1", false, "Q1 2009", "2009-33"},
		{"FY2008-09", false, "financial year 2008/09", "2008-04/2009-03"},
		{"2010-W09", false, "week 9 of 2010", "2010-03-01/2010-03-07"},
		{"2011-05-03/2011-05-04", false, "3–4 May 2011", "2011-05-03/2011-05-04"},
		{"2011-04-29/2011-05-04", false, "29 April – 4 May 2011", "2011-04-29/2011-05-04"},
		{"199X", false, "the 1990s", "199X"},
		{"soon", false, "soon", ""},
	} {
		if got := DisplayDate(tt.norm); got != tt.display {
			t.Errorf("DisplayDate(%q) = %q; want %q", tt.norm, got, tt.display)
		}
		if got := EDTF(tt.norm, tt.approx); got != tt.edtf {
			t.Errorf("EDTF(%q, %v) = %q; want %q", tt.norm, tt.approx, got, tt.edtf)
		}
	}
}

func TestDateKeysAgreeWithTemporal(t *testing.T) {
	dates := []string{"2008", "2008-06", "2008-06-01", "2008-Q2", "2008-spring", "FY2008-09", "2008-W23", "200X",
		"2008-06-01/2008-06-03", "junk", "", "2009-autumn", "2009-09"}
	cmp := newDateKeys().compare
	for _, a := range dates {
		for _, b := range dates {
			want := temporal.Compare(a, b)
			if got := cmp(a, b); (got < 0) != (want < 0) || (got > 0) != (want > 0) {
				t.Errorf("dateKeys.compare(%q, %q) = %d; temporal.Compare = %d", a, b, got, want)
			}
		}
	}
}
