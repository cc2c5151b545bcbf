package format

import (
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestTextBuilderStructure(t *testing.T) {
	b := NewTextBuilder(0)
	b.StartPage()
	b.AddHeading(1, "Trust Board")
	b.AddParagraph("  Meeting   held\n in public ")
	b.AddHeading(2, "7.2 EPR")
	b.AddParagraph("")
	b.StartPage()
	b.AddParagraph("Page two text")
	b.AddHeading(1, "Finance")
	b.AddPreformatted("Item | £m\n\n  Cost | 7.2  \n")
	var d corpus.Document
	b.Fill(&d)

	want := "Trust Board\n\nMeeting held in public\n\n7.2 EPR\n\nPage two text\n\nFinance\n\nItem | £m\n  Cost | 7.2"
	if d.Text != want {
		t.Fatalf("Text = %q; want %q", d.Text, want)
	}
	page := func(i int) string { return d.Text[d.Pages[i].Start:d.Pages[i].End] }
	if len(d.Pages) != 2 || page(0) != "Trust Board\n\nMeeting held in public\n\n7.2 EPR" || !strings.HasPrefix(page(1), "Page two text") || !strings.HasSuffix(page(1), "7.2") {
		t.Errorf("pages = %+v (%q, %q)", d.Pages, page(0), page(1))
	}
	secs := map[string]string{}
	for _, s := range d.Sections {
		secs[s.Title] = d.Text[s.Start:s.End]
	}
	if got := secs["Trust Board"]; got != "Trust Board\n\nMeeting held in public\n\n7.2 EPR\n\nPage two text" {
		t.Errorf("section Trust Board = %q", got)
	}
	if got := secs["7.2 EPR"]; got != "7.2 EPR\n\nPage two text" {
		t.Errorf("section 7.2 EPR = %q", got)
	}
	if got := secs["Finance"]; !strings.HasPrefix(got, "Finance") || !strings.HasSuffix(got, "7.2") {
		t.Errorf("section Finance = %q", got)
	}
	d.ID, d.Kind = strings.Repeat("a", 64), corpus.KindReport
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

func TestTextBuilderLimit(t *testing.T) {
	b := NewTextBuilder(10)
	b.AddParagraph("abcdef")
	b.AddParagraph("£££££") // would cross the limit inside a rune
	b.AddParagraph("never")
	var d corpus.Document
	b.Fill(&d)
	if !b.Overflowed() || len(d.Text) > 10 || strings.Contains(d.Text, "never") {
		t.Errorf("Text = %q, overflowed %v; want at most 10 bytes", d.Text, b.Overflowed())
	}
	if !strings.HasPrefix(d.Text, "abcdef\n\n") || strings.ContainsRune(d.Text, '\ufffd') {
		t.Errorf("Text = %q; want whole runes only", d.Text)
	}
}

func TestFoldSpace(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"  a \t b\n\nc ", "a b c"},
		{"a\u00a0b\u2009c", "a b c"},
		{"soft\u00adhyphen", "softhyphen"},
		{"zero\u200bwidth", "zero width"},
		{"\x00ctl\x07", "ctl"},
		{"", ""},
	} {
		if got := FoldSpace(tt.in); got != tt.want {
			t.Errorf("FoldSpace(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
