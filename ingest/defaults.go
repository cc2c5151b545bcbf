package ingest

import (
	"log/slog"
	"os/exec"

	"github.com/nhs-trawl/trawl/ingest/docxdoc"
	"github.com/nhs-trawl/trawl/ingest/htmldoc"
	"github.com/nhs-trawl/trawl/ingest/pdfdoc"
	"github.com/nhs-trawl/trawl/ingest/textdoc"
)

// RegistryOptions tune the default readers.
type RegistryOptions struct {
	Logger *slog.Logger
	// NoPoppler reads PDFs with the pure-Go fallback even when Poppler's
	// pdftotext is installed.
	NoPoppler bool
	// NoOCR turns off OCR of PDF pages without a text layer: such PDFs are
	// rejected as needing OCR (format.ErrNeedsOCR).
	NoOCR bool
}

// DefaultRegistry returns the registry of every reader trawl has.
func DefaultRegistry(o RegistryOptions) *Registry {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil && !o.NoPoppler {
		o.Logger.Warn("pdftotext not found: PDFs are read with the pure-Go fallback, which handles columns and tables less well (Debian: apt-get install poppler-utils)", "stage", "ingest")
	}
	g := NewRegistry()
	g.Register(htmldoc.New(), ".html", ".htm", ".xhtml", ".shtml")
	g.Register(pdfdoc.New(pdfdoc.Options{NoPoppler: o.NoPoppler, NoOCR: o.NoOCR, Logger: o.Logger}), ".pdf")
	g.Register(docxdoc.New(), ".docx")
	g.Register(textdoc.New(), ".txt", ".text", ".md", ".markdown")
	return g
}
