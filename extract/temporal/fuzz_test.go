package temporal

import (
	"os"
	"path/filepath"
	"testing"
	gotime "time"

	"github.com/nhs-trawl/trawl/corpus"
)

// FuzzTag checks that no input panics and that mentions are well formed:
// offsets in range, in order and non-overlapping, Text == text[Start:End],
// values parse as their type.
func FuzzTag(f *testing.F) {
	for _, c := range tagCases {
		f.Add(c.in, 2009, 3, 12)
	}
	if docs, _ := filepath.Glob(filepath.Join("testdata", "dev", "docs", "*.txt")); len(docs) > 0 {
		for _, p := range docs {
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(string(b), 2008, 11, 0)
			}
		}
	}
	f.Add("12/2008-09.3 2007/08/100 FY09/10 Q3 2009/10 3-4 May 1990s £2,009", 2010, 0, 0)
	tg := New()
	f.Fuzz(func(t *testing.T, text string, y, m, d int) {
		ref := corpus.Date{Year: y % 3000, Month: 0, Day: 0}
		if m >= 1 && m <= 12 {
			ref.Month = gotime.Month(m)
			if d >= 1 && d <= 28 {
				ref.Day = d
			}
		}
		done := make(chan Result, 1)
		go func() { done <- tg.Analyze(text, ref) }()
		var res Result
		select {
		case res = <-done:
		case <-gotime.After(5 * gotime.Second):
			t.Fatalf("Analyze(%q, %v) did not finish in 5s", text, ref)
		}
		prev := 0
		for _, ms := range [][]Mention{res.Mentions} {
			for _, mn := range ms {
				if mn.Start < prev || mn.End <= mn.Start || mn.End > len(text) {
					t.Fatalf("bad offsets %d-%d (prev end %d, len %d) in %q", mn.Start, mn.End, prev, len(text), text)
				}
				if text[mn.Start:mn.End] != mn.Text {
					t.Fatalf("Text %q != text[%d:%d]", mn.Text, mn.Start, mn.End)
				}
				v, err := ParseValue(mn.Value)
				if err != nil || v.Type != mn.Type {
					t.Fatalf("value %q (type %v) of %q does not parse as its type: %v", mn.Value, mn.Type, mn.Text, err)
				}
				prev = mn.End
			}
		}
		for _, mn := range res.Unresolved {
			if mn.End > len(text) || mn.Start >= mn.End || text[mn.Start:mn.End] != mn.Text || mn.Value != "" {
				t.Fatalf("bad unresolved mention %+v", mn)
			}
		}
	})
}
