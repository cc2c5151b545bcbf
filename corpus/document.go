package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Kind says what sort of document a Document is.
type Kind string

// Kinds of documents.
const (
	KindNews       Kind = "news"
	KindBoardPaper Kind = "board-paper"
	KindReport     Kind = "report"
)

// ParseKind checks a kind named by a user or a sidecar.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case KindNews, KindBoardPaper, KindReport:
		return k, nil
	}
	return "", fmt.Errorf("kind %q: want news, board-paper or report", s)
}

// Format is the file format a document was read from.
type Format string

// Formats trawl reads.
const (
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
	FormatDOCX     Format = "docx"
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
)

// DateSource says where a document's published date was found.
type DateSource string

// Where dates come from, roughly from most to least trusted.
const (
	DateFromSidecar      DateSource = "sidecar"
	DateFromJSONLD       DateSource = "json-ld"
	DateFromMeta         DateSource = "meta"       // <meta> tags: article:published_time, date, DC.date...
	DateFromTimeElement  DateSource = "time"       // <time datetime>
	DateFromURL          DateSource = "url"        // /2009/03/ in the URL path
	DateFromDateline     DateSource = "dateline"   // a date line in the text
	DateFromTitlePage    DateSource = "title-page" // a board paper's meeting date
	DateFromFileMetadata DateSource = "file-metadata"
	DateFromFlag         DateSource = "flag" // given on the command line
)

// Document is one distinct input, identified by the SHA-256 of its raw bytes.
type Document struct {
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Format Format `json:"format"`

	Title   string   `json:"title"`
	Outlet  string   `json:"outlet,omitempty"` // outlet or publisher
	Authors []string `json:"authors,omitempty"`
	URL     string   `json:"url,omitempty"` // canonical URL when known

	Published       Date       `json:"published"`
	PublishedSource DateSource `json:"published_source,omitempty"`

	Language string `json:"language,omitempty"` // BCP 47 tag when known

	// Text is the clean text: paragraphs separated by a blank line. All
	// offsets in a Document are byte offsets into Text.
	Text string `json:"text"`

	Pages    []Span    `json:"pages,omitempty"`    // one span per page, for PDFs
	Sections []Section `json:"sections,omitempty"` // headings and what they head
	Meeting  *Meeting  `json:"meeting,omitempty"`  // board papers

	Size     int64    `json:"size"`   // raw bytes
	Reader   string   `json:"reader"` // reader name and version, "pdf/1"
	Warnings []string `json:"warnings,omitempty"`

	// Sources is filled in by the store; readers leave it empty.
	Sources []Source `json:"sources,omitempty"`
}

// Span is a byte range [Start, End) of Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Section is a heading and the text it heads.
type Section struct {
	Title string `json:"title"`
	Level int    `json:"level"` // 1 is the highest
	Span
}

// Meeting is what a board paper says about its meeting.
type Meeting struct {
	Date  Date         `json:"date"`
	Items []AgendaItem `json:"items,omitempty"`
}

// AgendaItem is one item of a board meeting's agenda.
type AgendaItem struct {
	Number string `json:"number,omitempty"` // "7.2", "TB2011.07"
	Title  string `json:"title"`
	Start  int    `json:"start"` // byte offset in Text
}

// Source is one place a document was found.
type Source struct {
	Location  string    `json:"location"`       // absolute path or URL
	Name      string    `json:"name,omitempty"` // the configured source name
	Size      int64     `json:"size"`
	ModTime   time.Time `json:"mtime"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Missing   bool      `json:"missing,omitempty"` // gone from disk at the last run
}

// Rejection records an input that could not be read.
type Rejection struct {
	Location string    `json:"location"`
	Name     string    `json:"name,omitempty"`
	Reason   string    `json:"reason"`
	Size     int64     `json:"size"`
	ModTime  time.Time `json:"mtime"`
	Time     time.Time `json:"time"`

	SidecarSize    int64     `json:"sidecar_size,omitempty"`
	SidecarModTime time.Time `json:"sidecar_mtime,omitzero"`
}

// IDOf returns the document ID of raw bytes: their SHA-256 in hex.
func IDOf(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// PageAt returns the 1-based page holding byte offset off, or 0 when the
// document has no pages or off is outside them.
func (d *Document) PageAt(off int) int {
	lo, hi := 0, len(d.Pages)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < d.Pages[m].Start:
			hi = m
		case off >= d.Pages[m].End:
			lo = m + 1
		default:
			return m + 1
		}
	}
	return 0
}

// Validate checks the invariants a stored document must keep.
func (d *Document) Validate() error {
	if len(d.ID) != 64 {
		return fmt.Errorf("document %q: id is not a SHA-256", d.ID)
	}
	if _, err := ParseKind(string(d.Kind)); err != nil {
		return fmt.Errorf("document %s: %w", d.ID, err)
	}
	if !d.Published.Valid() {
		return fmt.Errorf("document %s: published date %v is not a calendar date", d.ID, d.Published)
	}
	n := len(d.Text)
	prev := 0
	for i, p := range d.Pages {
		if p.Start < prev || p.End < p.Start || p.End > n {
			return fmt.Errorf("document %s: page %d span [%d,%d) out of order or outside text of %d bytes", d.ID, i+1, p.Start, p.End, n)
		}
		prev = p.End
	}
	for _, s := range d.Sections {
		if s.Start < 0 || s.End < s.Start || s.End > n {
			return fmt.Errorf("document %s: section %q span [%d,%d) outside text", d.ID, s.Title, s.Start, s.End)
		}
	}
	if d.Meeting != nil {
		for _, it := range d.Meeting.Items {
			if it.Start < 0 || it.Start > n {
				return fmt.Errorf("document %s: agenda item %q offset %d outside text", d.ID, it.Title, it.Start)
			}
		}
	}
	return nil
}
