package pdfdoc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// OCR of pages without a text layer: each such page is rendered to a grey
// image with Poppler's pdftoppm and read by Tesseract, whose words, with
// their boxes, are laid out on the same grid of text as pdftotext -layout
// writes, so that one parser reads columns and tables of scans too.

const (
	// minTextChars is the fewest letters and digits a page's text layer
	// needs not to be OCR'd: fewer is a scan, perhaps with a stamp or a
	// scanner's note on it.
	minTextChars = 20
	// lowConfidence is the mean word confidence, in per cent, below which
	// a page's OCR is flagged for a person to check.
	lowConfidence = 60
	// junkConfidence is the mean word confidence below which what OCR
	// found on a page is taken for noise (a photograph, a pattern).
	junkConfidence = 30
	maxRenderSide  = 7000 // pixels: A2 at 300 dpi
)

// ocrEngine runs OCR for one Reader.
type ocrEngine struct {
	pdftoppm, tesseract, pdfinfo string
	lang                         string
	dpi                          int
	maxPages                     int
	budget                       time.Duration
	sem                          chan struct{} // one token a page being OCR'd
	log                          *slog.Logger

	mu      sync.Mutex
	checked bool   // why is settled
	psm     string // Tesseract's page segmentation mode
	why     string // "" when OCR can run, else why not: "tesseract not installed"
	noticed bool
}

func newOCR(o Options) *ocrEngine {
	e := &ocrEngine{lang: o.OCRLanguage, dpi: o.OCRDPI, maxPages: o.OCRMaxPages, budget: o.OCRBudget, log: o.Logger}
	if e.lang == "" {
		e.lang = "eng"
	}
	if e.dpi <= 0 {
		e.dpi = 300
	}
	n := o.OCRWorkers
	if n <= 0 {
		n = runtime.NumCPU()
	}
	e.sem = make(chan struct{}, n)
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if o.NoOCR {
		e.why, e.checked = "OCR disabled", true
		return e
	}
	e.tesseract = findProgram(o.Tesseract, "tesseract")
	e.pdftoppm = findProgram(o.PDFToPPM, "pdftoppm")
	e.pdfinfo = findProgram(o.PDFInfo, "pdfinfo")
	switch {
	case e.tesseract == "":
		e.why, e.checked = "tesseract not installed", true
	case e.pdftoppm == "":
		e.why, e.checked = "pdftoppm not installed", true
	}
	return e
}

// findProgram returns the path of the program given, or of name in PATH;
// "" when it does not exist.
func findProgram(given, name string) string {
	if given == "" {
		given = name
	}
	p, err := exec.LookPath(given)
	if err != nil {
		return ""
	}
	return p
}

// OCRStatus says whether the Reader can OCR pages without a text layer,
// and if not, why not: "OCR disabled", "tesseract not installed",
// "pdftoppm not installed" or "tesseract has no language data for eng".
// The first call may run tesseract --list-langs.
func (r *Reader) OCRStatus() (ok bool, why string) {
	why = r.ocr.status()
	return why == "", why
}

// status settles, once, whether OCR can run: the programs are there and
// Tesseract has the language.
func (e *ocrEngine) status() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.checked {
		return e.why
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, msg, err := execTool(ctx, 30*time.Second, 1<<20, nil, e.tesseract, "--list-langs")
	if err != nil {
		// Not cached: a hiccup of the machine may pass.
		return fmt.Sprintf("tesseract does not run: %v%s", err, prefixed(msg))
	}
	have := map[string]bool{}
	for l := range strings.Lines(string(out)) {
		have[strings.TrimSpace(l)] = true
	}
	for l := range strings.SplitSeq(e.lang, "+") {
		if !have[l] {
			e.why = "tesseract has no language data for " + l
		}
	}
	// Page segmentation: automatic, with orientation detection when the
	// data for it is there (a page scanned sideways), without when not.
	e.psm = "3"
	if have["osd"] {
		e.psm = "1"
	}
	e.checked = true
	return e.why
}

// notice tells the log, once, that pages need OCR it cannot give.
func (e *ocrEngine) notice(path, why string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.noticed {
		return
	}
	e.noticed = true
	if why == "OCR disabled" {
		e.log.Info("PDF pages without a text layer are not OCR'd: OCR disabled; such PDFs are rejected as needing OCR", "stage", "ingest", "path", path)
		return
	}
	e.log.Warn("PDF pages without a text layer cannot be OCR'd: "+why+"; such PDFs are rejected as needing OCR (Debian: apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils)",
		"stage", "ingest", "path", path, "tesseract", e.tesseract, "pdftoppm", e.pdftoppm)
}

