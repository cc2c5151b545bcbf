// Package pdfdoc reads PDF files, board papers above all, into documents:
// text page by page in reading order, tables kept as rows, and the title,
// author, published date and, for board papers, the meeting and its agenda.
//
// Text comes from Poppler's pdftotext (Debian package poppler-utils) run in
// -layout mode with a timeout, with pdfinfo for the page count, encryption
// and metadata. When pdftotext is not installed, a pure-Go parser
// (github.com/ledongthuc/pdf) lays the glyphs out on the same kind of grid.
// Either way one parser reads the layout text: it drops running headers,
// footers and page numbers, splits side-by-side columns at their gutter so
// the left column is read before the right, turns tables into rows of cells
// joined by " | ", and rebuilds paragraphs from lines, undoing hyphens that
// only broke a word to fit a line.
//
// Inputs that cannot be read are rejected with a *format.RejectError:
// format.ErrEncrypted (a user password), format.ErrCorrupt, format.ErrNeedsOCR
// ("no text layer; needs OCR"), format.ErrTooLarge (bytes or pages),
// format.ErrTimeout and format.ErrNotFormat (not a PDF at all). A missing or
// failing program is a plain error: the machine, not the input, is at fault.
//
// The fixtures under testdata/ are written by internal/tools/mkpdf.
package pdfdoc

//go:generate go run ../../internal/tools/mkpdf -out testdata -corpus ../../testdata/corpus/board-papers -bad ../../testdata/bad
