package money

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedTexts returns the table inputs and the texts under testdata.
func seedTexts(f *testing.F) []string {
	f.Helper()
	var seeds []string
	for _, c := range findCases {
		seeds = append(seeds, c.in)
	}
	for _, dir := range []string{"dev", "unseen"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, string(b))
		}
	}
	return append(seeds, "£", "£1-", "£1-£", "between £", "£1 per", "£1 a", "half a million", "1,000,", "£1.", "$$1", "US$", "GBP", "£1e9")
}

func FuzzFind(f *testing.F) {
	for _, s := range seedTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Find(text)
		last := 0
		for _, a := range got {
			if a.Start < last || a.End <= a.Start || a.End > len(text) {
				t.Fatalf("Find(%q): bad offsets [%d,%d) after %d", text, a.Start, a.End, last)
			}
			last = a.End
			if a.Text != text[a.Start:a.End] {
				t.Fatalf("Find(%q): Text %q != text[%d:%d]", text, a.Text, a.Start, a.End)
			}
			if len(a.Currency) != 3 || a.Value < 0 || a.Minor < 0 || a.Minor > 99 ||
				(a.To != 0 && a.To < a.Value) || strings.ContainsAny(a.Per, " \t\n") {
				t.Fatalf("Find(%q): bad amount %+v", text, a)
			}
			if utf8.ValidString(text) && !utf8.ValidString(a.Text) {
				t.Fatalf("Find(%q): Text %q splits a character", text, a.Text)
			}
			// A single amount reads the same alone. ("between X and Y" needs
			// the word before it, so ranges are left out.)
			if a.To != 0 {
				continue
			}
			p, err := Parse(a.Text)
			if err != nil {
				t.Fatalf("Find(%q) gave %s but Parse(%q): %v", text, show(a), a.Text, err)
			}
			if p.Norm() != a.Norm() || p.Per != a.Per || p.To != a.To {
				t.Fatalf("Find(%q) gave %s but Parse(%q) = %s", text, show(a), a.Text, show(p))
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, c := range findCases {
		for _, w := range c.want {
			text, _, _ := strings.Cut(w, " = ")
			f.Add(text)
		}
	}
	for _, s := range []string{"", "£", "£7.2m", "around £5m", "£10m-£12m", "£x", "50p", "£5m extra"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			return
		}
		if a.Start < 0 || a.End > len(s) || a.Start >= a.End || s[a.Start:a.End] != a.Text {
			t.Fatalf("Parse(%q): bad offsets [%d,%d) for %q", s, a.Start, a.End, a.Text)
		}
		if strings.TrimSpace(s[a.End:]) != "" {
			t.Fatalf("Parse(%q) = %s leaves %q", s, show(a), s[a.End:])
		}
		got := Find(s)
		if len(got) != 1 || got[0].Norm() != a.Norm() || got[0].To != a.To || got[0].Per != a.Per || got[0].Approx != a.Approx {
			t.Fatalf("Parse(%q) = %s but Find gives %v", s, show(a), got)
		}
	})
}