// pageOCR is what OCR found on one page.
type pageOCR struct {
	page       int     // from 1
	confidence float64 // mean word confidence, per cent
	words      int
}

// ocrReport says what OCR did for one document.
type ocrReport struct {
	why     string    // why textless pages were not OCR'd; "" when they were
	pages   []pageOCR // pages OCR'd, in order, with text
	blank   []int     // pages OCR found no text on
	capped  []int     // pages over the cap
	cap     int
	late    []int // pages left when the time ran out
	budget  time.Duration
	failed  []int // pages OCR failed on
	failErr error // the first failure
}

// ocrTextless OCRs the pages of a document that have next to no text,
// replacing their layout text in raw. pages is raw parsed. The error is a
// fault of the machine; what went wrong with pages is in the report.
func (r *Reader) ocrTextless(ctx context.Context, in format.Input, work *workDir, raw []string, pages [][]block) (*ocrReport, error) {
	rep := &ocrReport{}
	var todo []int
	for i, p := range pages {
		if textChars(p) < minTextChars {
			todo = append(todo, i+1)
		}
	}
	if len(todo) == 0 {
		return rep, nil
	}
	e := r.ocr
	if rep.why = e.status(); rep.why != "" {
		e.notice(in.Path, rep.why)
		return rep, nil
	}
	rep.cap = e.maxPages
	if rep.cap <= 0 {
		rep.cap = in.Limits.MaxPages
	}
	if rep.cap > 0 && len(todo) > rep.cap {
		todo, rep.capped = todo[:rep.cap], todo[rep.cap:]
	}
	path, err := work.pdfPath(in.Data)
	if err != nil {
		return nil, err
	}
	octx := ctx
	timeout := in.Limits.Timeout
	if e.budget > 0 {
		var cancel context.CancelFunc
		octx, cancel = context.WithTimeout(ctx, e.budget)
		defer cancel()
		if timeout <= 0 || e.budget < timeout {
			timeout = e.budget
		}
	}
	rep.budget = timeout
	dpis := e.pageDPIs(octx, timeout, path, todo)

	type result struct {
		layout string
		p      pageOCR
		err    error
	}
	res := make([]result, len(todo))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(cap(e.sem), len(todo)) {
		wg.Go(func() {
			for i := range next {
				select {
				case e.sem <- struct{}{}:
				case <-octx.Done():
					res[i].err = octx.Err()
					continue
				}
				res[i].layout, res[i].p, res[i].err = e.page(octx, timeout, work.dir, path, todo[i], dpis[todo[i]])
				<-e.sem
			}
		})
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()

	for i, n := range todo {
		switch err := res[i].err; {
		case err == nil && res[i].p.words == 0:
			rep.blank = append(rep.blank, n)
		case err == nil:
			raw[n-1] = res[i].layout
			rep.pages = append(rep.pages, res[i].p)
		case octx.Err() != nil && ctx.Err() == nil || errors.Is(err, format.ErrTimeout) || errors.Is(err, context.DeadlineExceeded):
			rep.late = append(rep.late, n)
		case ctx.Err() != nil:
			return nil, ctx.Err()
		default:
			rep.failed = append(rep.failed, n)
			if rep.failErr == nil {
				rep.failErr = fmt.Errorf("ocr page %d: %w", n, err)
			}
		}
	}
	return rep, nil
}

// textChars counts the letters and digits of a page, up to minTextChars.
func textChars(p []block) int {
	n := 0
	for _, b := range p {
		for _, c := range b.text {
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				if n++; n >= minTextChars {
					return n
				}
			}
		}
	}
	return n
}

