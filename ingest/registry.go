package ingest

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// Registry picks the reader of a file: by the content's magic bytes when they
// are unmistakable (a PDF named .html is still a PDF), else by extension.
type Registry struct {
	byExt map[string]format.Reader
	pdf   format.Reader
	zip   format.Reader
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{byExt: map[string]format.Reader{}}
}

// Register makes r read files with the given extensions (".pdf"). A reader
// registered for ".pdf" also reads any file starting with "%PDF-", and one for
// ".docx" any zip file.
func (g *Registry) Register(r format.Reader, exts ...string) {
	for _, e := range exts {
		e = strings.ToLower(e)
		g.byExt[e] = r
		switch e {
		case ".pdf":
			g.pdf = r
		case ".docx":
			g.zip = r
		}
	}
}

// Supports reports whether a file of this name would be read.
func (g *Registry) Supports(path string) bool {
	_, ok := g.byExt[strings.ToLower(filepath.Ext(path))]
	return ok
}

// Extensions lists the registered extensions in order.
func (g *Registry) Extensions() []string {
	var out []string
	for e := range g.byExt {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// For returns the reader for a file's name and first bytes.
func (g *Registry) For(path string, head []byte) format.Reader {
	switch {
	case g.pdf != nil && bytes.HasPrefix(head, []byte("%PDF-")):
		return g.pdf
	case g.zip != nil && bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return g.zip
	}
	return g.byExt[strings.ToLower(filepath.Ext(path))]
}
