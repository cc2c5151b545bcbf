package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// minimalPDF writes a PDF of pages of lines set in Helvetica (WinAnsi, so
// Latin-1 letters and £ work), an empty page for no lines, and an Info
// dictionary of the entries given, each a PDF object ("(A \\(b\\))").
func minimalPDF(t testing.TB, pages [][]string, info map[string]string) []byte {
	t.Helper()
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	root := add("") // the page tree, filled in below
	var kids []string
	for _, lines := range pages {
		var c strings.Builder
		c.WriteString("BT /F1 11 Tf 14 TL 72 720 Td ")
		for _, l := range lines {
			c.WriteString("(")
			for _, r := range l {
				switch {
				case r == '(' || r == ')' || r == '\\':
					c.WriteString("\\" + string(r))
				case r < 0x80:
					c.WriteRune(r)
				case r <= 0xff:
					fmt.Fprintf(&c, "\\%03o", r) // WinAnsi is Latin-1 here
				default:
					t.Fatalf("minimalPDF: %q is not in WinAnsi", r)
				}
			}
			c.WriteString(") Tj T* ")
		}
		c.WriteString("ET")
		cs := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
		kids = append(kids, fmt.Sprintf("%d 0 R", add(fmt.Sprintf(
			"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", root, font, cs))))
	}
	objs[root-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	catalog := add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", root))
	var d strings.Builder
	for _, k := range []string{"Title", "Author", "Subject", "CreationDate"} {
		if v, ok := info[k]; ok {
			fmt.Fprintf(&d, "/%s %s ", k, v)
		}
	}
	infoObj := add("<< " + d.String() + ">>")
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, infoObj, xref)
	return b.Bytes()
}

// specialText is a page of text that HTML would escape, and more.
var specialText = []string{
	`Tom & Jerry wrote <b>bold</b> and &amp; and &lt;tag&gt; and &#38; here.`,
	`Quotes "double" and 'single', a café, £5 and 1 < 2 > 0.`,
}

// TestPopplerEscapes checks that text and metadata come through
// -htmlmeta exactly: the text as the PDF has it, never unescaped, the
// head's values unescaped, and that empty pages keep their place.
func TestPopplerEscapes(t *testing.T) {
	r := New(Options{NoOCR: true})
	if r.Engine() != "pdftotext" {
		t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils)")
	}
	data := minimalPDF(t, [][]string{
		specialText,
		nil, // no text: stays an empty page
		{"A third page, which says </pre> and </body> in its text."},
		nil,
	}, map[string]string{
		"Title":        `(Estates & IM&T: <Review> "2008" 'draft' caf\351)`,
		"Author":       `(Jones & Partners)`,
		"Subject":      `(<pre> in a subject)`,
		"CreationDate": `(D:20081119093000Z)`,
	})
	d, err := read(r, "special.pdf", data, format.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 4 {
		t.Errorf("pages = %d; want 4", len(d.Pages))
	}
	for i, want := range []string{
		"Tom & Jerry wrote <b>bold</b> and &amp; and &lt;tag&gt; and &#38; here.",
		`Quotes "double" and 'single', a café, £5 and 1 < 2 > 0.`,
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks line %d %q; text:\n%s", i+1, want, d.Text)
		}
	}
	if p := d.PageAt(strings.Index(d.Text, "</pre>")); p != 3 {
		t.Errorf(`"</pre>" on page %d; want 3`, p)
	}
	for _, n := range []int{2, 4} {
		if p := d.Pages[n-1]; p.End != p.Start {
			t.Errorf("page %d = %q; want it empty", n, d.Text[p.Start:p.End])
		}
	}
	if want := `Estates & IM&T: <Review> "2008" 'draft' café`; d.Title != want {
		t.Errorf("title = %q; want %q", d.Title, want)
	}
	if len(d.Authors) != 1 || d.Authors[0] != "Jones & Partners" {
		t.Errorf("authors = %q; want [Jones & Partners]", d.Authors)
	}
	if got := d.Published.String(); got != "2008-11-19" {
		t.Errorf("published = %s (%s); want 2008-11-19 from the file's metadata", got, d.PublishedSource)
	}

	// The same text as plain pdftotext prints it, page for page.
	path := filepath.Join(t.TempDir(), "special.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, m, err := r.poppler(t.Context(), path, format.Input{Path: path, Data: data, Limits: format.DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := exec.Command(r.pdftotext, "-layout", "-enc", "UTF-8", "-eol", "unix", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := splitPages(string(plain), 4); strings.Join(raw, "\f") != strings.Join(want, "\f") {
		t.Errorf("poppler pages = %q; want plain pdftotext's %q", raw, want)
	}
	if m.Pages != 4 {
		t.Errorf("poppler page count = %d; want 4", m.Pages)
	}
}