// pageDPIs picks the resolution of each page: e.dpi, less for pages so
// large that their image would pass maxRenderSide pixels. The sizes come
// from pdfinfo; without it every page gets e.dpi.
func (e *ocrEngine) pageDPIs(ctx context.Context, timeout time.Duration, path string, pages []int) map[int]int {
	dpis := map[int]int{}
	for _, n := range pages {
		dpis[n] = e.dpi
	}
	if e.pdfinfo == "" {
		return dpis
	}
	out, err := runTool(ctx, timeout, 1<<20, e.pdfinfo, "-f", strconv.Itoa(pages[0]), "-l", strconv.Itoa(pages[len(pages)-1]), path)
	if err != nil {
		return dpis // rendering will say what is wrong
	}
	for l := range strings.Lines(string(out)) {
		// "Page    3 size:  595 x 842 pts (A4)"
		f := strings.Fields(l)
		if len(f) < 6 || f[0] != "Page" || f[2] != "size:" || f[4] != "x" {
			continue
		}
		n, err1 := strconv.Atoi(f[1])
		w, err2 := strconv.ParseFloat(f[3], 64)
		h, err3 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || err3 != nil || !(w > 0 && h > 0) {
			continue
		}
		if d, ok := dpis[n]; ok {
			dpis[n] = max(1, min(d, int(maxRenderSide*72/max(w, h))))
		}
	}
	return dpis
}

// page renders one page and OCRs it, returning its layout text.
func (e *ocrEngine) page(ctx context.Context, timeout time.Duration, dir, path string, n, dpi int) (string, pageOCR, error) {
	p := pageOCR{page: n}
	root := filepath.Join(dir, "page-"+strconv.Itoa(n))
	img := root + ".pgm"
	defer os.Remove(img)
	ns, ds := strconv.Itoa(n), strconv.Itoa(dpi)
	if _, err := runTool(ctx, timeout, 1<<16, e.pdftoppm, "-r", ds, "-gray", "-f", ns, "-l", ns, "-singlefile", path, root); err != nil {
		return "", p, err
	}
	// One thread a process: pages, not threads, use the CPUs.
	out, msg, err := execTool(ctx, timeout, 32<<20, []string{"OMP_THREAD_LIMIT=1"}, e.tesseract,
		img, "stdout", "-l", e.lang, "--psm", e.psm, "--dpi", ds, "tsv")
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", p, fmt.Errorf("tesseract: exit status %d%s", ee.ExitCode(), prefixed(msg))
		}
		return "", p, err
	}
	layout, conf, words := ocrLayout(out, dpi)
	if words > 0 && conf >= junkConfidence {
		p.confidence, p.words = conf, words
	}
	return layout, p, nil
}

// ocrLayout lays out the words of Tesseract's TSV output on a grid of text
// and returns it with the mean confidence of the words kept and their
// count. Specks read as punctuation are dropped.
func ocrLayout(tsv []byte, dpi int) (string, float64, int) {
	type word struct {
		left, top, width, height int
		conf                     float64
		text                     string
	}
	type line struct {
		top, height int
		words       []word
	}
	lines := map[[4]int]*line{}
	var order [][4]int
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		// level page block par line word left top width height conf text
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		var v [10]int
		ok := true
		for i := range v {
			var err error
			if v[i], err = strconv.Atoi(f[i]); err != nil {
				ok = false
			}
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if !ok || err != nil || !finite(conf) {
			continue // the header
		}
		key := [4]int{v[1], v[2], v[3], v[4]}
		l := lines[key]
		if l == nil && (v[0] == 4 || v[0] == 5) {
			l = &line{top: v[7], height: v[9]}
			lines[key] = l
			order = append(order, key)
		}
		switch v[0] {
		case 4:
			l.top, l.height = v[7], v[9]
		case 5:
			text := strings.TrimSpace(strings.Join(f[11:], " "))
			if text == "" || conf < 0 || v[8] <= 0 || v[9] <= 0 {
				continue
			}
			l.words = append(l.words, word{v[6], v[7], v[8], v[9], conf, text})
		}
	}
	var gs []glyph
	var charWidths []float64
	sum, n := 0.0, 0
	scale := 72 / float64(dpi)
	for _, key := range order {
		l := lines[key]
		if l.height <= 0 {
			continue
		}
		// The baseline: the foot of the words that have no descenders.
		var feet []int
		for _, w := range l.words {
			if !strings.ContainsAny(w.text, descenders) && hasAlnum(w.text) {
				feet = append(feet, w.top+w.height)
			}
		}
		base := float64(l.top + l.height - l.height/5)
		if len(feet) > 0 {
			slices.Sort(feet)
			base = float64(feet[len(feet)/2])
		}
		for _, w := range l.words {
			// A speck: punctuation smaller than a third of the line both ways.
			if !hasAlnum(w.text) && (w.conf < lowConfidence || 3*w.width < l.height && 3*w.height < l.height) {
				continue
			}
			width := float64(w.width) * scale
			gs = append(gs, glyph{x: float64(w.left) * scale, y: -base * scale, w: width, size: float64(l.height) * scale, s: w.text})
			charWidths = append(charWidths, width/float64(len([]rune(w.text))))
			sum += w.conf
			n++
		}
	}
	if n == 0 {
		return "", 0, 0
	}
	slices.Sort(charWidths)
	// Cells a little narrower than a character, as for PDF text. Scans
	// are often letters, of short paragraphs: the usual spacing of lines
	// is a low quantile of the gaps, not the median.
	return layoutGlyphs(gs, charWidths[len(charWidths)/2]*0.9, 0.25), sum / float64(n), n
}

