package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
)

// Doc is one line of a gold set's docs.jsonl, with its text.
type Doc struct {
	ID              string `json:"id"`
	URL             string `json:"url,omitempty"`
	Title           string `json:"title,omitempty"`
	Source          string `json:"source,omitempty"`
	Published       string `json:"published,omitempty"`        // YYYY-MM-DD, or "" when unknown
	PublishedApprox string `json:"published_approx,omitempty"` // YYYY-MM when the day is unknown
	RefDate         string `json:"ref_date,omitempty"`         // what the annotators resolved relative dates against
	Kind            string `json:"kind,omitempty"`             // news, board-paper or report
	DateNote        string `json:"date_note,omitempty"`

	// Raw is the content of docs/ID.txt.
	Raw []byte `json:"-"`
}

// Entity is one line of gold.jsonl: a distinct (doc, type, norm).
type Entity struct {
	Doc      string   `json:"doc"`
	Type     string   `json:"type"`
	Text     string   `json:"text"`
	Norm     string   `json:"norm"`
	Aliases  []string `json:"aliases,omitempty"`
	ByteSpan []int    `json:"byte_span,omitempty"` // [start, end) of Text; nil for implied lines

	Optional bool `json:"optional,omitempty"` // neither required nor penalised
	Implied  bool `json:"implied,omitempty"`  // occurs only inside another name
	Relative bool `json:"relative,omitempty"` // dates: needed the document date
	Fuzzy    bool `json:"fuzzy,omitempty"`
	Byline   bool `json:"byline,omitempty"`

	Mod         string `json:"mod,omitempty"`
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	Version     string `json:"version,omitempty"`
	Per         string `json:"per,omitempty"`
	Note        string `json:"note,omitempty"`
}

// Event is one line of events.jsonl: a gold timeline event.
type Event struct {
	Doc       string   `json:"doc"`
	Date      string   `json:"date"`
	Kind      string   `json:"kind"`
	Status    string   `json:"status,omitempty"`
	DateBasis string   `json:"date_basis,omitempty"` // "publication" when dated by the publication
	Mod       string   `json:"mod,omitempty"`
	Trusts    []string `json:"trusts"`
	Vendors   []string `json:"vendors"`
	Systems   []string `json:"systems"`
	Money     []string `json:"money,omitempty"`
	Summary   string   `json:"summary,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// Set is a gold set: the documents, their gold entities and, when the set
// has an events.jsonl, their gold events.
type Set struct {
	Dir       string
	Docs      []Doc
	Entities  []Entity
	Events    []Event
	HasEvents bool // events.jsonl exists (it may be empty)
}

// Load reads a gold set laid out as dir/docs.jsonl, dir/docs/ID.txt,
// dir/gold.jsonl and, optionally, dir/events.jsonl.
func Load(dir string) (*Set, error) {
	s := &Set{Dir: dir}
	if err := readJSONL(filepath.Join(dir, "docs.jsonl"), &s.Docs); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i := range s.Docs {
		d := &s.Docs[i]
		if d.ID == "" || strings.ContainsAny(d.ID, `/\`) || d.ID == "." || d.ID == ".." {
			return nil, fmt.Errorf("gold %s: docs.jsonl line %d: id %q: want a file name such as 001", dir, i+1, d.ID)
		}
		if seen[d.ID] {
			return nil, fmt.Errorf("gold %s: docs.jsonl line %d: id %q listed twice", dir, i+1, d.ID)
		}
		seen[d.ID] = true
		if d.Kind != "" {
			if _, err := corpus.ParseKind(d.Kind); err != nil {
				return nil, fmt.Errorf("gold %s: docs.jsonl doc %s: %w", dir, d.ID, err)
			}
		}
		if _, _, err := d.Reference(); err != nil {
			return nil, fmt.Errorf("gold %s: docs.jsonl doc %s: %w", dir, d.ID, err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "docs", d.ID+".txt"))
		if err != nil {
			return nil, fmt.Errorf("gold %s: doc %s: %w", dir, d.ID, err)
		}
		d.Raw = raw
	}
	if err := readJSONL(filepath.Join(dir, "gold.jsonl"), &s.Entities); err != nil {
		return nil, err
	}
	for i, e := range s.Entities {
		if e.Doc == "" || e.Type == "" {
			return nil, fmt.Errorf("gold %s: gold.jsonl line %d: want \"doc\" and \"type\"", dir, i+1)
		}
	}
	err := readJSONL(filepath.Join(dir, "events.jsonl"), &s.Events)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.HasEvents = true
	}
	return s, nil
}

// Reference returns the document date an extractor is given: published at
// day precision, else published_approx at its own precision (a month), else
// unknown; and which field it came from. It is not RefDate, the annotators'
// reference, which may differ.
func (d *Doc) Reference() (corpus.Date, string, error) {
	for _, f := range []struct{ name, v string }{{"published", d.Published}, {"published_approx", d.PublishedApprox}} {
		if f.v == "" {
			continue
		}
		t, err := corpus.ParseDate(f.v)
		if err != nil {
			return corpus.Date{}, "", fmt.Errorf("%s: %w", f.name, err)
		}
		return t, f.name, nil
	}
	return corpus.Date{}, "", nil
}

// Document builds the corpus.Document an extractor sees: the text of
// docs/ID.txt, its ID the SHA-256 of those bytes, the kind, and the document
// date of Reference.
func (d *Doc) Document() *corpus.Document {
	pub, _, _ := d.Reference() // checked by Load
	return &corpus.Document{
		ID:        corpus.IDOf(d.Raw),
		Kind:      corpus.Kind(d.Kind),
		Format:    corpus.FormatText,
		Title:     d.Title,
		Outlet:    d.Source,
		URL:       d.URL,
		Published: pub,
		Text:      string(d.Raw),
		Size:      int64(len(d.Raw)),
	}
}

// readJSONL decodes each non-blank line of path into a new element of *out.
func readJSONL[T any](path string, out *[]T) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gold: %w", err)
	}
	defer f.Close()
	return decodeJSONL(f, path, out)
}

func decodeJSONL[T any](r io.Reader, name string, out *[]T) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(line, &v); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
		*out = append(*out, v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