func TestPopplerPageLimits(t *testing.T) {
	pages := [][]string{{"Page one of the paper, with some text."}, {"Page two."}, nil, {"Page four, the last."}}
	data := minimalPDF(t, pages, map[string]string{"Title": "(Four pages)"})
	empty := minimalPDF(t, nil, map[string]string{"Title": "(No pages)"})
	for name, r := range engines(t) {
		r.ocr = newOCR(Options{NoOCR: true})
		tests := []struct {
			name     string
			data     []byte
			maxPages int
			want     error  // nil: read it
			detail   string // in the error
			pages    int    // when read
		}{
			{"no limit", data, 0, nil, "", 4},
			{"at the limit", data, 4, nil, "", 4},
			{"one over", data, 3, format.ErrTooLarge, "pages, limit 3", 0},
			{"far over", data, 1, format.ErrTooLarge, "pages, limit 1", 0},
			{"no pages", empty, 0, format.ErrCorrupt, "no pages", 0},
			{"no pages, limited", empty, 5, format.ErrCorrupt, "no pages", 0},
		}
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				lim := format.DefaultLimits()
				lim.MaxPages = tt.maxPages
				d, err := read(r, "pages.pdf", tt.data, lim)
				if tt.want == nil {
					if err != nil {
						t.Fatalf("Read(MaxPages %d) error = %v; want a document", tt.maxPages, err)
					}
					if len(d.Pages) != tt.pages {
						t.Errorf("Read(MaxPages %d) pages = %d; want %d", tt.maxPages, len(d.Pages), tt.pages)
					}
					return
				}
				if !errors.Is(err, tt.want) || !format.IsReject(err) {
					t.Fatalf("Read(MaxPages %d) error = %v; want a rejection for %v", tt.maxPages, err, tt.want)
				}
				if !strings.Contains(err.Error(), tt.detail) {
					t.Errorf("Read(MaxPages %d) error %q; want it to say %q", tt.maxPages, err, tt.detail)
				}
			})
		}
	}
}

func TestParseHTMLMeta(t *testing.T) {
	const doctype = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">` + "\n"
	tests := []struct {
		name string
		in   string
		want meta
		text string
		ok   bool
	}{
		{"full head",
			doctype + "<head>\n<title>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; café</title>\n" +
				`<meta name="Subject" content="S"/>` + "\n" +
				`<meta name="Author" content="J &amp; K"/>` + "\n" +
				`<meta name="Creator" content="Word"/>` + "\n" +
				`<meta name="CreationDate" content="2008-11-19T09:30:00+01"/>` + "\n" +
				`<meta name="ModDate" content="2009-01-01T00:00:00Z"/>` + "\n" +
				"</head>\n<body>\n<pre>\nIM&T &amp;amp; <b>\f\f</pre>\n</body>\n</html>\n",
			meta{Title: `A & B <c> "d" 'e' café`, Author: "J & K", Created: "2008-11-19T09:30:00+01"},
			"IM&T &amp;amp; <b>\f\f</pre>\n</body>\n</html>\n", true},
		{"double escape in the head",
			doctype + "<head>\n<title>R&amp;amp;D</title>\n</head>\n<body>\n<pre>\nx\f</pre>\n</body>\n</html>\n",
			meta{Title: "R&amp;D"}, "x\f</pre>\n</body>\n</html>\n", true},
		{"empty title, no info",
			doctype + "<head>\n<title></title>\n</head>\n<body>\n<pre>\n\f</pre>\n</body>\n</html>\n",
			meta{}, "\f</pre>\n</body>\n</html>\n", true},
		{"a subject that looks like the author",
			doctype + "<head>\n<title>T</title>\n" + `<meta name="Subject" content="&lt;meta name=&quot;Author&quot; content=&quot;X&quot;/&gt;"/>` + "\n</head>\n<body>\n<pre>\n\f</pre>\n</body>\n</html>\n",
			meta{Title: "T"}, "\f</pre>\n</body>\n</html>\n", true},
		{"no pre", "Usage: pdftotext [options] <PDF-file> [<text-file>]\n", meta{}, "", false},
		{"cut in the head", doctype + "<head>\n<title>A very long tit", meta{}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, text, ok := parseHTMLMeta(tt.in)
			if m != tt.want || text != tt.text || ok != tt.ok {
				t.Errorf("parseHTMLMeta(%q) = %+v, %q, %v; want %+v, %q, %v", tt.in, m, text, ok, tt.want, tt.text, tt.ok)
			}
		})
	}
}

