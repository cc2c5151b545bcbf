package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
	"github.com/nhs-trawl/trawl/ingest/format/formattest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var goodFixtures = []string{"board-pack-2008-11.pdf", "ig-annual-report-2010.pdf", "board-minutes-2010-03.pdf"}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func goods(t testing.TB) []formattest.Good {
	var gs []formattest.Good
	for _, n := range goodFixtures {
		gs = append(gs, formattest.Good{Name: n, Data: readFile(t, filepath.Join("testdata", n))})
	}
	return gs
}

// engines are the readers to test: pdftotext when installed, and the Go
// fallback always.
func engines(t *testing.T) map[string]*Reader {
	t.Helper()
	m := map[string]*Reader{"go": New(Options{NoPoppler: true})}
	if r := New(Options{}); r.Engine() == "pdftotext" {
		m["pdftotext"] = r
	} else {
		t.Log("pdftotext not installed (Debian: apt-get install poppler-utils): testing the Go fallback only")
	}
	return m
}

func needPoppler(t *testing.T) *Reader {
	t.Helper()
	r := New(Options{})
	if r.Engine() != "pdftotext" {
		t.Skip("pdftotext not installed (Debian: apt-get install poppler-utils)")
	}
	return r
}

func read(r *Reader, name string, data []byte, lim format.Limits) (*corpus.Document, error) {
	return r.Read(context.Background(), format.Input{Path: name, Data: data, Limits: lim})
}

func TestContract(t *testing.T) {
	for name, r := range engines(t) {
		t.Run(name, func(t *testing.T) {
			formattest.Contract(t, r, ".pdf", goods(t))
		})
	}
}

func TestBadFixtures(t *testing.T) {
	tests := []struct {
		file   string
		want   error
		detail string
	}{
		{"truncated.pdf", format.ErrCorrupt, ""},
		{"encrypted.pdf", format.ErrEncrypted, "password"},
		{"image-only.pdf", format.ErrNeedsOCR, "no text layer; needs OCR"},
		{"html-named.pdf", format.ErrNotFormat, "HTML"},
	}
	for name, r := range engines(t) {
		for _, tt := range tests {
			t.Run(name+"/"+tt.file, func(t *testing.T) {
				data := readFile(t, filepath.Join("testdata", "bad", tt.file))
				d, err := read(r, tt.file, data, format.DefaultLimits())
				if !errors.Is(err, tt.want) {
					t.Fatalf("Read(%s) = %v, %v; want %v", tt.file, d != nil, err, tt.want)
				}
				if !format.IsReject(err) {
					t.Errorf("Read(%s) error %v is not a *format.RejectError", tt.file, err)
				}
				if !strings.Contains(err.Error(), tt.detail) {
					t.Errorf("Read(%s) error %q; want it to say %q", tt.file, err, tt.detail)
				}
			})
		}
		t.Run(name+"/too-many-pages", func(t *testing.T) {
			lim := format.DefaultLimits()
			lim.MaxPages = 2
			_, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), lim)
			if !errors.Is(err, format.ErrTooLarge) {
				t.Errorf("Read(6 pages, MaxPages 2) error = %v; want ErrTooLarge", err)
			}
		})
	}
	// The shared bad fixtures of the repository are the same files.
	for _, n := range []string{"truncated.pdf", "encrypted.pdf", "image-only.pdf"} {
		a := readFile(t, filepath.Join("testdata", "bad", n))
		b := readFile(t, filepath.Join("..", "..", "testdata", "bad", n))
		if !bytes.Equal(a, b) {
			t.Errorf("testdata/bad/%s differs from ingest/pdfdoc/testdata/bad/%s: rerun go generate", n, n)
		}
	}
}

