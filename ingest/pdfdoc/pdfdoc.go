package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Options configure a Reader.
type Options struct {
	// PDFToText is the path of Poppler's pdftotext, which reads the text
	// and metadata. Empty means look it up in PATH when the Reader is
	// built.
	PDFToText string
	// PDFInfo is the path of Poppler's pdfinfo, which OCR asks for the
	// size of the pages it renders. Empty means look it up in PATH.
	PDFInfo string
	// NoPoppler makes the Reader use the pure-Go parser even when
	// pdftotext is installed. It does not turn OCR off.
	NoPoppler bool

	// NoOCR turns OCR off: pages without a text layer stay empty, with a
	// warning, and a PDF with no text at all is rejected with
	// format.ErrNeedsOCR ("OCR disabled").
	NoOCR bool
	// PDFToPPM and Tesseract are the paths of the programs OCR runs:
	// Poppler's renderer and Tesseract. Empty means look them up in PATH.
	PDFToPPM  string
	Tesseract string
	// OCRLanguage is Tesseract's language, "eng" when empty ("eng+cym"
	// for more than one).
	OCRLanguage string
	// OCRDPI is the resolution pages are rendered at for OCR, 300 when 0.
	// Very large pages are rendered at less, to at most 7000 pixels a side.
	OCRDPI int
	// OCRWorkers is how many pages the Reader OCRs at once, across all the
	// documents it reads concurrently: the number of CPUs when 0.
	OCRWorkers int
	// OCRMaxPages is the most pages OCR'd in one document, the limit of
	// pages (format.Limits.MaxPages) when 0. Pages over it stay empty,
	// with a warning.
	OCRMaxPages int
	// OCRBudget is the longest OCR of one document may take. When it runs
	// out the pages not yet OCR'd stay empty, with a warning. 0 means no
	// budget but the per-file timeout (format.Limits.Timeout).
	OCRBudget time.Duration
	// Logger receives the notice, once per Reader, that pages need OCR and
	// it is disabled or Tesseract is missing. nil discards it.
	Logger *slog.Logger
}

// Reader reads PDF files. Build it with New; it is safe for concurrent use.
type Reader struct {
	pdftotext string // "" when absent: the Go fallback reads
	ocr       *ocrEngine
}

var _ format.Reader = (*Reader)(nil)

// New returns a Reader using the programs named in opts, or found in PATH.
func New(opts Options) *Reader {
	r := &Reader{ocr: newOCR(opts)}
	if opts.NoPoppler {
		return r
	}
	if opts.PDFToText != "" {
		r.pdftotext = opts.PDFToText // a fault of the machine when it cannot run
	} else if p, err := exec.LookPath("pdftotext"); err == nil {
		r.pdftotext = p
	}
	return r
}

// Name is the reader's name and version. Version 2 OCRs pages without a
// text layer.
func (r *Reader) Name() string { return "pdf/2" }

// Engine says what extracts the text: "pdftotext" or "go".
func (r *Reader) Engine() string {
	if r.pdftotext != "" {
		return "pdftotext"
	}
	return "go"
}

// meta is what a PDF says about itself.
type meta struct {
	Title, Author, Created string
	Pages                  int
}

