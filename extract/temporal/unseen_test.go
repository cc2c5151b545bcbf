package temporal

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// TestUnseen runs the tagger over paragraphs written for this test (board
// minutes, an NAO-style summary, a news item), not used to build the rules,
// and compares the set of values found with the expected set.
func TestUnseen(t *testing.T) {
	cases := []struct {
		file string
		ref  corpus.Date
		want []string
	}{
		{"board_minutes.txt", corpus.DayDate(2010, 1, 28), []string{
			"2010-01-28", "2009-10-05", "2010-03-22", "2010-03-01", "FY2008-09", "FY2009-10", "2010-02",
			"2010-03-03/2010-03-04", "2009-11", "2009-12", "2010-Q2", "2009-12-17", "2010-02-25"}},
		{"nao_report.txt", corpus.MonthDate(2011, 5), []string{
			"2002", "2010", "2008-05", "2011-03", "2010-summer", "2011-spring", "FY2015-16", "2011-autumn",
			"199X", "FY2009-10", "2014"}},
		{"news.txt", corpus.DayDate(2013, 6, 14), []string{
			"2013-07", "2013-06-13", "2013-07-31", "2013-autumn", "2012", "FY2012-13", "2013-03",
			"2013-06-11", "2018", "2013"}},
	}
	tg := New()
	for _, c := range cases {
		b, err := os.ReadFile(filepath.Join("testdata", "unseen", c.file))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, m := range tg.Tag(string(b), c.ref) {
			got[m.Value] = true
		}
		want := map[string]bool{}
		for _, v := range c.want {
			want[v] = true
		}
		var diff []string
		for v := range got {
			if !want[v] {
				diff = append(diff, "extra "+v)
			}
		}
		for v := range want {
			if !got[v] {
				diff = append(diff, "missing "+v)
			}
		}
		sort.Strings(diff)
		if len(diff) > 0 {
			t.Errorf("%s (ref %v): %s", c.file, c.ref, strings.Join(diff, "; "))
		}
	}
}
