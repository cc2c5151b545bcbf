package format

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
)

// TextBuilder assembles a document's clean text from paragraphs, headings and
// pages, keeping the byte offsets of each. Paragraphs are separated by a blank
// line; white space inside a paragraph is folded to single spaces unless the
// paragraph is added with AddPreformatted.
type TextBuilder struct {
	b        strings.Builder
	pages    []corpus.Span
	inPage   bool
	sections []corpus.Section
	open     []int // indexes into sections still open, by level
	max      int   // byte limit, 0 for none
	over     bool
}

// NewTextBuilder returns a builder that stops adding text past maxBytes (0
// for no limit); Overflowed says whether it did.
func NewTextBuilder(maxBytes int64) *TextBuilder {
	return &TextBuilder{max: int(maxBytes)}
}

// Len is the number of bytes written so far.
func (t *TextBuilder) Len() int { return t.b.Len() }

// Overflowed reports whether text was dropped for the byte limit.
func (t *TextBuilder) Overflowed() bool { return t.over }

// AddParagraph adds a paragraph of running text, folding its white space. It
// returns the span written, empty when the paragraph was blank.
func (t *TextBuilder) AddParagraph(s string) corpus.Span {
	return t.add(FoldSpace(s))
}

// AddPreformatted adds a block whose line breaks matter (a table row set, an
// address), trimming trailing space on each line and dropping blank lines.
func (t *TextBuilder) AddPreformatted(s string) corpus.Span {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		l = strings.TrimRightFunc(FoldSpaceKeepLeading(l), unicode.IsSpace)
		if strings.TrimSpace(l) != "" {
			kept = append(kept, l)
		}
	}
	return t.add(strings.Join(kept, "\n"))
}

// AddHeading adds a heading of the given level (1 highest) as its own
// paragraph and opens a section that runs until the next heading of the same
// or a higher level, or the end of the text.
func (t *TextBuilder) AddHeading(level int, s string) corpus.Span {
	if level < 1 {
		level = 1
	}
	sp := t.AddParagraph(s)
	if sp.End == sp.Start {
		return sp
	}
	t.closeSections(level, sp.Start)
	t.sections = append(t.sections, corpus.Section{Title: t.b.String()[sp.Start:sp.End], Level: level, Span: corpus.Span{Start: sp.Start, End: -1}})
	t.open = append(t.open, len(t.sections)-1)
	return sp
}

func (t *TextBuilder) closeSections(level, at int) {
	for len(t.open) > 0 {
		i := t.open[len(t.open)-1]
		if t.sections[i].Level < level {
			break
		}
		t.sections[i].End = trimEnd(t.b.String(), at)
		t.open = t.open[:len(t.open)-1]
	}
}

// trimEnd moves at back over the paragraph separator before it.
func trimEnd(s string, at int) int {
	for at > 0 && s[at-1] == '\n' {
		at--
	}
	return at
}

// StartPage begins a new page; text added until EndPage belongs to it.
func (t *TextBuilder) StartPage() {
	if t.inPage {
		t.EndPage()
	}
	start := t.b.Len()
	if start > 0 {
		start += 2 // the separator the next paragraph will write
	}
	t.pages = append(t.pages, corpus.Span{Start: start, End: -1})
	t.inPage = true
}

// EndPage ends the current page.
func (t *TextBuilder) EndPage() {
	if !t.inPage {
		return
	}
	p := &t.pages[len(t.pages)-1]
	p.End = t.b.Len()
	if p.End < p.Start { // an empty page: no separator was written
		p.Start = p.End
	}
	t.inPage = false
}

func (t *TextBuilder) add(s string) corpus.Span {
	if s == "" || t.over {
		n := t.b.Len()
		return corpus.Span{Start: n, End: n}
	}
	if t.b.Len() > 0 {
		t.b.WriteString("\n\n")
	}
	if t.max > 0 && t.b.Len()+len(s) > t.max {
		s = truncateUTF8(s, t.max-t.b.Len())
		t.over = true
	}
	start := t.b.Len()
	t.b.WriteString(s)
	return corpus.Span{Start: start, End: t.b.Len()}
}

func truncateUTF8(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Fill stores the text, pages and sections in d.
func (t *TextBuilder) Fill(d *corpus.Document) {
	t.EndPage()
	t.closeSections(1, t.b.Len())
	d.Text = t.b.String()
	d.Pages = t.pages
	d.Sections = t.sections
}

// FoldSpace trims s and folds each run of white space (including NBSP and
// other Unicode spaces) to one ASCII space; control characters are dropped.
func FoldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			// keep: the text had a bad byte; show it rather than hide it
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			space = true
		case unicode.IsControl(r) || r == '\u00ad':
			// soft hyphen and controls carry no text
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldSpaceKeepLeading folds white space like FoldSpace but keeps a line's
// leading indentation (as spaces), for preformatted blocks.
func FoldSpaceKeepLeading(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i == 0 {
		return FoldSpace(s)
	}
	return strings.Repeat(" ", i) + FoldSpace(s[i:])
}
