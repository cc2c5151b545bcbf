package htmldoc

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Quality floors on testdata/pages (see its README.md for how the pages and
// their gold were made and how they are scored).
const (
	minMeanF1       = 0.92
	minDateAccuracy = 0.93
)

// fixture is one page of testdata/pages/manifest.json.
type fixture struct {
	File            string `json:"file"`
	Gold            string `json:"gold"`
	Title           string `json:"title"`
	Published       string `json:"published"` // "", "2009", "2009-03" or "2009-03-14": value and precision
	PublishedSource string `json:"published_source"`
	Encoding        string `json:"encoding"`
	URL             string `json:"url"`
}

func loadFixtures(tb testing.TB) []fixture {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", "manifest.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var fs []fixture
	if err := json.Unmarshal(b, &fs); err != nil {
		tb.Fatalf("manifest.json: %v", err)
	}
	return fs
}

func readFixture(tb testing.TB, name string) *corpus.Document {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		tb.Fatal(err)
	}
	d, err := New().Read(context.Background(), format.Input{Path: name, Data: data, Limits: format.DefaultLimits()})
	if err != nil {
		tb.Fatalf("Read(%s) error = %v", name, err)
	}
	return d
}

// tokens splits text into lower-case words: maximal runs of letters and
// digits. Punctuation, white space and paragraph breaks are not tokens.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// bagF1 is the bag-of-words F1 of got against want: the overlap counts each
// token min(count in got, count in want) times; precision is overlap/|got|,
// recall overlap/|want|. Two empty texts score 1.
func bagF1(got, want string) (p, r, f1 float64) {
	g, w := tokens(got), tokens(want)
	if len(g) == 0 && len(w) == 0 {
		return 1, 1, 1
	}
	counts := map[string]int{}
	for _, t := range w {
		counts[t]++
	}
	overlap := 0
	for _, t := range g {
		if counts[t] > 0 {
			counts[t]--
			overlap++
		}
	}
	if overlap == 0 {
		return 0, 0, 0
	}
	p = float64(overlap) / float64(len(g))
	r = float64(overlap) / float64(len(w))
	return p, r, 2 * p * r / (p + r)
}

func TestBagF1(t *testing.T) {
	tests := []struct {
		got, want string
		f1        float64
	}{
		{"", "", 1},
		{"a b c", "a b c", 1},
		{"A, b. C!", "a b c", 1},
		{"a b", "a b c d", 2 * 1 * 0.5 / 1.5},
		{"x y", "a b", 0},
		{"a a a", "a", 0.5},
	}
	for _, tt := range tests {
		if _, _, f := bagF1(tt.got, tt.want); f < tt.f1-1e-9 || f > tt.f1+1e-9 {
			t.Errorf("bagF1(%q, %q) = %.3f; want %.3f", tt.got, tt.want, f, tt.f1)
		}
	}
}

// TestFixtureQuality scores body extraction (mean bag-of-words F1 per page)
// and published dates (exact value and precision) on testdata/pages.
func TestFixtureQuality(t *testing.T) {
	fs := loadFixtures(t)
	if len(fs) < 30 {
		t.Errorf("%d fixture pages; want at least 30", len(fs))
	}
	var sumF1 float64
	dateOK, titleOK := 0, 0
	for _, f := range fs {
		d := readFixture(t, f.File)
		gold, err := os.ReadFile(filepath.Join("testdata", "pages", f.Gold))
		if err != nil {
			t.Fatal(err)
		}
		p, r, f1 := bagF1(d.Text, string(gold))
		sumF1 += f1
		if f1 < 0.85 {
			t.Logf("%s: F1 %.3f (P %.3f R %.3f)", f.File, f1, p, r)
		}
		if got := d.Published.String(); got == f.Published {
			dateOK++
		} else {
			t.Logf("%s: published %q (%s); want %q (%s)", f.File, got, d.PublishedSource, f.Published, f.PublishedSource)
		}
		if d.Title == f.Title {
			titleOK++
		} else {
			t.Logf("%s: title %q; want %q", f.File, d.Title, f.Title)
		}
	}
	n := float64(len(fs))
	meanF1, dateAcc := sumF1/n, float64(dateOK)/n
	t.Logf("%d pages: body mean F1 %.3f, published date accuracy %.3f (%d/%d), title accuracy %.3f", len(fs), meanF1, dateAcc, dateOK, len(fs), float64(titleOK)/n)
	if meanF1 < minMeanF1 {
		t.Errorf("body mean F1 = %.3f; want >= %.2f", meanF1, minMeanF1)
	}
	if dateAcc < minDateAccuracy {
		t.Errorf("published date accuracy = %.3f; want >= %.2f", dateAcc, minDateAccuracy)
	}
}

func mustRead(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
