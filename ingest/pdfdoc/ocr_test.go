package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

const (
	scannedFixture = "testdata/scanned-board-paper-2009-02.pdf"
	mixedFixture   = "testdata/mixed-board-pack-2009-03.pdf"
)

// needOCR skips the test when this machine cannot OCR: CI installs
// Tesseract, a developer's machine may not have it.
func needOCR(t testing.TB) *Reader {
	t.Helper()
	r := New(Options{})
	if ok, why := r.OCRStatus(); !ok {
		t.Skipf("OCR unavailable (%s): install it with apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils", why)
	}
	return r
}

func needPDFToPPM(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (Debian: apt-get install poppler-utils)")
	}
}

var reToken = regexp.MustCompile(`[\p{L}\p{N}£][\p{L}\p{N}£.,/'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]`)

// words are the normalised words of s: lower case, punctuation around
// them dropped.
func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range reToken.FindAllString(strings.ToLower(s), -1) {
		m[w] = true
	}
	return m
}

// hasWord reports whether text has the word, allowing OCR one wrong,
// missing or extra character in words of five or more.
func hasWord(ws map[string]bool, w string) bool {
	w = strings.ToLower(w)
	if ws[w] {
		return true
	}
	if len([]rune(w)) < 5 {
		return false
	}
	for got := range ws {
		if editDistance(got, w) <= 1 {
			return true
		}
	}
	return false
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func pageText(d *corpus.Document, n int) string {
	p := d.Pages[n-1]
	return d.Text[p.Start:p.End]
}

func checkWords(t *testing.T, d *corpus.Document, page int, want []string) {
	t.Helper()
	ws := words(pageText(d, page))
	for _, w := range want {
		if !hasWord(ws, w) {
			t.Errorf("page %d lacks %q; its text:\n%s", page, w, pageText(d, page))
		}
	}
}

var reMeanConf = regexp.MustCompile(`OCR'd \(mean confidence (\d+)%\)$`)

func TestOCRScanned(t *testing.T) {
	r := needOCR(t)
	d, err := read(r, "scan.pdf", readFile(t, scannedFixture), format.DefaultLimits())
	if err != nil {
		t.Fatalf("Read(scanned paper) error = %v; want it OCR'd", err)
	}
	if len(d.Pages) != 2 {
		t.Fatalf("pages = %d; want 2", len(d.Pages))
	}
	checkWords(t, d, 1, []string{"Northfield", "Hospitals", "NHS", "Trust", "Cerner", "Millennium", "£7.2m", "£2.9m", "variation"})
	checkWords(t, d, 2, []string{"Recommendation", "£7.2m", "Helen", "Marsh", "delegate"})
	if ws := words(pageText(d, 1)); hasWord(ws, "recommendation") {
		t.Errorf("page 1 holds page 2's text")
	}
	if len(d.Warnings) == 0 || !strings.HasPrefix(d.Warnings[0], "pages 1-2 OCR'd (mean confidence ") {
		t.Fatalf("warnings %q; want the first to say pages 1-2 were OCR'd", d.Warnings)
	}
	if m := reMeanConf.FindStringSubmatch(d.Warnings[0]); m == nil || atoi(m[1]) < 80 {
		t.Errorf("warning %q; want a mean confidence of 80%% or more", d.Warnings[0])
	}
	if !strings.Contains(strings.Join(d.Warnings, "\n"), "OCR confidence by page: 1: ") {
		t.Errorf("warnings %q; want the confidence of each page", d.Warnings)
	}
	// The title page of the scan makes it a board paper.
	if d.Kind != corpus.KindBoardPaper || d.Published.String() != "2009-02-25" {
		t.Errorf("kind %q published %s; want a board paper of 2009-02-25", d.Kind, d.Published)
	}
	// The table of the scan is read as a table, rows of cells.
	if !regexp.MustCompile(`(?m)^2009/10 \| \S+ \| \S+ \| \S+$`).MatchString(d.Text) {
		t.Errorf("the cost table is not rows of 4 cells:\n%s", pageText(d, 1))
	}
}

// countingTesseract wraps the real tesseract in a script that logs the
// image of each page it OCRs.
func countingTesseract(t *testing.T) (path, log string) {
	t.Helper()
	real, err := exec.LookPath("tesseract")
	if err != nil {
		t.Skip("tesseract not installed")
	}
	log = filepath.Join(t.TempDir(), "calls")
	return writeScript(t, "tesseract", `case "$1" in --*) ;; *) echo "$1" >> `+log+`;; esac
exec `+real+` "$@"
`), log
}

func calls(t *testing.T, log string) []string {
	b, err := os.ReadFile(log)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

func TestOCRMixed(t *testing.T) {
	needOCR(t)
	tess, log := countingTesseract(t)
	data := readFile(t, mixedFixture)
	for name, r := range map[string]*Reader{
		"pdftotext": New(Options{Tesseract: tess}),
		"go":        New(Options{Tesseract: tess, NoPoppler: true}),
	} {
		t.Run(name, func(t *testing.T) {
			os.Remove(log)
			d, err := read(r, "mixed.pdf", data, format.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if got := calls(t, log); len(got) != 1 || !strings.HasSuffix(got[0], "page-2.pgm") {
				t.Errorf("tesseract read %q; want page 2 only", got)
			}
			if len(d.Pages) != 3 {
				t.Fatalf("pages = %d; want 3", len(d.Pages))
			}
			checkWords(t, d, 2, []string{"Connecting", "Health", "£1.5m", "Ravi", "Menon", "instalments"})
			checkWords(t, d, 1, []string{"Agenda", "item", "9"})
			checkWords(t, d, 3, []string{"Finance", "£3.4m"})
			if len(d.Warnings) != 1 || !reMeanConf.MatchString(d.Warnings[0]) || !strings.HasPrefix(d.Warnings[0], "page 2 OCR'd") {
				t.Errorf("warnings %q; want only \"page 2 OCR'd (mean confidence N%%)\"", d.Warnings)
			}
			// The typed pages read as they do without OCR.
			off, err := read(New(Options{NoOCR: true, NoPoppler: name == "go"}), "mixed.pdf", data, format.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []int{1, 3} {
				if a, b := pageText(d, n), pageText(off, n); a != b {
					t.Errorf("page %d with OCR:\n%s\nwithout:\n%s", n, a, b)
				}
			}
			if want := "no text on page 2: scanned images need OCR (OCR disabled)"; len(off.Warnings) != 1 || off.Warnings[0] != want {
				t.Errorf("warnings without OCR %q; want %q", off.Warnings, want)
			}
		})
	}
}

// recorder is a slog handler that keeps the records.
type recorder struct{ recs *[]slog.Record }

func (h recorder) Enabled(context.Context, slog.Level) bool { return true }
func (h recorder) Handle(_ context.Context, r slog.Record) error {
	*h.recs = append(*h.recs, r)
	return nil
}
func (h recorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h recorder) WithGroup(string) slog.Handler      { return h }

func TestOCRUnavailable(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-program")
	tests := []struct {
		name string
		opts Options
		why  string
	}{
		{"disabled", Options{NoOCR: true}, "OCR disabled"},
		{"no tesseract", Options{Tesseract: missing}, "tesseract not installed"},
		{"no pdftoppm", Options{PDFToPPM: missing, Tesseract: "/bin/true"}, "pdftoppm not installed"},
	}
	if runtime.GOOS == "windows" {
		tests = tests[:2]
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []slog.Record
			tt.opts.Logger = slog.New(recorder{&recs})
			r := New(tt.opts)
			if ok, why := r.OCRStatus(); ok || why != tt.why {
				t.Errorf("OCRStatus() = %v, %q; want false, %q", ok, why, tt.why)
			}
			for _, f := range []string{scannedFixture, scannedFixture, "testdata/bad/image-only.pdf"} {
				d, err := read(r, f, readFile(t, f), format.DefaultLimits())
				if !errors.Is(err, format.ErrNeedsOCR) || !format.IsReject(err) {
					t.Fatalf("Read(%s) = %v, %v; want a format.ErrNeedsOCR rejection", f, d != nil, err)
				}
				if want := "no text layer; needs OCR: " + tt.why; !strings.HasPrefix(err.Error(), want) {
					t.Errorf("Read(%s) error %q; want it to start %q", f, err, want)
				}
			}
			// A text PDF is read as ever.
			if _, err := read(r, "pack.pdf", readFile(t, "testdata/board-pack-2008-11.pdf"), format.DefaultLimits()); err != nil {
				t.Errorf("Read(text PDF) error = %v", err)
			}
			if len(recs) != 1 {
				t.Fatalf("%d log records; want one notice for the Reader", len(recs))
			}
			if msg := recs[0].Message; !strings.Contains(msg, tt.why) {
				t.Errorf("notice %q; want it to say %q", msg, tt.why)
			}
		})
	}
}

func TestOCRNoLanguage(t *testing.T) {
	needPDFToPPM(t)
	tess := writeScript(t, "tesseract", "echo 'List of available languages in \"/x/\" (1):'\necho osd\n")
	r := New(Options{Tesseract: tess})
	_, err := read(r, "scan.pdf", readFile(t, scannedFixture), format.DefaultLimits())
	if !errors.Is(err, format.ErrNeedsOCR) || !strings.Contains(err.Error(), "tesseract has no language data for eng") {
		t.Errorf("Read with no eng data error = %v; want ErrNeedsOCR saying so", err)
	}
}

// fakeOCR writes a pdftoppm that renders at once and a tesseract that
// lists eng, hangs on pages whose image name matches slow (writing the
// PIDs of its children to a file) and reads every other page as the
// letter of testdata/ocr.
func fakeOCR(t *testing.T, slow string) (ppm, tess, pids string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	pids = filepath.Join(t.TempDir(), "pids")
	letter, err := filepath.Abs("testdata/ocr/letter.tsv")
	if err != nil {
		t.Fatal(err)
	}
	ppm = writeScript(t, "pdftoppm", "for a; do root=$a; done\n: > \"$root.pgm\"\n")
	tess = writeScript(t, "tesseract", `case "$1" in
--list-langs) echo eng;;
*`+slow+`*) sleep 30 & echo $! >> `+pids+`; wait;;
*) cat `+letter+`;;
esac
`)
	return ppm, tess, pids
}

// checkKilled waits for the processes listed in the file to die.
func checkKilled(t *testing.T, pids string) {
	t.Helper()
	b, err := os.ReadFile(pids)
	if err != nil {
		t.Fatalf("the slow tesseract did not start: %v", err)
	}
	for _, f := range strings.Fields(string(b)) {
		pid, _ := strconv.Atoi(f)
		deadline := time.Now().Add(2 * time.Second)
		for alive(pid) {
			if time.Now().After(deadline) {
				syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("the slow tesseract's child %d outlived the timeout", pid)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// alive reports whether a process runs: it exists and, where /proc says,
// is not a zombie waiting for a parent to reap it.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z")
}

func TestOCRTimeout(t *testing.T) {
	data := readFile(t, scannedFixture)
	t.Run("file timeout", func(t *testing.T) {
		ppm, tess, pids := fakeOCR(t, "page-")
		lim := format.DefaultLimits()
		lim.Timeout = time.Second
		start := time.Now()
		_, err := read(New(Options{PDFToPPM: ppm, Tesseract: tess}), "scan.pdf", data, lim)
		if !errors.Is(err, format.ErrTimeout) || !strings.Contains(err.Error(), "OCR of pages 1-2 ran over 1s") {
			t.Fatalf("Read with a hanging tesseract error = %v; want ErrTimeout for pages 1-2", err)
		}
		if el := time.Since(start); el > 5*time.Second {
			t.Errorf("Read took %v after a timeout of %v", el, lim.Timeout)
		}
		checkKilled(t, pids)
	})
	t.Run("budget", func(t *testing.T) {
		ppm, tess, pids := fakeOCR(t, "page-")
		_, err := read(New(Options{PDFToPPM: ppm, Tesseract: tess, OCRBudget: 500 * time.Millisecond}), "scan.pdf", data, format.DefaultLimits())
		if !errors.Is(err, format.ErrTimeout) || !strings.Contains(err.Error(), "ran over 500ms") {
			t.Fatalf("Read with a hanging tesseract error = %v; want ErrTimeout naming the budget", err)
		}
		checkKilled(t, pids)
	})
	t.Run("some pages in time", func(t *testing.T) {
		ppm, tess, pids := fakeOCR(t, "page-2")
		d, err := read(New(Options{PDFToPPM: ppm, Tesseract: tess, OCRBudget: time.Second, OCRWorkers: 2}), "scan.pdf", data, format.DefaultLimits())
		if err != nil {
			t.Fatalf("Read with page 2 hanging error = %v; want page 1 read", err)
		}
		checkWords(t, d, 1, []string{"Connecting"})
		want := []string{"page 1 OCR'd", "page 2 not OCR'd: OCR ran out of time (1s)"}
		if len(d.Warnings) != 2 || !strings.HasPrefix(d.Warnings[0], want[0]) || d.Warnings[1] != want[1] {
			t.Errorf("warnings %q; want %q", d.Warnings, want)
		}
		checkKilled(t, pids)
	})
	t.Run("cancelled", func(t *testing.T) {
		ppm, tess, pids := fakeOCR(t, "page-")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		_, err := New(Options{PDFToPPM: ppm, Tesseract: tess}).Read(ctx, format.Input{Path: "scan.pdf", Data: data, Limits: format.DefaultLimits()})
		if !errors.Is(err, context.Canceled) || format.IsReject(err) {
			t.Fatalf("Read cancelled during OCR error = %v; want context.Canceled, not a rejection", err)
		}
		checkKilled(t, pids)
	})
}

// TestOCRWorkers reads scans concurrently with one Reader: no more pages
// are OCR'd at once than its workers, across all the documents.
func TestOCRWorkers(t *testing.T) {
	ppm, _, _ := fakeOCR(t, "never")
	dir := t.TempDir()
	letter, _ := filepath.Abs("testdata/ocr/letter.tsv")
	tess := writeScript(t, "tesseract", `case "$1" in --list-langs) echo eng; exit 0;; esac
touch `+dir+`/run.$$
ls `+dir+` | grep -c '^run' >> `+dir+`/counts
sleep 0.2
rm `+dir+`/run.$$
cat `+letter+`
`)
	const workers = 2
	r := New(Options{PDFToPPM: ppm, Tesseract: tess, OCRWorkers: workers})
	data := readFile(t, scannedFixture)
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			_, err := read(r, "scan.pdf", data, format.DefaultLimits())
			errs <- err
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	counts := strings.Fields(string(readFile(t, filepath.Join(dir, "counts"))))
	if len(counts) != 6 {
		t.Errorf("tesseract ran %d times; want 6 (3 documents of 2 pages)", len(counts))
	}
	for _, c := range counts {
		if atoi(c) > workers {
			t.Errorf("%s pages OCR'd at once; want at most %d", c, workers)
		}
	}
}

func TestOCRLimits(t *testing.T) {
	needOCR(t)
	data := readFile(t, scannedFixture)
	t.Run("page cap", func(t *testing.T) {
		tess, log := countingTesseract(t)
		d, err := read(New(Options{Tesseract: tess, OCRMaxPages: 1}), "scan.pdf", data, format.DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if got := calls(t, log); len(got) != 1 {
			t.Errorf("tesseract read %q; want one page", got)
		}
		checkWords(t, d, 1, []string{"Cerner"})
		if want := "page 2 not OCR'd: OCR stops after 1 page of a document"; len(d.Warnings) != 2 || d.Warnings[1] != want {
			t.Errorf("warnings %q; want the second %q", d.Warnings, want)
		}
	})
	t.Run("failure", func(t *testing.T) {
		bad := writeScript(t, "tesseract", "case \"$1\" in --list-langs) echo eng; exit 0;; esac\necho 'Error in pixReadStream' >&2\nexit 1\n")
		_, err := read(New(Options{Tesseract: bad}), "scan.pdf", data, format.DefaultLimits())
		if err == nil || format.IsReject(err) || !strings.Contains(err.Error(), "pixReadStream") {
			t.Errorf("Read with a failing tesseract error = %v; want a machine fault naming its error", err)
		}
		d, err := read(New(Options{Tesseract: bad}), "mixed.pdf", readFile(t, mixedFixture), format.DefaultLimits())
		if err != nil {
			t.Fatalf("Read(mixed) with a failing tesseract error = %v; want the typed pages", err)
		}
		if len(d.Warnings) != 1 || !strings.HasPrefix(d.Warnings[0], "page 2 not OCR'd: ocr page 2: tesseract: exit status 1") {
			t.Errorf("warnings %q; want one saying page 2 was not OCR'd and why", d.Warnings)
		}
	})
}

// TestImageOnly: a page of bars, no letters, is still rejected with OCR.
func TestImageOnly(t *testing.T) {
	r := needOCR(t)
	_, err := read(r, "image-only.pdf", readFile(t, "testdata/bad/image-only.pdf"), format.DefaultLimits())
	if !errors.Is(err, format.ErrNeedsOCR) || !strings.Contains(err.Error(), "OCR found no text; 1 page of images") {
		t.Errorf("Read(image-only) error = %v; want ErrNeedsOCR saying OCR found no text", err)
	}
}

func TestOCRLayoutGolden(t *testing.T) {
	tsv := readFile(t, "testdata/ocr/letter.tsv")
	text, conf, n := ocrLayout(tsv, 300)
	got := string(bytes.TrimRight([]byte(text), "\n")) + "\n"
	path := "testdata/golden/letter.ocr.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want := string(readFile(t, path)); got != want {
		t.Errorf("ocrLayout(letter.tsv) differs from %s (rerun with -update to accept):\n%s", path, firstDiff(got, want))
	}
	if n < 80 || conf < 90 || conf > 100 {
		t.Errorf("ocrLayout(letter.tsv) = %d words, confidence %.1f; want 80+ words, 90-100", n, conf)
	}
	// The page read as paragraphs: the letter's parts apart.
	var paras []string
	for _, b := range parseLayout(text, 1)[0] {
		paras = append(paras, b.text)
	}
	for _, want := range []string{"Dear Chief Executive,", "Yours sincerely,", "Dr Ravi Menon, Programme Director"} {
		found := false
		for _, p := range paras {
			found = found || p == want
		}
		if !found {
			t.Errorf("no paragraph %q in %q", want, paras)
		}
	}
}

func TestOCRLayout(t *testing.T) {
	const head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	itoa := strconv.Itoa
	line := func(block, ln, left, top, width, height int) string {
		return strings.Join([]string{"4", "1", itoa(block), "1", itoa(ln), "0", itoa(left), itoa(top), itoa(width), itoa(height), "-1", ""}, "\t") + "\n"
	}
	word := func(block, ln, n, left, top, width, height int, conf, text string) string {
		return strings.Join([]string{"5", "1", itoa(block), "1", itoa(ln), itoa(n), itoa(left), itoa(top), itoa(width), itoa(height), conf, text}, "\t") + "\n"
	}
	// A row of a table whose two columns Tesseract put in two blocks.
	row := func(ln, top int, a, b, c string) string {
		return line(1, ln, 100, top, 200, 40) + word(1, ln, 1, 100, top, 150, 32, "90", a) +
			line(2, ln, 900, top+2, 200, 40) + word(2, ln, 1, 900, top+2, 150, 32, "90", b) +
			line(3, ln, 1300, top+1, 200, 40) + word(3, ln, 1, 1300, top+1, 150, 32, "90", c)
	}
	tests := []struct {
		name  string
		tsv   string
		want  []string // blocks of the page; tables start with "T:"
		words int
		conf  float64
	}{
		{"empty", head, nil, 0, 0},
		{"garbage", "not\ttsv\nat all", nil, 0, 0},
		{"one line", head + line(1, 1, 100, 100, 400, 40) +
			word(1, 1, 1, 100, 100, 120, 32, "90", "Board") + word(1, 1, 2, 240, 100, 160, 40, "80", "papers"),
			[]string{"Board papers"}, 2, 85},
		{"speck dropped", head + line(1, 1, 100, 100, 400, 40) +
			word(1, 1, 1, 100, 100, 120, 32, "90", "Board") + word(1, 1, 2, 300, 120, 8, 8, "95", "."),
			[]string{"Board"}, 1, 90},
		{"unsure punctuation dropped", head + line(1, 1, 100, 100, 400, 40) +
			word(1, 1, 1, 100, 100, 120, 32, "90", "Board") + word(1, 1, 2, 300, 100, 30, 30, "40", "*"),
			[]string{"Board"}, 1, 90},
		{"dash kept", head + line(1, 1, 100, 100, 600, 40) +
			word(1, 1, 1, 100, 100, 120, 32, "90", "Trust") + word(1, 1, 2, 240, 110, 40, 6, "90", "—") + word(1, 1, 3, 300, 100, 120, 32, "90", "Board"),
			[]string{"Trust — Board"}, 3, 90},
		{"paragraphs by spacing", head +
			line(1, 1, 100, 100, 400, 40) + word(1, 1, 1, 100, 100, 120, 32, "90", "First") +
			line(1, 2, 100, 160, 400, 40) + word(1, 2, 1, 100, 160, 120, 32, "90", "second") +
			line(1, 3, 100, 220, 400, 40) + word(1, 3, 1, 100, 220, 120, 32, "90", "third.") +
			line(2, 1, 100, 340, 400, 40) + word(2, 1, 1, 100, 340, 120, 32, "90", "Next"),
			[]string{"First second third.", "Next"}, 4, 90},
		{"table cells in blocks", head + row(1, 100, "2009/10", "£1,900k", "£700k") + row(2, 160, "2010/11", "£1,000k", "£1,100k") + row(3, 220, "2011/12", "", "£1,250k"),
			[]string{"T:2009/10 | £1,900k | £700k\n2010/11 | £1,000k | £1,100k\n2011/12 |  | £1,250k"}, 8, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, conf, n := ocrLayout([]byte(tt.tsv), 300)
			var got []string
			for _, b := range parseLayout(text, 1)[0] {
				if b.pre {
					got = append(got, "T:"+b.text)
				} else {
					got = append(got, b.text)
				}
			}
			if strings.Join(got, "\n---\n") != strings.Join(tt.want, "\n---\n") || n != tt.words || conf != tt.conf {
				t.Errorf("ocrLayout() = %q (%q), %.1f, %d; want %q, %.1f, %d", got, text, conf, n, tt.want, tt.conf, tt.words)
			}
		})
	}
}

func TestPageWarnings(t *testing.T) {
	tests := []struct {
		rep   ocrReport
		empty []int
		want  []string
	}{
		{ocrReport{why: "tesseract not installed"}, []int{2, 3, 4}, []string{"no text on pages 2-4: scanned images need OCR (tesseract not installed)"}},
		{ocrReport{pages: []pageOCR{{3, 90, 100}, {4, 50, 100}, {5, 70, 200}}}, nil, []string{
			"pages 3-5 OCR'd (mean confidence 70%)", "OCR confidence by page: 3: 90%, 4: 50%, 5: 70%", "low OCR confidence (under 60%) on page 4: check the text"}},
		{ocrReport{blank: []int{7}, capped: []int{8, 9}, cap: 6, late: []int{10}, budget: time.Minute}, []int{7, 8, 9, 10, 11}, []string{
			"OCR found no text on page 7", "pages 8-9 not OCR'd: OCR stops after 6 pages of a document",
			"page 10 not OCR'd: OCR ran out of time (1m0s)", "no text on page 11"}},
	}
	for _, tt := range tests {
		if got := tt.rep.warnings(tt.empty); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("warnings(%+v, %v) =\n%q\nwant\n%q", tt.rep, tt.empty, got, tt.want)
		}
	}
}

func FuzzOCRLayout(f *testing.F) {
	f.Add(readFile(f, "testdata/ocr/letter.tsv"), 300)
	f.Add([]byte("5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t99\tx\n"), 72)
	f.Fuzz(func(t *testing.T, tsv []byte, dpi int) {
		if dpi < 1 || dpi > 2400 {
			dpi = 300
		}
		text, conf, n := ocrLayout(tsv, dpi)
		if n == 0 && text != "" || conf < 0 && n > 0 {
			t.Fatalf("ocrLayout = %q, %v, %d", text, conf, n)
		}
		for _, p := range parseLayout(text, 1) {
			for _, b := range p {
				if strings.ContainsRune(b.text, '\f') {
					t.Fatalf("block holds a form feed: %q", b.text)
				}
			}
		}
	})
}

// BenchmarkOCR reads the two-page scanned paper: pages OCR'd a second
// with one worker and with one a CPU.
func BenchmarkOCR(b *testing.B) {
	needOCR(b)
	data := readFile(b, scannedFixture)
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			r := New(Options{OCRWorkers: workers})
			pages := 0
			for b.Loop() {
				d, err := read(r, "scan.pdf", data, format.DefaultLimits())
				if err != nil {
					b.Fatal(err)
				}
				pages += len(d.Pages)
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
