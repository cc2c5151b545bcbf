package eval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
)

func TestLoadDev(t *testing.T) {
	set := loadDev(t)
	if len(set.Docs) != 3 || len(set.Entities) == 0 || !set.HasEvents || len(set.Events) == 0 {
		t.Fatalf("Load(%s) = %d docs, %d entities, %d events (has events %v); want 3 docs and some of each", devDir, len(set.Docs), len(set.Entities), len(set.Events), set.HasEvents)
	}
	for _, d := range set.Docs {
		if len(d.Raw) == 0 {
			t.Errorf("doc %s: no text", d.ID)
		}
	}
	// Byte spans point at the text.
	raw := map[string][]byte{}
	for _, d := range set.Docs {
		raw[d.ID] = d.Raw
	}
	for _, e := range set.Entities {
		if len(e.ByteSpan) != 2 {
			continue
		}
		if got := string(raw[e.Doc][e.ByteSpan[0]:e.ByteSpan[1]]); got != e.Text {
			t.Errorf("doc %s %s %q: byte_span holds %q", e.Doc, e.Type, e.Text, got)
		}
	}
}

func TestDocReference(t *testing.T) {
	for _, tt := range []struct {
		name       string
		doc        Doc
		want, from string
	}{
		{"published", Doc{Published: "2012-01-19", PublishedApprox: "2012-01", RefDate: "2012-01-20"}, "2012-01-19", "published"},
		{"approx", Doc{PublishedApprox: "2009-03", RefDate: "2009-03-14"}, "2009-03", "published_approx"},
		{"approx year", Doc{PublishedApprox: "2009"}, "2009", "published_approx"},
		{"unknown, ref_date ignored", Doc{RefDate: "2009-03"}, "", ""},
	} {
		got, from, err := tt.doc.Reference()
		if err != nil || got.String() != tt.want || from != tt.from {
			t.Errorf("%s: Reference() = %v, %q, %v; want %s, %q", tt.name, got, from, err, tt.want, tt.from)
		}
	}
	d := Doc{ID: "x", Kind: "board-paper", Title: "T", Published: "2010-02-03", Raw: []byte("Text.")}
	got := d.Document()
	want := &corpus.Document{ID: corpus.IDOf([]byte("Text.")), Kind: corpus.KindBoardPaper, Format: corpus.FormatText, Title: "T",
		Published: corpus.DayDate(2010, 2, 3), Text: "Text.", Size: 5}
	if got.ID != want.ID || got.Kind != want.Kind || got.Published != want.Published || got.Text != want.Text || got.Size != want.Size || got.Title != want.Title {
		t.Errorf("Document() = %+v; want %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Document() is not a valid document: %v", err)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadErrors(t *testing.T) {
	ok := map[string]string{
		"docs.jsonl":   `{"id": "a", "published": "2009-03-14", "kind": "news"}` + "\n\n",
		"docs/a.txt":   "Text.",
		"gold.jsonl":   `{"doc": "a", "type": "date", "norm": "2009"}` + "\n",
		"events.jsonl": "",
	}
	with := func(name, body string) map[string]string {
		m := map[string]string{}
		for k, v := range ok {
			m[k] = v
		}
		if body == "\x00delete" {
			delete(m, name)
		} else {
			m[name] = body
		}
		return m
	}
	for _, tt := range []struct {
		name  string
		files map[string]string
		msg   string
	}{
		{"no docs.jsonl", with("docs.jsonl", "\x00delete"), "docs.jsonl"},
		{"bad json", with("docs.jsonl", "{"), "docs.jsonl line 1"},
		{"bad date", with("docs.jsonl", `{"id": "a", "published": "14 March 2009"}`), "want YYYY"},
		{"bad kind", with("docs.jsonl", `{"id": "a", "kind": "blog"}`), "want news, board-paper or report"},
		{"path in id", with("docs.jsonl", `{"id": "../a"}`), "want a file name"},
		{"duplicate id", with("docs.jsonl", `{"id": "a"}`+"\n"+`{"id": "a"}`), "listed twice"},
		{"no text", with("docs/a.txt", "\x00delete"), "a.txt"},
		{"no gold", with("gold.jsonl", "\x00delete"), "gold.jsonl"},
		{"gold without type", with("gold.jsonl", `{"doc": "a", "norm": "x"}`), `want "doc" and "type"`},
		{"bad events", with("events.jsonl", `{"doc": 1}`), "events.jsonl line 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeFiles(t, tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Load = %v; want an error mentioning %q", err, tt.msg)
			}
		})
	}
	set, err := Load(writeFiles(t, ok))
	if err != nil || !set.HasEvents || len(set.Events) != 0 || len(set.Docs) != 1 {
		t.Errorf("Load(good set) = %+v, %v; want one doc and an empty events file", set, err)
	}
	set, err = Load(writeFiles(t, with("events.jsonl", "\x00delete")))
	if err != nil || set.HasEvents {
		t.Errorf("Load(set without events.jsonl) = %+v, %v; want HasEvents false", set, err)
	}
}

