package index

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/nhs-trawl/trawl/corpus"
)

// analysedField is what a field name of an analysed document holds, in a
// form to compare: fields of one name merged as bleve's segment builder
// merges them.
type analysedField struct {
	Options []bleveindex.FieldIndexingOptions
	Length  int
	Terms   map[string]string // term -> frequency and locations
	Stored  []string          // array positions, type and value of each stored field
}

// analyse runs bleve's analysis over doc (as scorch does) and summarises it.
func analyse(t *testing.T, doc *document.Document) map[string]*analysedField {
	t.Helper()
	if !doc.Indexed() || len(doc.CompositeFields) > 0 {
		t.Fatalf("%s: indexed %v, %d composite fields", doc.ID(), doc.Indexed(), len(doc.CompositeFields))
	}
	out := map[string]*analysedField{}
	doc.VisitFields(func(f bleveindex.Field) {
		a := out[f.Name()]
		if a == nil {
			a = &analysedField{Terms: map[string]string{}}
			out[f.Name()] = a
		}
		if !slices.Contains(a.Options, f.Options()) {
			a.Options = append(a.Options, f.Options())
		}
		if f.Options().IsStored() {
			a.Stored = append(a.Stored, fmt.Sprintf("%v %c %q", f.ArrayPositions(), f.EncodedFieldType(), f.Value()))
		}
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		a.Length += f.AnalyzedLength()
		for term, tf := range f.AnalyzedTokenFrequencies() {
			if string(tf.Term) != term {
				t.Errorf("%s.%s: term %q under key %q", doc.ID(), f.Name(), tf.Term, term)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%d", tf.Frequency())
			for _, l := range tf.Locations {
				fmt.Fprintf(&b, " %d:%d-%d%v", l.Position, l.Start, l.End, l.ArrayPositions)
			}
			// Several fields of one name: their terms add up.
			if prev, ok := a.Terms[term]; ok {
				b.WriteString(" + " + prev)
			}
			a.Terms[term] = b.String()
		}
	})
	for _, a := range out {
		slices.Sort(a.Stored)
		slices.Sort(a.Options)
		for term, v := range a.Terms {
			parts := strings.Split(v, " + ")
			slices.Sort(parts)
			a.Terms[term] = strings.Join(parts, " + ")
		}
	}
	return out
}

// sameDocument compares the document the schema makes of rec with the one
// MapDocument makes.
func sameDocument(t *testing.T, m *mapping.IndexMappingImpl, s schema, id string, rec map[string]any) {
	t.Helper()
	want := document.NewDocument(id)
	if err := m.MapDocument(want, rec); err != nil {
		t.Fatalf("%s: MapDocument: %v", id, err)
	}
	got, err := s.document(id, rec)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	wa, ga := analyse(t, want), analyse(t, got)
	names := map[string]bool{}
	for n := range wa {
		names[n] = true
	}
	for n := range ga {
		names[n] = true
	}
	for n := range names {
		w, g := wa[n], ga[n]
		if w == nil || g == nil {
			t.Errorf("%s.%s: MapDocument has it %v, the schema %v", id, n, w != nil, g != nil)
			continue
		}
		if !slices.Equal(w.Options, g.Options) || w.Length != g.Length || !slices.Equal(w.Stored, g.Stored) {
			t.Errorf("%s.%s:\n got options %v length %d stored %q\nwant options %v length %d stored %q", id, n, g.Options, g.Length, g.Stored, w.Options, w.Length, w.Stored)
		}
		for term, wv := range w.Terms {
			if gv := g.Terms[term]; gv != wv {
				t.Errorf("%s.%s: term %q: got %q, want %q", id, n, term, gv, wv)
			}
		}
		for term := range g.Terms {
			if _, ok := w.Terms[term]; !ok {
				t.Errorf("%s.%s: term %q MapDocument does not make", id, n, term)
			}
		}
	}
}

// testSchema returns the mapping and the schema read from it.
func testSchema(tb testing.TB) (*mapping.IndexMappingImpl, schema) {
	tb.Helper()
	m, err := NewMapping()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := newSchema(m)
	if err != nil {
		tb.Fatal(err)
	}
	return m, s
}

func TestDocumentsSameAsMapping(t *testing.T) {
	m, s := testSchema(t)
	check := func(d *corpus.Document, r *Extraction) {
		rec := docRecord(d, r)
		rec[fIndexed] = "3 1200" // as Update adds it
		sameDocument(t, m, s, d.ID, rec)
		for i, e := range eventRecords(d, r) {
			sameDocument(t, m, s, eventID(d.ID, i), e)
		}
	}
	dirs, err := filepath.Glob("testdata/search/*/docs.json")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("fixtures: %v %v", dirs, err)
	}
	n := 0
	for _, path := range dirs {
		for _, fd := range loadFixture(t, path).docs {
			check(&fd.Doc, fd.Extraction)
			n++
		}
	}
	for i := range 20 {
		d, r := genDoc(i)
		check(&d, &r)
	}
	// Text beyond ASCII, repeated and cased names, several amounts, no
	// extraction.
	d := corpus.Document{ID: "odd", Kind: corpus.KindNews, Format: corpus.FormatHTML, Title: "Café Straße: a £7.2m ‘delay’",
		Text:      "Ünïcödé text — with 日本語, numbers 7,200 and 3.5, the the THE, O'Neil's and naïve café.\n\nSecond paragraph.",
		Published: corpus.MonthDate(2009, time.October), Outlet: "Straße Times"}
	check(&d, nil)
	r := &Extraction{Extractor: "x", Entities: []Entity{
		{Type: entTrust, Norm: "Royal Free Hampstead NHS Trust", ID: "RAL", Current: "Royal Free London NHS Foundation Trust", CurrentID: "RAL"},
		{Type: entTrust, Norm: "ROYAL FREE", ID: "RAL"},
		{Type: entVendor, Norm: "Ünïcödé Systems"},
		{Type: entMoney, Norm: "GBP 7200000", Currency: "GBP", Amount: 7200000},
		{Type: entMoney, Norm: "GBP 100", Currency: "GBP", Amount: 100},
		{Type: entMoney, Norm: "USD 5"},
	}, Events: []Event{
		{Kind: "delay", Date: "2009-23", Trusts: []string{"ROYAL FREE", "Royal Free Hampstead NHS Trust"}, Vendors: []string{"Ünïcödé Systems"}, Sentence: "Ünïcödé text — with 日本語", Start: 0, End: 10},
		{Kind: "cost", Date: "", Sentence: "", Money: []string{"GBP 100"}},
	}}
	check(&d, r)
	if n == 0 {
		t.Fatal("no fixture documents")
	}
}