// render writes what the reader found, for golden files.
func render(d *corpus.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\noutlet: %s\nauthors: %s\nkind: %s\npublished: %s (%s)\n",
		d.Title, d.Outlet, strings.Join(d.Authors, "; "), d.Kind, d.Published, d.PublishedSource)
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	if d.Meeting != nil {
		fmt.Fprintf(&b, "meeting: %s\n", d.Meeting.Date)
		for _, it := range d.Meeting.Items {
			fmt.Fprintf(&b, "  item %s: %s (page %d)\n", it.Number, it.Title, d.PageAt(it.Start))
		}
	}
	for i, p := range d.Pages {
		fmt.Fprintf(&b, "\n=== page %d [%d,%d)\n%s\n", i+1, p.Start, p.End, d.Text[p.Start:p.End])
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for name, r := range engines(t) {
		for _, f := range goodFixtures {
			t.Run(name+"/"+f, func(t *testing.T) {
				d, err := read(r, f, readFile(t, filepath.Join("testdata", f)), format.DefaultLimits())
				if err != nil {
					t.Fatal(err)
				}
				got := render(d)
				path := filepath.Join("testdata", "golden", strings.TrimSuffix(f, ".pdf")+"."+name+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want := string(readFile(t, path))
				if got != want {
					t.Errorf("Read(%s) with %s differs from %s (rerun with -update to accept):\n%s", f, name, path, firstDiff(got, want))
				}
			})
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, a, b)
		}
	}
	return ""
}

func TestBoardPack(t *testing.T) {
	for name, r := range engines(t) {
		t.Run(name, func(t *testing.T) {
			d, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), format.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Pages) != 6 {
				t.Errorf("pages = %d; want 6", len(d.Pages))
			}
			if d.Kind != corpus.KindBoardPaper || d.Meeting == nil {
				t.Fatalf("kind %q, meeting %v; want a board paper with a meeting", d.Kind, d.Meeting)
			}
			if got := d.Published.String(); got != "2008-11-26" || d.PublishedSource != corpus.DateFromTitlePage {
				t.Errorf("published %s (%s); want 2008-11-26 (title-page)", got, d.PublishedSource)
			}
			want := map[string]string{"7.1": "Cerner Millennium deployment update", "7.2": "Cerner Millennium recovery plan and revised benefits realisation timetable", "8": "Finance report: month 7 (October 2008)"}
			for _, it := range d.Meeting.Items {
				if w, ok := want[it.Number]; ok {
					if it.Title != w {
						t.Errorf("item %s title %q; want %q", it.Number, it.Title, w)
					}
					if p := d.PageAt(it.Start); p != 1 {
						t.Errorf("item %s on page %d; want 1 (the agenda)", it.Number, p)
					}
					delete(want, it.Number)
				}
			}
			if len(want) > 0 {
				t.Errorf("items missing: %v", want)
			}
			for _, s := range []string{
				"Surgery | 48,200 | 28,117 | 28,950 | (833)",                // a table row, whole
				"staff fatigue in the medical records and outpatient teams", // de-hyphenated
				"cash-releasing benefits",                                   // a real hyphen kept
			} {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			if strings.Contains(d.Text, "Page 3 of 6") || strings.Contains(d.Text, "Public papers") {
				t.Errorf("text keeps page footers or running headers")
			}
		})
	}
}

// TestTwoColumns checks reading order on a two-column page: every paragraph
// of the left column, whole, before any of the right column.
func TestTwoColumns(t *testing.T) {
	left := []string{
		"This paper updates the Board on the deployment of the Cerner Millennium electronic patient record, which went live across the acute wards and the outpatient department over the weekend of 14 June 2008 as part of the National Programme for IT in the NHS.",
		"The revenue consequences were estimated at £1.8m a year from 2009/10.",
		"Millennium replaced the patient administration system that had been in use since 1994",
		"Clinic lists were re-keyed by a validation team of 26 temporary staff at a cost of £310,000.",
	}
	right := []string{
		"By the end of October the backlog of unvalidated records had fallen to 1,150.",
		"• Theatres: the interface to the anaesthetic record is live and the double entry of theatre lists ended on 3 November 2008.",
		"The principal risks are the accuracy of the waiting list",
		"The Board is asked to note progress with stabilisation and the remaining risks, and to support the extension of the validation team until 31 March 2009.",
	}
	for name, r := range engines(t) {
		t.Run(name, func(t *testing.T) {
			d, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), format.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			page := d.Text[d.Pages[2].Start:d.Pages[2].End]
			lastLeft := -1
			for _, s := range left {
				i := strings.Index(page, s)
				if i < 0 {
					t.Fatalf("page 3 lacks the left-column text %q", s)
				}
				lastLeft = max(lastLeft, i)
			}
			for _, s := range right {
				i := strings.Index(page, s)
				if i < 0 {
					t.Fatalf("page 3 lacks the right-column text %q", s)
				}
				if i < lastLeft {
					t.Errorf("right-column text %q at %d comes before the end of the left column at %d", s, i, lastLeft)
				}
			}
		})
	}
}