// Read extracts the text of a PDF page by page, in reading order, and its
// title, authors, published date and, for board papers, the meeting.
func (r *Reader) Read(ctx context.Context, in format.Input) (*corpus.Document, error) {
	if err := format.CheckSize(in); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pdf %s: %w", in.Path, err)
	}
	if err := sniff(in.Data); err != nil {
		return nil, err
	}
	tctx := ctx
	if in.Limits.Timeout > 0 {
		var cancel context.CancelFunc
		tctx, cancel = context.WithTimeout(ctx, in.Limits.Timeout)
		defer cancel()
	}
	var (
		raw   []string
		m     meta
		warns []string
		err   error
		work  workDir
	)
	defer work.remove()
	if r.pdftotext != "" {
		var path string
		if path, err = work.pdfPath(in.Data); err != nil {
			return nil, fmt.Errorf("pdf %s: %w", in.Path, err)
		}
		raw, m, err = r.poppler(tctx, path, in)
		if errors.Is(err, errCrashed) {
			// pdftotext died on this input: let the Go parser try it.
			var err2 error
			raw, m, err2 = readGo(tctx, in)
			if err2 != nil {
				if format.IsReject(err2) {
					return nil, format.Reject(format.ErrCorrupt, "%v; the Go parser failed too: %v", err, err2)
				}
				return nil, fmt.Errorf("pdf %s: %w", in.Path, err2)
			}
			warns = append(warns, err.Error()+"; read with the Go parser")
			err = nil
		}
	} else {
		raw, m, err = readGo(tctx, in)
	}
	if err != nil {
		if ctx.Err() != nil && !format.IsReject(err) {
			return nil, fmt.Errorf("pdf %s: %w", in.Path, ctx.Err())
		}
		if !format.IsReject(err) {
			return nil, fmt.Errorf("pdf %s: %w", in.Path, err)
		}
		return nil, err
	}
	// Pages the Go parser counts that its text leaves out have no text
	// layer. (pdftotext's text has every page it read.)
	for len(raw) < m.Pages && (in.Limits.MaxPages <= 0 || len(raw) < in.Limits.MaxPages) {
		raw = append(raw, "")
	}
	pages := parsePages(raw)
	rep, err := r.ocrTextless(tctx, in, &work, raw, pages)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdf %s: %w", in.Path, ctx.Err())
		}
		return nil, fmt.Errorf("pdf %s: %w", in.Path, err)
	}
	if len(rep.pages) > 0 {
		pages = parsePages(raw) // raw now holds the OCR'd pages
	}
	return build(in, pages, m, warns, rep)
}

// sniff rejects what is plainly not a PDF: real PDFs start with %PDF-
// within their first kilobyte.
func sniff(data []byte) error {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return nil
	}
	what := "no %PDF- header"
	t := strings.ToLower(strings.TrimSpace(string(data[:min(len(data), 256)])))
	switch {
	case strings.HasPrefix(t, "<!doctype html"), strings.HasPrefix(t, "<html"), strings.Contains(t, "<head"):
		what = "it is an HTML page"
	case strings.HasPrefix(t, "pk\x03\x04"):
		what = "it is a zip archive (DOCX?)"
	case strings.HasPrefix(t, "<?xml"):
		what = "it is an XML file"
	}
	return format.Reject(format.ErrNotFormat, "not a PDF: %s", what)
}

// build makes the document from pages of blocks, rep saying what OCR did.
func build(in format.Input, pages [][]block, m meta, warns []string, rep *ocrReport) (*corpus.Document, error) {
	if len(pages) == 0 {
		return nil, format.Reject(format.ErrCorrupt, "no pages")
	}
	if in.Limits.MaxPages > 0 && len(pages) > in.Limits.MaxPages {
		return nil, format.Reject(format.ErrTooLarge, "%d pages, limit %d", len(pages), in.Limits.MaxPages)
	}
	tb := format.NewTextBuilder(in.Limits.MaxTextBytes)
	var empty []int
	for i, p := range pages {
		tb.StartPage()
		n := 0
		for _, b := range p {
			var sp corpus.Span
			if b.pre {
				sp = tb.AddPreformatted(b.text)
			} else {
				sp = tb.AddParagraph(b.text)
			}
			n += sp.End - sp.Start
		}
		tb.EndPage()
		if n == 0 {
			empty = append(empty, i+1)
		}
	}
	d := &corpus.Document{Format: corpus.FormatPDF, Reader: "pdf/2", Size: int64(len(in.Data))}
	tb.Fill(d)
	if strings.TrimSpace(d.Text) == "" {
		return nil, rep.noText(len(pages))
	}
	warns = append(warns, rep.warnings(empty)...)
	if tb.Overflowed() {
		warns = append(warns, fmt.Sprintf("text cut at the limit of %d bytes", in.Limits.MaxTextBytes))
	}
	d.Warnings = warns

	first := ""
	if len(d.Pages) > 0 {
		first = d.Text[d.Pages[0].Start:d.Pages[0].End]
	}
	d.Title, d.Outlet = titleOf(m.Title, first)
	if a := strings.TrimSpace(m.Author); a != "" && !junkAuthor(a) {
		d.Authors = []string{a}
	}
	if dd, ok := format.FindDateline(first, 12); ok {
		d.Published, d.PublishedSource = dd, corpus.DateFromDateline
	} else if dd, ok := metaDate(m.Created); ok {
		d.Published, d.PublishedSource = dd, corpus.DateFromFileMetadata
	}
	format.ApplyMeeting(d)
	return d, nil
}

