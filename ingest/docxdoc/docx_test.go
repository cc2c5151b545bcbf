package docxdoc

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
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
var goods = []string{"minutes.docx", "localised.docx", "features.docx"}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func read(t testing.TB, data []byte, lim format.Limits) (*corpus.Document, error) {
	t.Helper()
	in := format.Input{Path: "test.docx", Data: data, ModTime: time.Unix(1e9, 0), Limits: lim}
	return New().Read(context.Background(), in)
}

func TestContract(t *testing.T) {
	var gs []formattest.Good
	for _, name := range goods {
		gs = append(gs, formattest.Good{Name: name, Data: readFile(t, filepath.Join("testdata", name))})
	}
	formattest.Contract(t, New(), ".docx", gs)
}

func TestGolden(t *testing.T) {
	for _, name := range goods {
		t.Run(name, func(t *testing.T) {
			d, err := read(t, readFile(t, filepath.Join("testdata", name)), format.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".docx")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readFile(t, golden)
			if !bytes.Equal(got, want) {
				t.Errorf("Read(%s) differs from %s; run go test -update and review the diff\ngot:\n%s", name, golden, got)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		authors   []string
		published corpus.Date
		source    corpus.DateSource
		kind      corpus.Kind
		lang      string
		headings  []string
	}{
		{"minutes.docx", "Minutes of the Board of Directors (public), 28 March 2019", []string{"Ruth Ekwueme"}, corpus.DayDate(2019, 3, 28), corpus.DateFromTitlePage, corpus.KindBoardPaper, "en-GB",
			[]string{"Minutes of the Meeting of the Board of Directors held in Public", "Present", "In attendance", "TB19/031 Welcome and apologies"}},
		// Meeting dates on the title page beat core.xml's dates.
		// No core title: the Title paragraph, whose style id is German.
		{"localised.docx", "Digital Strategy Update: Electronic Prescribing and Medicines Administration", nil, corpus.DayDate(2018, 9, 5), corpus.DateFromTitlePage, corpus.KindBoardPaper, "en-GB",
			[]string{"Digital Strategy Update: Electronic Prescribing and Medicines Administration", "1. Purpose", "2. Background", "2.1 Progress to date", "3. Recommendation"}},
		// No styles.xml and no created date: ids alone, modified date.
		{"features.docx", "Cost improvement programme 2020/21", []string{"Finance Directorate", "Jo Marsh"}, corpus.DayDate(2020, 6, 15), corpus.DateFromFileMetadata, "", "",
			[]string{"Cost improvement programme 2020/21", "Risks"}},
	}
	for _, tt := range tests {
		d, err := read(t, readFile(t, filepath.Join("testdata", tt.file)), format.DefaultLimits())
		if err != nil {
			t.Fatalf("Read(%s): %v", tt.file, err)
		}
		if d.Title != tt.title {
			t.Errorf("Read(%s) title = %q; want %q", tt.file, d.Title, tt.title)
		}
		if fmt.Sprint(d.Authors) != fmt.Sprint(tt.authors) {
			t.Errorf("Read(%s) authors = %q; want %q", tt.file, d.Authors, tt.authors)
		}
		if d.Published != tt.published || d.PublishedSource != tt.source {
			t.Errorf("Read(%s) published = %v (%s); want %v (%s)", tt.file, d.Published, d.PublishedSource, tt.published, tt.source)
		}
		if d.Kind != tt.kind {
			t.Errorf("Read(%s) kind = %q; want %q", tt.file, d.Kind, tt.kind)
		}
		if d.Language != tt.lang {
			t.Errorf("Read(%s) language = %q; want %q", tt.file, d.Language, tt.lang)
		}
		var heads []string
		for _, s := range d.Sections {
			heads = append(heads, s.Title)
			if got := d.Text[s.Start : s.Start+len(s.Title)]; got != s.Title {
				t.Errorf("Read(%s) section %q starts at %q", tt.file, s.Title, got)
			}
		}
		if len(heads) > len(tt.headings) {
			heads = heads[:len(tt.headings)]
		}
		if fmt.Sprint(heads) != fmt.Sprint(tt.headings) {
			t.Errorf("Read(%s) headings = %q; want %q", tt.file, heads, tt.headings)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		file     string
		want     []string // substrings of the text
		notWant  []string
		onceOnly []string
	}{
		{"features.docx",
			[]string{
				"Scheme Saving\nProcurement £250,000", // w:cr keeps the line, w:tab folds
				"Target ≥ 95% of patients",            // Symbol font
				"Non-elective activity rose; readmissions fell.",
				"“deliverable” and the Trust’s ‘best ever’",
				"Papers are on the board website.",
				"Page 3 of 12",
				"The budget is £3.5m for the year.[1]",
				"Division | Schemes\nSurgery | Theatres £120k; Outpatients £40k\nMedicine | Bed reconfiguration",
				"Delivery depends on the new e-rostering system.",
				"[1] Subject to approval by the Finance Committee on 12 June 2020.",
			},
			[]string{"£3m", "NUMPAGES", "PAGE"},
			[]string{"Text box: figures are unaudited."},
		},
		{"minutes.docx",
			[]string{
				"Thursday 28 March 2019 at 10:00\nBoardroom, Ashdown General Hospital\nWealden Road",
				"Name | Role | Attendance\nDame Helen Ashworth | Chair | Present",
				"TB19/034 Electronic patient record programme: go-live report",
				"Total | £16.2m | £18.6m | £2.4m",
				"a backlog of about 9,000 clinic letters",
				"Signed ……………………………… (Chair)\nDate ………………………………",
			},
			nil, nil,
		},
	}
	for _, tt := range tests {
		d, err := read(t, readFile(t, filepath.Join("testdata", tt.file)), format.DefaultLimits())
		if err != nil {
			t.Fatalf("Read(%s): %v", tt.file, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(d.Text, w) {
				t.Errorf("Read(%s) text lacks %q", tt.file, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(d.Text, w) {
				t.Errorf("Read(%s) text has %q; want it dropped", tt.file, w)
			}
		}
		for _, w := range tt.onceOnly {
			if n := strings.Count(d.Text, w); n != 1 {
				t.Errorf("Read(%s) text has %q %d times; want once", tt.file, w, n)
			}
		}
	}
}

// makeZip builds an archive in memory.
func makeZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBad(t *testing.T) {
	minutes := readFile(t, filepath.Join("testdata", "minutes.docx"))
	manyEntries := map[string]string{"word/document.xml": "<w:document/>"}
	for i := range maxEntries {
		manyEntries[fmt.Sprintf("word/media/image%d.png", i)] = ""
	}
	tests := []struct {
		name string
		data func() []byte
		lim  func(*format.Limits)
		want error
	}{
		{"zipbomb.docx", func() []byte { return readFile(t, "../../testdata/bad/zipbomb.docx") }, nil, format.ErrTooLarge},
		{"truncated.docx", func() []byte { return readFile(t, "../../testdata/bad/truncated.docx") }, nil, format.ErrCorrupt},
		{"notadocx.docx", func() []byte { return readFile(t, "../../testdata/bad/notadocx.docx") }, nil, format.ErrNotFormat},
		{"empty.txt", func() []byte { return readFile(t, "../../testdata/bad/empty.txt") }, nil, format.ErrEmpty},
		{"binary.html", func() []byte { return readFile(t, "../../testdata/bad/binary.html") }, nil, format.ErrCorrupt},
		{"encrypted.docx", func() []byte { return readFile(t, "testdata/encrypted.docx") }, nil, format.ErrEncrypted},
		{"legacy.doc", func() []byte { return readFile(t, "testdata/legacy.doc") }, nil, format.ErrNotFormat},
		// The budget counts inflated bytes, not the headers' claims.
		{"expands past MaxExpandedBytes", func() []byte { return minutes }, func(l *format.Limits) { l.MaxExpandedBytes = 4000 }, format.ErrTooLarge},
		{"too many entries", func() []byte { return makeZip(t, manyEntries) }, nil, format.ErrTooLarge},
		{"xlsx", func() []byte { return makeZip(t, map[string]string{"xl/workbook.xml": "<workbook/>"}) }, nil, format.ErrNotFormat},
		{"broken XML", func() []byte {
			return makeZip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>text</w:p>`})
		}, nil, format.ErrCorrupt},
		{"no text", func() []byte {
			return makeZip(t, map[string]string{"word/document.xml": `<w:document xmlns:w="` + nsW + `"><w:body><w:p/></w:body></w:document>`})
		}, nil, format.ErrNoText},
		{"deep nesting", func() []byte {
			return makeZip(t, map[string]string{"word/document.xml": strings.Repeat("<a>", 5000) + strings.Repeat("</a>", 5000)})
		}, nil, format.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := format.DefaultLimits()
			if tt.lim != nil {
				tt.lim(&lim)
			}
			start := time.Now()
			d, err := read(t, tt.data(), lim)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read(%s) = %v, %v; want %v", tt.name, d, err, tt.want)
			}
			if !format.IsReject(err) {
				t.Errorf("Read(%s) error %v is not a *format.RejectError", tt.name, err)
			}
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("Read(%s) took %v; want a quick rejection", tt.name, el)
			}
		})
	}
}

func TestMaxText(t *testing.T) {
	lim := format.DefaultLimits()
	lim.MaxTextBytes = 500
	d, err := read(t, readFile(t, filepath.Join("testdata", "minutes.docx")), lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Text) > 500 || len(d.Warnings) == 0 {
		t.Errorf("Read with MaxTextBytes 500: %d bytes of text, warnings %q; want <= 500 and a warning", len(d.Text), d.Warnings)
	}
}

func TestSymbol(t *testing.T) {
	tests := []struct{ font, code, want string }{
		{"Symbol", "F0B3", "≥"},
		{"Symbol", "F0B7", "•"},
		{"Wingdings", "F0FC", "✓"},
		{"Wingdings", "F021", ""},
		{"Calibri", "2014", "—"},
		{"Calibri", "zz", ""},
		{"Calibri", "D800", ""},
	}
	for _, tt := range tests {
		if got := symbol(tt.font, tt.code); got != tt.want {
			t.Errorf("symbol(%q, %q) = %q; want %q", tt.font, tt.code, got, tt.want)
		}
	}
}

func TestCoreFields(t *testing.T) {
	dates := []struct {
		in   string
		want corpus.Date
	}{
		{"2019-04-02T09:12:00Z", corpus.DayDate(2019, 4, 2)},
		{"2020-06-15T23:20:00-05:00", corpus.DayDate(2020, 6, 15)},
		{"2020-06-15", corpus.DayDate(2020, 6, 15)},
		{"1601-01-01T00:00:00Z", corpus.Date{}},
		{"garbage", corpus.Date{}},
	}
	for _, tt := range dates {
		if got := w3cDate(tt.in); got != tt.want {
			t.Errorf("w3cDate(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
	titles := []struct{ in, want string }{
		{"Microsoft Word - Board minutes March.doc", ""},
		{"Microsoft Word - Board minutes March", "Board minutes March"},
		{"Document1", ""},
		{"EPR business case", "EPR business case"},
	}
	for _, tt := range titles {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDOCX(f *testing.F) {
	for _, name := range goods {
		f.Add(readFile(f, filepath.Join("testdata", name)))
	}
	f.Add(readFile(f, "testdata/encrypted.docx"))
	f.Add(readFile(f, "../../testdata/bad/truncated.docx"))
	f.Add(readFile(f, "../../testdata/bad/notadocx.docx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := format.DefaultLimits()
		lim.MaxExpandedBytes = 8 << 20
		d, err := read(t, data, lim)
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
	data := readFile(b, filepath.Join("testdata", "minutes.docx"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := read(b, data, format.DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBudget(t *testing.T) {
	p := &pkg{left: 10, limit: 10}
	b := &budgeted{rc: io.NopCloser(strings.NewReader(strings.Repeat("x", 100))), p: p}
	n, err := io.Copy(io.Discard, b)
	if n != 10 || !errors.Is(err, errBudget) {
		t.Errorf("reading 100 bytes with a budget of 10 = %d, %v; want 10, errBudget", n, err)
	}
	if err := p.readErr("word/document.xml", err); !errors.Is(err, format.ErrTooLarge) {
		t.Errorf("readErr(errBudget) = %v; want ErrTooLarge", err)
	}
}