func TestHTMLPages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"pages", "one\ftwo\f" + htmlEnd, []string{"one", "two"}},
		{"empty pages keep their place", "\fone\f\f\f" + htmlEnd, []string{"", "one", "", ""}},
		{"text that looks like the end", "a </pre>\n</body>\n</html>\n b\f" + htmlEnd, []string{"a </pre>\n</body>\n</html>\n b"}},
		{"no pages", htmlEnd, nil},
		{"cut mid-page", "one\ftwo, cut", []string{"one", "two, cut"}},
		{"cut in the closing tags", "one\ftwo\f</pre>\n</bo", []string{"one", "two"}},
		{"cut after a form feed", "one\f", []string{"one"}},
		{"text after the last form feed", "one\ftail\n" + htmlEnd, []string{"one", "tail\n"}},
		{"bad UTF-8", "caf\xe9\f" + htmlEnd, []string{"caf\uFFFD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlPages(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("htmlPages(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFirstErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"Syntax Error: a\nSyntax Error: a\n\nSyntax Error: b\n", "Syntax Error: a; Syntax Error: b"},
		{"Syntax Error (2): Illegal character <21> in hex string\nSyntax Error: a\n", "Syntax Error: a"},
		{"Syntax Error: a\nSyntax Error: b\nSyntax Error: c\nSyntax Error: d\nCommand Line Error: Incorrect password\n",
			"Command Line Error: Incorrect password; Syntax Error: a; Syntax Error: b"},
	}
	for _, tt := range tests {
		if got := firstErrors(tt.in); got != tt.want {
			t.Errorf("firstErrors(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestPopplerOutputFaults checks what a pdftotext printing no -htmlmeta
// output, or stopping on a page range, makes of a good PDF.
func TestPopplerOutputFaults(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	data := readFile(t, "testdata/board-pack-2008-11.pdf")
	t.Run("plain text, no html", func(t *testing.T) {
		r := New(Options{PDFToText: writeScript(t, "pdftotext", "printf 'page one\\f'\n")})
		_, err := read(r, "pack.pdf", data, format.DefaultLimits())
		if err == nil || format.IsReject(err) || !strings.Contains(err.Error(), "<pre>") {
			t.Errorf("Read with a pdftotext printing no <pre> error = %v; want a machine fault naming <pre>", err)
		}
	})
	t.Run("page range", func(t *testing.T) {
		r := New(Options{PDFToText: writeScript(t, "pdftotext",
			"echo 'Syntax Error: Invalid page count 0' >&2\necho 'Command Line Error: Wrong page range given: the first page (1) can not be after the last page (0).' >&2\nexit 99\n")})
		_, err := read(r, "pack.pdf", data, format.DefaultLimits())
		if !errors.Is(err, format.ErrCorrupt) || !strings.Contains(err.Error(), "no pages") {
			t.Errorf("Read of a PDF with no pages error = %v; want ErrCorrupt, no pages", err)
		}
	})
}

func FuzzHTMLMeta(f *testing.F) {
	f.Add("<head>\n<title>A &amp; B</title>\n<meta name=\"Author\" content=\"J\"/>\n</head>\n<body>\n<pre>\nIM&T\f\f</pre>\n</body>\n</html>\n")
	f.Add("<pre>\none\ftwo, cut")
	f.Add("<pre>\n\f</pre>\n</bo")
	f.Add("<title>&#xZZ; &amp</title>\n<pre>\n\xff\f")
	f.Fuzz(func(t *testing.T, out string) {
		m, text, ok := parseHTMLMeta(out)
		if !ok {
			return
		}
		if !strings.HasSuffix(out, text) {
			t.Fatalf("text %q is not the end of the output", text)
		}
		for _, s := range []string{m.Title, m.Author, m.Created} {
			if !utf8.ValidString(s) {
				t.Fatalf("meta value %q is not UTF-8", s)
			}
		}
		pages := htmlPages(text)
		if n, ff := len(pages), strings.Count(text, "\f"); n < ff || n > ff+1 {
			t.Fatalf("%d pages from %d form feeds", n, ff)
		}
		for _, p := range pages {
			if strings.ContainsRune(p, '\f') || !utf8.ValidString(p) {
				t.Fatalf("page %q holds a form feed or bad UTF-8", p)
			}
		}
		parsePages(pages)
	})
}
