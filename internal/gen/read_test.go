package gen

import (
	"context"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/ingest/docxdoc"
	"github.com/nhs-trawl/trawl/ingest/format"
	"github.com/nhs-trawl/trawl/ingest/htmldoc"
	"github.com/nhs-trawl/trawl/ingest/pdfdoc"
	"github.com/nhs-trawl/trawl/ingest/textdoc"
)

var (
	gzOnce sync.Once
	gzVal  *gazetteer.Gazetteer
	gzErr  error
)

// testGazetteer loads the gazetteer once for the package's tests.
func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	gzOnce.Do(func() { gzVal, gzErr = gazetteer.Load() })
	if gzErr != nil {
		t.Fatal(gzErr)
	}
	return gzVal
}

func newGen(t testing.TB, opts Options) *Generator {
	t.Helper()
	g, err := New(testGazetteer(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func readerFor(f Format) format.Reader {
	switch f {
	case HTML:
		return htmldoc.New()
	case DOCX:
		return docxdoc.New()
	case PDF:
		return pdfdoc.New(pdfdoc.Options{})
	}
	return textdoc.New()
}

// read reads a generated document back with the reader of its format.
func read(t *testing.T, d Doc) *corpus.Document {
	t.Helper()
	in := format.Input{Path: path.Base(d.Path), Data: d.Data, Limits: format.DefaultLimits()}
	doc, err := readerFor(Format(d.Truth.Format)).Read(context.Background(), in)
	if err != nil {
		t.Fatalf("%s: %v", d.Path, err)
	}
	return doc
}

func TestReadBack(t *testing.T) {
	for _, f := range AllFormats {
		for _, kind := range []corpus.Kind{corpus.KindNews, corpus.KindBoardPaper} {
			t.Run(string(f)+"/"+string(kind), func(t *testing.T) {
				g := newGen(t, Options{Seed: 11, Formats: []Format{f}, Mix: []KindWeight{{kind, 1}}})
				n := 12
				if f == PDF {
					n = 6
				}
				for i := range n {
					d := g.Generate(i)
					if d.Truth.Format != string(f) || d.Truth.Kind != string(kind) {
						t.Fatalf("doc %d is %s/%s; want %s/%s", i, d.Truth.Format, d.Truth.Kind, f, kind)
					}
					doc := read(t, d)
					if doc.Title != d.Truth.Title {
						t.Errorf("%s: title %q; want %q", d.Path, doc.Title, d.Truth.Title)
					}
					if got := doc.Published.String(); got != d.Truth.Published || doc.Published.Precision().String() != d.Truth.Precision {
						t.Errorf("%s: published %q (%s, from %s); want %q (%s)", d.Path, got, doc.Published.Precision(), doc.PublishedSource, d.Truth.Published, d.Truth.Precision)
					}
					if kind == corpus.KindBoardPaper && f != HTML && doc.Meeting == nil {
						t.Errorf("%s: no meeting found in a board paper", d.Path)
					}
					// The planted names, sums and sentences are in the clean text.
					text := strings.Join(strings.Fields(doc.Text), " ")
					for _, e := range d.Truth.Entities {
						if !e.Optional && !strings.Contains(text, e.Text) {
							t.Errorf("%s: %s %q not in the text", d.Path, e.Type, e.Text)
						}
					}
					for _, ev := range d.Truth.Events {
						if !strings.Contains(text, ev.Sentence) {
							t.Errorf("%s: event sentence %q not in the text", d.Path, ev.Sentence)
						}
					}
				}
			})
		}
	}
}