func TestLayoutModeBeatsDefault(t *testing.T) {
	r := needPoppler(t)
	// The default mode of pdftotext, for the record: it mixes the columns
	// of page 2 of the pack, which layout mode plus parseLayout reads right.
	out, err := exec.Command(r.pdftotext, "-f", "2", "-l", "2", "-enc", "UTF-8", "testdata/board-pack-2008-11.pdf", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	def := string(out)
	a, b := strings.Index(def, "Performance"), strings.Index(def, "Accident and emergency")
	c := strings.Index(def, "benefits to 2011/12")
	if a < 0 || b < 0 || c < 0 {
		t.Skip("default-mode output not as recorded; nothing to compare")
	}
	if c > b {
		t.Skip("this pdftotext reads page 2 in order in default mode too")
	}
	// Default mode put the right column's first line before the left
	// column's text; the reader must not.
	d, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), format.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	page := d.Text[d.Pages[1].Start:d.Pages[1].End]
	if i, j := strings.Index(page, "Accident and emergency"), strings.Index(page, "benefits to 2011/12"); i < 0 || j < i {
		t.Errorf("page 2: left column at %d, right column's first line at %d; want left first", i, j)
	}
}

func writeScript(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTimeoutKillsSubprocess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	info := writeScript(t, "pdfinfo", "echo 'Pages: 1'\n")
	slow := writeScript(t, "pdftotext", "sleep 30 &\necho $! > "+pidFile+"\nwait\n")
	r := New(Options{PDFToText: slow, PDFInfo: info})
	lim := format.DefaultLimits()
	lim.Timeout = 300 * time.Millisecond
	start := time.Now()
	_, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), lim)
	if !errors.Is(err, format.ErrTimeout) {
		t.Fatalf("Read with a hanging pdftotext error = %v; want ErrTimeout", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Read took %v after a timeout of %v", el, lim.Timeout)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the script did not start its child: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	deadline := time.Now().Add(2 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the script's child %d outlived the timeout", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestMachineFaults(t *testing.T) {
	data := readFile(t, "testdata/board-pack-2008-11.pdf")
	t.Run("missing program", func(t *testing.T) {
		r := New(Options{PDFToText: filepath.Join(t.TempDir(), "no-such-pdftotext"), PDFInfo: filepath.Join(t.TempDir(), "no-such-pdfinfo")})
		_, err := read(r, "pack.pdf", data, format.DefaultLimits())
		if err == nil || format.IsReject(err) {
			t.Errorf("Read with a missing pdftotext error = %v; want a machine fault, not a rejection", err)
		}
	})
	if runtime.GOOS == "windows" {
		return
	}
	t.Run("odd exit status", func(t *testing.T) {
		r := New(Options{PDFToText: writeScript(t, "pdftotext", "echo 'I/O error' >&2\nexit 99\n"), PDFInfo: writeScript(t, "pdfinfo", "echo 'Pages: 6'\n")})
		_, err := read(r, "pack.pdf", data, format.DefaultLimits())
		if err == nil || format.IsReject(err) {
			t.Errorf("Read with pdftotext exiting 99 error = %v; want a machine fault", err)
		}
	})
	t.Run("crash falls back to Go", func(t *testing.T) {
		r := New(Options{PDFToText: writeScript(t, "pdftotext", "kill -SEGV $$\n"), PDFInfo: writeScript(t, "pdfinfo", "echo 'Pages: 6'\n")})
		d, err := read(r, "pack.pdf", data, format.DefaultLimits())
		if err != nil {
			t.Fatalf("Read with a crashing pdftotext error = %v; want the Go parser's document", err)
		}
		if len(d.Warnings) == 0 || !strings.Contains(d.Warnings[0], "crashed") {
			t.Errorf("warnings %q; want one saying pdftotext crashed", d.Warnings)
		}
	})
}

func TestParseLayout(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // blocks of page 1; tables start with "T:"
	}{
		{"hyphen undone", "The trust began the imple-\nmentation in May.", []string{"The trust began the implementation in May."}},
		{"compound hyphen kept", "The trust ran a self-\nassessment in May.", []string{"The trust ran a self-assessment in May."}},
		{"capital after hyphen kept", "The NHS-\nWide network went live.", []string{"The NHS-Wide network went live."}},
		{"paragraphs on blank lines", "First paragraph line one\nline two.\n\nSecond paragraph.", []string{"First paragraph line one line two.", "Second paragraph."}},
		{"bullets", "Risks are:\n• cost of the system and its support\n• time", []string{"Risks are:", "• cost of the system and its support", "• time"}},
		{"table", "Division        Budget      Actual\nSurgery         48,200      28,950\nMedicine        52,600      31,120",
			[]string{"T:Division | Budget | Actual\nSurgery | 48,200 | 28,950\nMedicine | 52,600 | 31,120"}},
		{"table wrapped cell", "1      Cerner recovery plan and            CIO      TB/1\n       revised timetable\n2      Finance report                      DoF      TB/2",
			[]string{"T:1 | Cerner recovery plan and revised timetable | CIO | TB/1\n2 | Finance report | DoF | TB/2"}},
		{"two columns", "Left one starts here and runs on    Right one starts here and runs\nto the second line of the left.     to its second line and ends.\nThe left column has a third one     The right has a third line too\nthat ends here.                     which ends here.",
			[]string{"Left one starts here and runs on to the second line of the left. The left column has a third one that ends here.", "Right one starts here and runs to its second line and ends. The right has a third line too which ends here."}},
		{"page number dropped", "Text of the page.\n\n                 Page 1 of 9", []string{"Text of the page."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := parseLayout(tt.in, 0)
			var got []string
			for _, b := range pages[0] {
				if b.pre {
					got = append(got, "T:"+b.text)
				} else {
					got = append(got, b.text)
				}
			}
			if strings.Join(got, "\n---\n") != strings.Join(tt.want, "\n---\n") {
				t.Errorf("parseLayout(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPagesSplitOnFormFeed(t *testing.T) {
	got := parseLayout("one\fpage two\f\f", 3)
	if len(got) != 3 || len(got[2]) != 0 || got[1][0].text != "page two" {
		t.Errorf("parseLayout(3 pages, last empty) = %+v; want 3 pages, the last empty", got)
	}
}

func FuzzPDF(f *testing.F) {
	for _, n := range goodFixtures {
		f.Add(readFile(f, filepath.Join("testdata", n)))
	}
	for _, n := range []string{"truncated.pdf", "image-only.pdf"} {
		f.Add(readFile(f, filepath.Join("testdata", "bad", n)))
	}
	f.Add([]byte("Left column text here and on    Right column text\fTable   1,200   (300)\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The layout-text parser, on anything.
		for _, p := range parseLayout(string(data), 0) {
			for _, b := range p {
				if strings.ContainsRune(b.text, '\f') {
					t.Fatalf("block holds a form feed: %q", b.text)
				}
			}
		}
		// The pure-Go reader: a document that validates, or a rejection.
		r := New(Options{NoPoppler: true, NoOCR: true})
		lim := format.DefaultLimits()
		lim.Timeout = 2 * time.Second
		d, err := read(r, "fuzz.pdf", data, lim)
		if err != nil {
			return
		}
		c := *d
		c.ID = strings.Repeat("0", 64)
		if c.Kind == "" {
			c.Kind = corpus.KindReport
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("document does not validate: %v", err)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	data := readFile(b, "testdata/board-pack-2008-11.pdf")
	for _, eng := range []string{"pdftotext", "go"} {
		b.Run(eng, func(b *testing.B) {
			r := New(Options{NoPoppler: eng == "go"})
			if r.Engine() != eng {
				b.Skip("pdftotext not installed")
			}
			pages := 0
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d, err := read(r, "pack.pdf", data, format.DefaultLimits())
				if err != nil {
					b.Fatal(err)
				}
				pages += len(d.Pages)
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(len(data))*float64(b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
		})
	}
}
