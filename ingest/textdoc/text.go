package textdoc

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Reader reads plain text (.txt) and Markdown (.md, .markdown).
type Reader struct{}

var _ format.Reader = (*Reader)(nil)

// New returns a text and Markdown reader.
func New() *Reader { return &Reader{} }

// Name is the reader's name and version.
func (*Reader) Name() string { return "text/1" }

const (
	maxTitleLine  = 120 // a first line longer than this is not a title
	datelineLines = 12  // lines searched for a dateline
)

// Read reads one text or Markdown file; the extension of in.Path (or a
// text/markdown content type) says which.
func (rd *Reader) Read(ctx context.Context, in format.Input) (*corpus.Document, error) {
	if err := format.CheckSize(in); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	text, enc, err := decode(in.Data)
	if err != nil {
		return nil, err
	}
	text = normaliseNewlines(text)
	d := &corpus.Document{Format: corpus.FormatText, Reader: rd.Name()}
	if enc != "" {
		d.Warnings = append(d.Warnings, "decoded as "+enc)
	}
	tb := format.NewTextBuilder(in.Limits.MaxTextBytes)
	var title string
	if isMarkdown(in) {
		d.Format = corpus.FormatMarkdown
		fm, body := frontMatter(text)
		title, err = markdown(ctx, tb, body)
		if err != nil {
			return nil, err
		}
		if fm.title != "" {
			title = fm.title
		}
		d.Authors = fm.authors
		if !fm.date.IsZero() {
			d.Published, d.PublishedSource = fm.date, corpus.DateFromMeta
		}
	} else {
		title, err = plain(ctx, tb, text)
		if err != nil {
			return nil, err
		}
	}
	tb.Fill(d)
	if tb.Overflowed() {
		d.Warnings = append(d.Warnings, "text truncated at the size limit")
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, format.Reject(format.ErrNoText, "the file holds only white space")
	}
	if title == "" {
		title = firstLineTitle(d.Text)
	}
	d.Title = title
	if d.Published.IsZero() {
		if date, ok := format.FindDateline(d.Text, datelineLines); ok {
			d.Published, d.PublishedSource = date, corpus.DateFromDateline
		}
	}
	// A board paper or minutes: the meeting's date on its title page beats a
	// dateline, which may be the date the paper was written.
	format.ApplyMeeting(d)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

func isMarkdown(in format.Input) bool {
	switch strings.ToLower(filepath.Ext(in.Path)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	case ".txt", ".text":
		return false
	}
	return strings.HasPrefix(strings.ToLower(in.ContentType), "text/markdown")
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode returns the text of data and, when it was not UTF-8, the encoding
// it was read as. UTF-8 and UTF-16 are recognised by their byte order mark
// (UTF-16 without one by its zero bytes); bytes that are not UTF-8 are read
// as windows-1252, the superset of ISO-8859-1 that Windows writes. Binary
// data is rejected.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD"), "", checkBinary(data[3:])
	case bytes.HasPrefix(data, bomUTF16LE):
		return utf16(data, xunicode.LittleEndian, xunicode.ExpectBOM, "UTF-16LE")
	case bytes.HasPrefix(data, bomUTF16BE):
		return utf16(data, xunicode.BigEndian, xunicode.ExpectBOM, "UTF-16BE")
	}
	if e := guessUTF16(data); e >= 0 {
		if e == 0 {
			return utf16(data, xunicode.LittleEndian, xunicode.IgnoreBOM, "UTF-16LE")
		}
		return utf16(data, xunicode.BigEndian, xunicode.IgnoreBOM, "UTF-16BE")
	}
	if err := checkBinary(data); err != nil {
		return "", "", err
	}
	if utf8.Valid(data) {
		return string(data), "", nil
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte has a mapping
		return strings.ToValidUTF8(string(data), "\uFFFD"), "", nil
	}
	return string(s), "windows-1252", nil
}

func utf16(data []byte, order xunicode.Endianness, bom xunicode.BOMPolicy, name string) (string, string, error) {
	if len(data)%2 == 1 {
		data = data[:len(data)-1] // a truncated last code unit
	}
	s, err := xunicode.UTF16(order, bom).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", format.Reject(format.ErrCorrupt, "%s text: %v", name, err)
	}
	if strings.ContainsRune(string(s), 0) {
		return "", "", format.Reject(format.ErrNotFormat, "binary data (NUL characters) in %s text", name)
	}
	return string(s), name, nil
}

// guessUTF16 spots UTF-16 text saved without a byte order mark: mostly ASCII,
// so every other byte is zero. It returns 0 for little-endian, 1 for
// big-endian, -1 for neither.
func guessUTF16(data []byte) int {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return -1
	}
	var zeroEven, zeroOdd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			zeroEven++
		}
		if data[i+1] == 0 {
			zeroOdd++
		}
	}
	half := n / 2
	switch {
	case zeroOdd > half*9/10 && zeroEven < half/10:
		return 0
	case zeroEven > half*9/10 && zeroOdd < half/10:
		return 1
	}
	return -1
}

// checkBinary rejects data with NUL bytes or many control characters.
func checkBinary(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return format.Reject(format.ErrNotFormat, "binary data (a NUL byte at offset %d), not text", i)
	}
	n := min(len(data), 8192)
	ctrl := 0
	for _, c := range data[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1a {
			ctrl++
		}
	}
	if ctrl > 8 && ctrl*20 > n {
		return format.Reject(format.ErrNotFormat, "binary data (%d control bytes in the first %d), not text", ctrl, n)
	}
	return nil
}

func normaliseNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// Plain text.

var (
	// "- item", "* item", "• item", "1. item", "(a) item", "iv) item"
	reListItem = regexp.MustCompile(`^\s*(?:[-*•·–▪o]\s+|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s+)`)
	// a numbered heading: "1. PURPOSE", "2.3 Costs", "TB19/052 Finance"
	reNumbered = regexp.MustCompile(`^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]{1,4}\d{2}/\d{2,4}|[A-Z]\.|[IVX]{1,5}\.)\s+\S`)
	reSetext   = regexp.MustCompile(`^\s{0,3}(?:=+|-+)\s*$`)
)

// plain lays out plain text: paragraphs are separated by blank lines, and
// their lines joined, unless the block reads as a list or a table. Form
// feeds (as pdftotext writes) start new pages. Headings are lines underlined
// with === or ---, and short single-line blocks in capitals or numbered
// ("2. Background"). It returns the first heading as the title.
func plain(ctx context.Context, tb *format.TextBuilder, text string) (string, error) {
	pages := strings.Split(text, "\f")
	paged := len(pages) > 1
	var title string
	for _, page := range pages {
		if paged {
			tb.StartPage()
		}
		blocks := splitBlocks(page)
		for i, b := range blocks {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if level, head, rest, ok := plainHeading(b, i+1 < len(blocks)); ok {
				tb.AddHeading(level, head)
				if title == "" {
					title = format.FoldSpace(head)
				}
				b = rest
				if len(b) == 0 {
					continue
				}
			}
			if isTable(b) {
				tb.AddPreformatted(strings.Join(cells(b), "\n"))
			} else if preformatted(b) {
				tb.AddPreformatted(strings.Join(b, "\n"))
			} else {
				tb.AddParagraph(strings.Join(b, " "))
			}
		}
		if paged {
			tb.EndPage()
		}
	}
	return title, nil
}

// splitBlocks splits text into blocks of non-blank lines.
func splitBlocks(text string) [][]string {
	var blocks [][]string
	var cur []string
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// plainHeading finds a heading at the top of a block: a line underlined
// with === (level 1) or --- (level 2), or a block of one short line that is
// in capitals or numbered, with more text after it.
func plainHeading(b []string, more bool) (level int, head string, rest []string, ok bool) {
	if len(b) >= 2 && reSetext.MatchString(b[1]) && len(strings.TrimSpace(b[0])) <= maxTitleLine && !reSetext.MatchString(b[0]) {
		level = 2
		if strings.Contains(b[1], "=") {
			level = 1
		}
		return level, b[0], b[2:], true
	}
	if len(b) != 1 || !more {
		return 0, "", nil, false
	}
	line := strings.TrimSpace(b[0])
	if len(line) > 80 || strings.ContainsAny(line[len(line)-1:], ".,;:!?") || hasColumns(line) {
		return 0, "", nil, false
	}
	if m := reNumbered.FindString(line); m != "" {
		if words := strings.Fields(line); len(words) <= 12 {
			return 2, line, nil, true
		}
	}
	if capitals(line) {
		return 2, line, nil, true
	}
	return 0, "", nil, false
}

// capitals reports whether s has at least four letters, all upper case.
func capitals(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 4
}

// preformatted says whether a block's line breaks matter: a list, a table,
// or short lines such as an address or a signature.
func preformatted(b []string) bool {
	if len(b) < 2 {
		return false
	}
	lists, cols, short := 0, 0, 0
	for _, l := range b {
		if reListItem.MatchString(l) {
			lists++
		}
		if hasColumns(strings.TrimSpace(l)) {
			cols++
		}
		if len(strings.TrimSpace(l)) < 40 {
			short++
		}
	}
	n := len(b)
	return lists > 0 && reListItem.MatchString(b[0]) || lists*2 >= n || cols*2 >= n || short == n
}

// hasColumns says whether a line has two columns: a tab, a pipe between
// words, or a run of three or more spaces between words.
func hasColumns(l string) bool {
	if !strings.Contains(l, "\t") && !strings.Contains(l, "   ") && !strings.Contains(l, " | ") {
		return false // the common case, without a regexp
	}
	return reColumns.MatchString(l)
}

var reColumns = regexp.MustCompile(`\S(?:\t+| {3,}| \| )\S`)

var reGap = regexp.MustCompile(`\t+ *| {2,}`)

// isTable says whether most lines of a block have columns.
func isTable(b []string) bool {
	cols := 0
	for _, l := range b {
		if hasColumns(strings.TrimSpace(l)) {
			cols++
		}
	}
	return len(b) >= 2 && cols*2 >= len(b) && !reListItem.MatchString(b[0])
}

// cells rewrites the gaps between a table's columns as " | ", the way the
// other readers write table rows.
func cells(b []string) []string {
	out := make([]string, len(b))
	for i, l := range b {
		if strings.Contains(l, " | ") {
			out[i] = l
			continue
		}
		out[i] = reGap.ReplaceAllString(strings.TrimSpace(l), " | ")
	}
	return out
}

// firstLineTitle is the first line when it is short and stands alone: a
// blank line after it, or a dateline (a headline over "Published: 14 March
// 2009").
func firstLineTitle(text string) string {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if first == "" || len(first) > maxTitleLine {
		return ""
	}
	if rest != "" && !strings.HasPrefix(rest, "\n") {
		second, _, _ := strings.Cut(rest, "\n")
		if _, _, _, ok := format.FindDate(second); !ok || len(second) > 100 {
			return ""
		}
	}
	return first
}
