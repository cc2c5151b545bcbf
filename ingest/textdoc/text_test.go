package textdoc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
	"github.com/nhs-trawl/trawl/ingest/format/formattest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goods are the fixtures the reader must read; mkdocx writes them.
var goods = []string{"board-paper.txt", "news-cp1252.txt", "notes-utf16.txt", "update-crlf.md"}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func read(t testing.TB, path string, data []byte) (*corpus.Document, error) {
	t.Helper()
	in := format.Input{Path: path, Data: data, ModTime: time.Unix(1e9, 0), Limits: format.DefaultLimits()}
	return New().Read(context.Background(), in)
}

func TestContract(t *testing.T) {
	for _, ext := range []string{".txt", ".md"} {
		t.Run(ext, func(t *testing.T) {
			var gs []formattest.Good
			for _, name := range goods {
				gs = append(gs, formattest.Good{Name: name, Data: readFile(t, filepath.Join("testdata", name))})
			}
			formattest.Contract(t, New(), ext, gs)
		})
	}
}

func TestGolden(t *testing.T) {
	for _, name := range goods {
		t.Run(name, func(t *testing.T) {
			d, err := read(t, name, readFile(t, filepath.Join("testdata", name)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := readFile(t, golden); !bytes.Equal(got, want) {
				t.Errorf("Read(%s) differs from %s; run go test -update and review the diff\ngot:\n%s", name, golden, got)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		file      string
		format    corpus.Format
		title     string
		published corpus.Date
		source    corpus.DateSource
		authors   []string
		warning   string
	}{
		{"board-paper.txt", corpus.FormatText, "ASHDOWN VALLEY HOSPITALS NHS FOUNDATION TRUST", corpus.DayDate(2019, 5, 30), corpus.DateFromTitlePage, nil, ""},
		{"news-cp1252.txt", corpus.FormatText, "Trust delays PAS replacement – again", corpus.DayDate(2009, 3, 14), corpus.DateFromDateline, nil, "decoded as windows-1252"},
		{"notes-utf16.txt", corpus.FormatText, "Audit Committee – action notes", corpus.DayDate(2020, 2, 12), corpus.DateFromDateline, nil, "decoded as UTF-16LE"},
		{"update-crlf.md", corpus.FormatMarkdown, "Digital Board Update, July 2021", corpus.DayDate(2021, 7, 8), corpus.DateFromMeta, []string{"Digital Services Team"}, ""},
	}
	for _, tt := range tests {
		d, err := read(t, tt.file, readFile(t, filepath.Join("testdata", tt.file)))
		if err != nil {
			t.Fatalf("Read(%s): %v", tt.file, err)
		}
		if d.Format != tt.format || d.Title != tt.title {
			t.Errorf("Read(%s) = %s %q; want %s %q", tt.file, d.Format, d.Title, tt.format, tt.title)
		}
		if d.Published != tt.published || d.PublishedSource != tt.source {
			t.Errorf("Read(%s) published = %v (%s); want %v (%s)", tt.file, d.Published, d.PublishedSource, tt.published, tt.source)
		}
		if fmt.Sprint(d.Authors) != fmt.Sprint(tt.authors) {
			t.Errorf("Read(%s) authors = %q; want %q", tt.file, d.Authors, tt.authors)
		}
		if tt.warning != "" && !strings.Contains(strings.Join(d.Warnings, "; "), tt.warning) {
			t.Errorf("Read(%s) warnings = %q; want %q", tt.file, d.Warnings, tt.warning)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, path, in string
		want           string // the whole clean text
		sections       []string
	}{
		{"paragraphs joined", "a.txt", "The first line of a paragraph wrapped at sixty columns\nends here.\n\nNext para.\n", "The first line of a paragraph wrapped at sixty columns ends here.\n\nNext para.", nil},
		{"short lines kept", "a.txt", "Alan Whitcombe\nChief Information Officer\n23 May 2019\n", "Alan Whitcombe\nChief Information Officer\n23 May 2019", nil},
		{"CR and CRLF", "a.txt", "The first line of a paragraph wrapped at sixty columns\r\ntwo.\r\rThree\rfour.", "The first line of a paragraph wrapped at sixty columns two.\n\nThree\nfour.", nil},
		{"list kept", "a.txt", "Intro text here.\n\n- one\n- two\n  continued\n", "Intro text here.\n\n- one\n- two\n  continued", nil},
		{"table kept", "a.txt", "Item    Cost\nBeds\t£5m\n", "Item | Cost\nBeds | £5m", nil},
		{"setext and caps headings", "a.txt", "Report title\n============\n\nBODY TEXT HERE\n\nSome words follow.\n\n2.1 Costs\n\nMore words.\n", "Report title\n\nBODY TEXT HERE\n\nSome words follow.\n\n2.1 Costs\n\nMore words.", []string{"Report title", "BODY TEXT HERE", "2.1 Costs"}},
		{"form feeds are pages", "a.txt", "Page one text.\fPage two text.", "Page one text.\n\nPage two text.", nil},
		{"UTF-8 BOM", "a.txt", "\ufeffHello world.", "Hello world.", nil},
		{"markdown inline", "a.md", "Some *em* and **strong**, `code`, [a link](http://x.org \"t\"), ![alt](i.png), <b>raw</b>, \\*escaped\\*, &amp; &#163;.", "Some em and strong, code, a link, alt, raw , *escaped*, & £.", nil},
		{"markdown headings", "a.md", "# One\n\ntext\n\nTwo\n---\n\n### Three\n", "One\n\ntext\n\nTwo\n\nThree", []string{"One", "Two", "Three"}},
		{"markdown lists", "a.md", "1. first *item*\n2. second\n   - nested\n\n* loose\n\n* list\n", "1. first item\n2. second\n  - nested\n\n- loose\n- list", nil},
		{"markdown code and quote", "a.md", "> quoted **text**\n\n```go\nx := 1\n  y\n```\n\n    indented code\n", "quoted text\n\nx := 1\n  y\n\nindented code", nil},
		{"markdown html block", "a.md", "<!-- hidden -->\n\n<div>visible <script>no()</script></div>\n\nend\n", "visible\n\nend", nil},
		{"markdown table", "a.md", "| a | b |\n|---|---|\n| 1 | *2* |\n", "a | b\n1 | 2", nil},
		{"front matter", "a.md", "---\ntitle: Front\nauthors:\n  - A One\n  - B Two\n---\nBody.\n", "Body.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := read(t, tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want {
				t.Errorf("Read(%q) text = %q; want %q", tt.in, d.Text, tt.want)
			}
			if tt.sections != nil {
				var got []string
				for _, s := range d.Sections {
					got = append(got, s.Title)
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.sections) {
					t.Errorf("Read(%q) sections = %q; want %q", tt.in, got, tt.sections)
				}
			}
		})
	}
}

func TestBad(t *testing.T) {
	tests := []struct {
		name, path string
		data       func() []byte
		want       error
	}{
		{"empty.txt", "empty.txt", func() []byte { return readFile(t, "../../testdata/bad/empty.txt") }, format.ErrEmpty},
		{"binary.html", "binary.txt", func() []byte { return readFile(t, "../../testdata/bad/binary.html") }, format.ErrNotFormat},
		{"zipbomb.docx as text", "zipbomb.txt", func() []byte { return readFile(t, "../../testdata/bad/zipbomb.docx") }, format.ErrNotFormat},
		{"control bytes", "ctl.txt", func() []byte { return bytes.Repeat([]byte("a\x01\x02\x03\x04\x05"), 100) }, format.ErrNotFormat},
		{"white space only", "blank.md", func() []byte { return []byte(" \n\t\n\r\n") }, format.ErrNoText},
		{"UTF-16 with NULs", "u.txt", func() []byte { return []byte{0xFF, 0xFE, 'a', 0, 0, 0, 'b', 0} }, format.ErrNotFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := read(t, tt.path, tt.data())
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read(%s) = %v, %v; want %v", tt.name, d, err, tt.want)
			}
			if !format.IsReject(err) {
				t.Errorf("Read(%s) error %v is not a *format.RejectError", tt.name, err)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  string
	}{
		{"utf-8", []byte("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d"), "café “q”", ""},
		{"windows-1252", []byte("caf\xe9 \x93q\x94 \xa35 \x96"), "café “q” £5 –", "windows-1252"},
		{"utf-16le bom", []byte{0xFF, 0xFE, 'h', 0, 'i', 0}, "hi", "UTF-16LE"},
		{"utf-16be bom", []byte{0xFE, 0xFF, 0, 'h', 0, 'i'}, "hi", "UTF-16BE"},
		{"utf-16le no bom", []byte("h\x00e\x00l\x00l\x00o\x00 \x00t\x00h\x00e\x00r\x00e\x00"), "hello there", "UTF-16LE"},
		{"utf-16 odd length", []byte{0xFF, 0xFE, 'h', 0, 'i', 0, 'x'}, "hi", "UTF-16LE"},
	}
	for _, tt := range tests {
		got, enc, err := decode(tt.in)
		if err != nil || got != tt.want || enc != tt.enc {
			t.Errorf("decode(%s) = %q, %q, %v; want %q, %q", tt.name, got, enc, err, tt.want, tt.enc)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, name := range goods {
		f.Add(name, readFile(f, filepath.Join("testdata", name)))
	}
	f.Add("x.md", []byte("# h\n\n> > > - [a](b)\n\n| x |\n|--|\n| *y* |\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, err := read(t, name, data)
		if err != nil {
			if !format.IsReject(err) {
				t.Fatalf("Read error %v is not a rejection", err)
			}
			return
		}
		c := *d
		c.ID = strings.Repeat("0", 64)
		c.Kind = corpus.KindReport
		if err := c.Validate(); err != nil {
			t.Fatalf("document does not validate: %v", err)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"board-paper.txt", "update-crlf.md"} {
		data := bytes.Repeat(append(readFile(b, filepath.Join("testdata", name)), "\n\n"...), 50)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := read(b, name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
