package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// SidecarSuffix ends the name of a metadata sidecar: "paper.pdf.meta.json"
// (or "paper.meta.json") beside "paper.pdf".
const SidecarSuffix = ".meta.json"

// Sidecar is the metadata a user gives beside a file. Every field is
// optional and, when set, overrides what the reader found.
type Sidecar struct {
	Title     string   `json:"title"`
	Published string   `json:"published"` // YYYY, YYYY-MM or YYYY-MM-DD (or any form format.ParseDate reads)
	URL       string   `json:"url"`
	Source    string   `json:"source"` // the outlet or publisher
	Outlet    string   `json:"outlet"` // synonym of source
	Kind      string   `json:"kind"`   // news, board-paper or report
	Authors   []string `json:"authors"`
	Language  string   `json:"language"`

	// Provenance of a fetched file, written by ingest/fetch. FinalURL is
	// the URL after redirects (the document's URL when URL is empty);
	// SourceURL the feed or page the link was found on; Trust the ODS code
	// of the trust a configured source belongs to. The rest are kept in the
	// sidecar only: a Document has no room for them.
	FetchedAt        string `json:"fetched_at,omitempty"` // RFC 3339
	HTTPLastModified string `json:"http_last_modified,omitempty"`
	HTTPETag         string `json:"http_etag,omitempty"`
	FinalURL         string `json:"final_url,omitempty"`
	SourceURL        string `json:"source_url,omitempty"`
	Trust            string `json:"trust,omitempty"`
}

// sidecarPaths are the names a sidecar of path may have, most specific first.
func sidecarPaths(path string) []string {
	ext := filepath.Ext(path)
	return []string{path + SidecarSuffix, strings.TrimSuffix(path, ext) + SidecarSuffix}
}

// findSidecar returns the sidecar of path and its file info, if there is one.
func findSidecar(path string) (string, fs.FileInfo) {
	for _, p := range sidecarPaths(path) {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, fi
		}
	}
	return "", nil
}

// ReadSidecar parses a sidecar file, rejecting unknown fields and bad values
// with an error naming the field.
func ReadSidecar(data []byte) (*Sidecar, error) {
	var sc Sidecar
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("sidecar: %w (fields: title, published, url, source, outlet, kind, authors, language, fetched_at, http_last_modified, http_etag, final_url, source_url, trust)", err)
	}
	if sc.Kind != "" {
		if _, err := corpus.ParseKind(sc.Kind); err != nil {
			return nil, fmt.Errorf("sidecar field kind: %w", err)
		}
	}
	if sc.Published != "" {
		if _, ok := format.ParseDate(sc.Published); !ok {
			return nil, fmt.Errorf("sidecar field published: %q is not a date (want YYYY, YYYY-MM or YYYY-MM-DD)", sc.Published)
		}
	}
	if sc.FetchedAt != "" {
		if _, err := time.Parse(time.RFC3339, sc.FetchedAt); err != nil {
			return nil, fmt.Errorf("sidecar field fetched_at: %q is not an RFC 3339 time (want 2024-03-07T21:04:05Z)", sc.FetchedAt)
		}
	}
	return &sc, nil
}

// apply overrides d's metadata with the sidecar's.
func (sc *Sidecar) apply(d *corpus.Document) {
	if sc.Title != "" {
		d.Title = sc.Title
	}
	if sc.Published != "" {
		d.Published, _ = format.ParseDate(sc.Published)
		d.PublishedSource = corpus.DateFromSidecar
	}
	if sc.URL != "" {
		d.URL = sc.URL
	} else if sc.FinalURL != "" {
		d.URL = sc.FinalURL
	}
	if sc.Source != "" {
		d.Outlet = sc.Source
	}
	if sc.Outlet != "" {
		d.Outlet = sc.Outlet
	}
	if sc.Kind != "" {
		d.Kind = corpus.Kind(sc.Kind)
	}
	if len(sc.Authors) > 0 {
		d.Authors = sc.Authors
	}
	if sc.Language != "" {
		d.Language = sc.Language
	}
}

var errSidecar = errors.New("bad sidecar")
