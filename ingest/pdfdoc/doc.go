// Package pdfdoc reads PDF files, board papers above all, into documents:
// text page by page in reading order, tables kept as rows, and the title,
// author, published date and, for board papers, the meeting and its agenda.
//
// Text comes from Poppler's pdftotext (Debian package poppler-utils), run
// once a file in -layout mode with a timeout; its -htmlmeta head gives the
// title, author and creation date, and its form feeds the page count. When
// pdftotext is not installed, a pure-Go parser
// (github.com/ledongthuc/pdf) lays the glyphs out on the same kind of grid.
// Either way one parser reads the layout text: it drops running headers,
// footers and page numbers, splits side-by-side columns at their gutter so
// the left column is read before the right, turns tables into rows of cells
// joined by " | ", and rebuilds paragraphs from lines, undoing hyphens that
// only broke a word to fit a line.
//
// Scanned pages are OCR'd. A page whose text layer has next to no letters
// (fewer than 20, so a scanner's stamp does not count) is rendered to a
// 300 dpi grey image with Poppler's pdftoppm and read by Tesseract (Debian
// packages tesseract-ocr and tesseract-ocr-eng) in a subprocess under the
// per-file timeout, pages in parallel up to Options.OCRWorkers (the CPUs)
// across the Reader, at most Options.OCRMaxPages a document within
// Options.OCRBudget. Tesseract's words, with their boxes, are laid out on
// the same grid of text as pdftotext's, so the same parser finds the
// columns, tables and paragraphs of a scan, and the text stays on its page.
// The document says what was OCR'd in its warnings: "pages 3-5 OCR'd (mean
// confidence 87%)", the confidence of each page, pages of low confidence,
// and pages left out for the page cap or the time budget. Options.NoOCR
// turns OCR off; without Tesseract or with OCR off the Reader logs it once
// (Options.Logger, and Reader.OCRStatus says why) and a PDF with no text
// at all is rejected with format.ErrNeedsOCR ("no text layer; needs OCR:
// tesseract not installed" or "OCR disabled").
//
// Inputs that cannot be read are rejected with a *format.RejectError:
// format.ErrEncrypted (a user password), format.ErrCorrupt, format.ErrNeedsOCR
// ("no text layer; needs OCR", when OCR is off or unavailable or found no
// text), format.ErrTooLarge (bytes or pages), format.ErrTimeout and
// format.ErrNotFormat (not a PDF at all). A missing or failing program is a
// plain error: the machine, not the input, is at fault.
//
// The fixtures under testdata/ are written by internal/tools/mkpdf; the
// scanned ones are set in the Go fonts and degraded like a scan.
package pdfdoc

//go:generate go run ../../internal/tools/mkpdf -out testdata -corpus ../../testdata/corpus/board-papers -bad ../../testdata/bad