// BenchmarkDocuments compares making and analysing an article's records
// (a generated document and its three events) through MapDocument with the schema.
func BenchmarkDocuments(b *testing.B) {
	m, s := testSchema(b)
	type article struct {
		id   string
		recs []map[string]any
	}
	var arts []article
	for i := range 100 {
		d, r := genDoc(i)
		recs := append([]map[string]any{docRecord(&d, &r)}, eventRecords(&d, &r)...)
		arts = append(arts, article{d.ID, recs})
	}
	analyseAll := func(doc *document.Document) {
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		_ = doc.Size()
	}
	b.Run("mapping", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			a := arts[i%len(arts)]
			for j, rec := range a.recs {
				doc := document.NewDocument(fmt.Sprint(a.id, j))
				if err := m.MapDocument(doc, rec); err != nil {
					b.Fatal(err)
				}
				analyseAll(doc)
			}
		}
	})
	b.Run("schema", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			a := arts[i%len(arts)]
			for j, rec := range a.recs {
				doc, err := s.document(fmt.Sprint(a.id, j), rec)
				if err != nil {
					b.Fatal(err)
				}
				analyseAll(doc)
			}
		}
	})
}

// textFieldTerms analyses text as the body field, by the schema's field and
// by bleve's, and returns both summaries.
func textFieldTerms(t *testing.T, s schema, text string) (got, want map[string]*analysedField) {
	var spec *fieldSpec
	for i := range s[TypeDoc] {
		if s[TypeDoc][i].name == fBody {
			spec = &s[TypeDoc][i]
		}
	}
	if spec == nil || spec.memo == nil {
		t.Fatalf("body field spec %+v", spec)
	}
	g, w := document.NewDocument("g"), document.NewDocument("w")
	g.AddField(spec.field(text, nil))
	w.AddField(document.NewTextFieldCustom(fBody, []uint64{}, []byte(text), spec.opts, spec.memo))
	g.SetIndexed()
	w.SetIndexed()
	return analyse(t, g), analyse(t, w)
}

func TestTextFieldConcurrent(t *testing.T) {
	_, s := testSchema(t)
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 30 {
				d, _ := genDoc(g*30 + i)
				// Texts of every length, so that pooled memory is
				// reused by shorter and longer ones.
				text := d.Text[:len(d.Text)*(i%5+1)/5]
				got, want := textFieldTerms(t, s, text)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("goroutine %d text %d: the schema's body field differs from bleve's", g, i)
					return
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

func FuzzTextField(f *testing.F) {
	for _, s := range []string{"The trust's go-live", "RUNNING runs’s the the", "£7.2m 2008-09", "Zoë’S café 日本語", ""} {
		f.Add(s)
	}
	_, s := testSchema(f)
	f.Fuzz(func(t *testing.T, text string) {
		got, want := textFieldTerms(t, s, text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %+v, want %+v", text, got, want)
		}
	})
}