func pageList(ps []int) string {
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ps[i], ps[j]))
		} else {
			parts = append(parts, strconv.Itoa(ps[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

var (
	reWordPrefix = regexp.MustCompile(`(?i)^(?:microsoft\s+(?:word|powerpoint|excel)\s*-\s*)`)
	reFileExt    = regexp.MustCompile(`(?i)\.(?:docx?|pdf|rtf|pptx?|xlsx?|odt|txt)$`)
	reJunkTitle  = regexp.MustCompile(`(?i)^(?:untitled|title|document\d*|slide\s*\d+|powerpoint presentation|microsoft word|presentation\d*|\W*)$`)
	reOrgName    = regexp.MustCompile(`(?i)^(?:the\s+)?[\w'’&,. -]{2,80}\b(?:nhs(?:\s+(?:foundation\s+)?trust)?|trust|health\s+board|council|authority|commissioning\s+group|ccg|icb|care\s+board|partnership)$`)
)

// titleOf picks the title: the metadata title unless it is a file name or
// a placeholder, else the first line of the first page that is not an
// organisation's name. The outlet is that organisation, when the first page
// names one at the top.
func titleOf(metaTitle, first string) (title, outlet string) {
	var paras []string
	for p := range strings.SplitSeq(first, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
		if len(paras) == 6 {
			break
		}
	}
	for _, p := range paras {
		if len(p) <= 90 && reOrgName.MatchString(p) {
			outlet = p
			break
		}
	}
	t := strings.TrimSpace(reFileExt.ReplaceAllString(reWordPrefix.ReplaceAllString(strings.TrimSpace(metaTitle), ""), ""))
	if t != "" && !reJunkTitle.MatchString(t) && !fileName(t) {
		return format.FoldSpace(t), outlet
	}
	for _, p := range paras {
		if p == outlet || strings.Contains(p, "|") || len(p) < 4 || rePageNumber.MatchString(p) {
			continue
		}
		if strings.ContainsRune(p, '\n') {
			p = p[:strings.IndexByte(p, '\n')]
		}
		if len(p) > 200 {
			p = p[:strings.LastIndexByte(p[:200], ' ')+1] + "…"
		}
		return strings.TrimSpace(p), outlet
	}
	return "", outlet
}

// fileName reports whether a title is a file name: one token with
// underscores, or no spaces and digits and dots.
func fileName(s string) bool {
	if strings.ContainsAny(s, " ") {
		return false
	}
	return strings.ContainsAny(s, "_.") || strings.ToLower(s) == s
}

func junkAuthor(a string) bool {
	l := strings.ToLower(a)
	return !strings.ContainsAny(a, " ") && l == a || l == "administrator" || l == "user" || l == "owner"
}

// metaDate reads a PDF creation date as pdftotext -htmlmeta prints it
// ("2008-11-19T09:30:00Z") or a raw PDF date ("D:20081119093000Z").
func metaDate(s string) (corpus.Date, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "D:"))
	if len(s) >= 10 && s[4] == '-' {
		s = s[:10]
	} else if len(s) >= 8 {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:8]
	} else {
		return corpus.Date{}, false
	}
	d, err := corpus.ParseDate(s)
	if err != nil || d.Year < 1993 || d.Start().After(time.Now().AddDate(1, 0, 0)) {
		return corpus.Date{}, false
	}
	return d, true
}
