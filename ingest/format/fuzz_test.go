package format

import (
	"testing"
	"unicode/utf8"
)

// FuzzDates runs the metadata date parsers on any input: no panic, spans
// inside the input, and only valid calendar dates.
func FuzzDates(f *testing.F) {
	for _, s := range []string{
		"2009-03-14T09:30:00Z", "14 March 2009", "March 14, 2009", "14/03/2009", "Sat, 14 Mar 2009 10:00:00 GMT",
		"Published: 19 January 2012 | 10:21", "https://www.digitalhealth.net/2009/03/next-go-live/", "/news/20090314/x",
		"31/02/2009", "99-99-9999", "Sept 2009", "2009", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseDate(s); ok && !d.Valid() {
			t.Errorf("ParseDate(%q) = invalid %#v", s, d)
		}
		if d, start, end, ok := FindDate(s); ok {
			if start < 0 || end > len(s) || start >= end || !d.Valid() || d.IsZero() {
				t.Errorf("FindDate(%q) = %v [%d,%d)", s, d, start, end)
			}
		}
		if d, ok := DateFromURL(s); ok && !d.Valid() {
			t.Errorf("DateFromURL(%q) = invalid %#v", s, d)
		}
		if d, ok := FindDateline(s, 10); ok && !d.Valid() {
			t.Errorf("FindDateline(%q) = invalid %#v", s, d)
		}
		if utf8.ValidString(s) {
			if got := FoldSpace(s); !utf8.ValidString(got) {
				t.Errorf("FoldSpace(%q) = invalid UTF-8", s)
			}
		}
	})
}