// descenders are the characters that reach below the baseline.
const descenders = "gjpqy,;()[]{}|/@$Q"

func hasAlnum(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// noText is the rejection of a document in which no page has text.
func (rep *ocrReport) noText(pages int) error {
	imgs := plural(pages, "page") + " of images"
	switch {
	case rep.why != "":
		return format.Reject(format.ErrNeedsOCR, "%s; %s", rep.why, imgs)
	case len(rep.failed) > 0 && !format.IsReject(rep.failErr):
		return rep.failErr // a fault of the machine
	case len(rep.failed) > 0:
		var re *format.RejectError
		errors.As(rep.failErr, &re)
		return format.Reject(re.Reason, "OCR of page %d: %s", rep.failed[0], re.Detail)
	case len(rep.late) > 0:
		return format.Reject(format.ErrTimeout, "OCR of %s ran over %s", pagesWord(rep.late), rep.budget)
	default:
		return format.Reject(format.ErrNeedsOCR, "OCR found no text; %s", imgs)
	}
}

// warnings say which pages were OCR'd, how well, and which pages have no
// text and why. empty lists the pages without text.
func (rep *ocrReport) warnings(empty []int) []string {
	var ws []string
	if len(rep.pages) > 0 {
		var ns, low []int
		var by []string
		sum, words := 0.0, 0
		for _, p := range rep.pages {
			ns = append(ns, p.page)
			sum += p.confidence * float64(p.words)
			words += p.words
			by = append(by, fmt.Sprintf("%d: %.0f%%", p.page, p.confidence))
			if p.confidence < lowConfidence {
				low = append(low, p.page)
			}
		}
		ws = append(ws, fmt.Sprintf("%s OCR'd (mean confidence %.0f%%)", pagesWord(ns), sum/float64(words)))
		if len(rep.pages) > 1 {
			ws = append(ws, "OCR confidence by page: "+strings.Join(by, ", "))
		}
		if len(low) > 0 {
			ws = append(ws, fmt.Sprintf("low OCR confidence (under %d%%) on %s: check the text", lowConfidence, pagesWord(low)))
		}
	}
	if len(rep.blank) > 0 {
		ws = append(ws, fmt.Sprintf("OCR found no text on %s", pagesWord(rep.blank)))
	}
	if len(rep.capped) > 0 {
		ws = append(ws, fmt.Sprintf("%s not OCR'd: OCR stops after %s of a document", pagesWord(rep.capped), plural(rep.cap, "page")))
	}
	if len(rep.late) > 0 {
		ws = append(ws, fmt.Sprintf("%s not OCR'd: OCR ran out of time (%s)", pagesWord(rep.late), rep.budget))
	}
	if len(rep.failed) > 0 {
		ws = append(ws, fmt.Sprintf("%s not OCR'd: %v", pagesWord(rep.failed), rep.failErr))
	}
	// Pages without text that none of the above explains.
	var rest []int
	for _, n := range empty {
		if !slices.Contains(rep.blank, n) && !slices.Contains(rep.capped, n) && !slices.Contains(rep.late, n) && !slices.Contains(rep.failed, n) {
			rest = append(rest, n)
		}
	}
	if len(rest) > 0 {
		w := fmt.Sprintf("no text on %s", pagesWord(rest))
		if rep.why != "" {
			w += ": scanned images need OCR (" + rep.why + ")"
		}
		ws = append(ws, w)
	}
	return ws
}

// pagesWord writes "page 3" or "pages 3-5, 8".
func pagesWord(ps []int) string {
	if len(ps) == 1 {
		return "page " + strconv.Itoa(ps[0])
	}
	return "pages " + pageList(ps)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