// goldExtractor answers with the gold of each document, less every third
// entity and event, plus a wrong one: a stand-in extractor for the runner and
// the text output.
type goldExtractor struct {
	byID map[string]Doc
	set  *Set
	seen []*corpus.Document
}

func newGoldExtractor(set *Set) *goldExtractor {
	x := &goldExtractor{byID: map[string]Doc{}, set: set}
	for _, d := range set.Docs {
		x.byID[corpus.IDOf(d.Raw)] = d
	}
	return x
}

func (x *goldExtractor) Extract(d *corpus.Document) extract.Result {
	x.seen = append(x.seen, d)
	doc := x.byID[d.ID]
	r := extract.Result{DocID: d.ID, Extractor: "gold/1", Published: d.Published}
	for i, e := range x.set.Entities {
		if e.Doc == doc.ID && i%3 != 0 {
			r.Entities = append(r.Entities, extract.Entity{Type: extract.EntityType(e.Type), Norm: e.Norm, Text: e.Text})
		}
	}
	r.Entities = append(r.Entities, extract.Entity{Type: extract.Org, Norm: "Invented Board", Text: "the Board"})
	for i, e := range x.set.Events {
		if e.Doc == doc.ID && i%3 != 0 {
			r.Events = append(r.Events, extract.Event{Kind: e.Kind, Date: e.Date, Trusts: e.Trusts, Sentence: e.Summary})
		}
	}
	if d.Published.IsZero() {
		r.Notes = append(r.Notes, "document date unknown")
	}
	return r
}

func TestRunGivesPublishedNotRefDate(t *testing.T) {
	set := loadDev(t)
	set.Docs[0].Published, set.Docs[0].PublishedApprox, set.Docs[0].RefDate = "", "", "2009-03-02"
	x := newGoldExtractor(set)
	ev, err := Evaluate(context.Background(), set, x, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range x.seen {
		ref, _, _ := set.Docs[i].Reference()
		if d.Published != ref || d.Text != string(set.Docs[i].Raw) || string(d.Kind) != set.Docs[i].Kind {
			t.Errorf("doc %s given published %v, kind %q; want %v, %q", set.Docs[i].ID, d.Published, d.Kind, ref, set.Docs[i].Kind)
		}
	}
	if r := ev.Docs[0]; r.Given != "" || !r.Differs || len(r.Notes) != 1 {
		t.Errorf("undated doc run = %+v; want no date given, differing from ref_date, the extractor's note", r)
	}
	if ev.Extractor != "gold/1" {
		t.Errorf("extractor = %q; want gold/1", ev.Extractor)
	}
	if _, err := Evaluate(canceled(), set, x, Options{}); err == nil {
		t.Error("Evaluate with a canceled context succeeded")
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// TestWriteTextGolden pins the text report of the stand-in extractor.
func TestWriteTextGolden(t *testing.T) {
	set := loadDev(t)
	floors := Floors{"trust": 0.5, "org": 0.99, "events": 0.5, "relative_dates": 0.9}
	ev, err := Evaluate(context.Background(), set, newGoldExtractor(set), Options{Floors: floors})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := ev.WriteText(&got, true); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "report.txt")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("text report differs from %s (go test -update rewrites it):\n%s", golden, got.String())
	}
	var again bytes.Buffer
	ev2, _ := Evaluate(context.Background(), set, newGoldExtractor(set), Options{Floors: floors})
	if err := ev2.WriteText(&again, true); err != nil || !bytes.Equal(again.Bytes(), got.Bytes()) {
		t.Errorf("two reports of the same run differ")
	}
}
