package index

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Records become bleve documents here rather than through the mapping's
// MapDocument, with fields of trawl's own that bleve analyses and indexes
// like its own. MapDocument walked each record by reflection and made
// every keyword a text field with a keyword analyzer (a token stream, then
// a frequency map, per value); bleve then sized every analysed document by
// walking each of its term frequencies and locations, for a statistic. An
// article is 7.3 records of about 20 fields, and these were a fifth of an
// index build's CPU and a third of its allocation.
//
// The mapping stays the one description of the index: the schema is read
// from it, and TestDocumentsSameAsMapping checks that each record makes the
// terms, frequencies, locations, stored values and options MapDocument
// makes.

// fieldKind is how a mapped field turns a value into terms.
type fieldKind uint8

const (
	kindText    fieldKind = iota // analysed text (the English analyzer)
	kindKeyword                  // the value is the term
	kindOther                    // another analyzer (keyword_lower)
	kindNumber                   // bleve's numeric terms
	kindTime                     // bleve's datetime terms
)

// fieldSpec is one mapped field of a record type.
type fieldSpec struct {
	name     string
	kind     fieldKind
	opts     bleveindex.FieldIndexingOptions
	analyzer analysis.Analyzer // kindText, kindOther
	memo     *memoAnalyzer     // kindText with the English analyzer
}

// schema lists each record type's mapped fields, in name order.
type schema map[string][]fieldSpec

// newSchema reads the fields of each record type from m. Only what the
// mapping here uses is supported: one field mapping per property, text,
// number or datetime, no sub-documents but disabled ones.
func newSchema(m *mapping.IndexMappingImpl) (schema, error) {
	s := schema{}
	for typ, dm := range m.TypeMapping {
		var specs []fieldSpec
		for name, p := range dm.Properties {
			if len(p.Fields) == 0 && !p.Enabled {
				continue // "_all", disabled
			}
			if len(p.Fields) != 1 || len(p.Properties) > 0 {
				return nil, fmt.Errorf("index schema: %s.%s: want one field mapping, have %d and %d properties", typ, name, len(p.Fields), len(p.Properties))
			}
			fm := p.Fields[0]
			spec := fieldSpec{name: name, opts: fm.Options()}
			switch fm.Type {
			case "text":
				an := fm.Analyzer
				if an == "" {
					an = m.DefaultAnalyzer
				}
				switch {
				case an == keyword.Name && !fm.IncludeTermVectors && !fm.SkipFreqNorm:
					spec.kind = kindKeyword
				default:
					spec.analyzer = m.AnalyzerNamed(an)
					if spec.analyzer == nil {
						return nil, fmt.Errorf("index schema: %s.%s: no analyzer %q", typ, name, an)
					}
					spec.kind = kindOther
					if ma, ok := spec.analyzer.(*memoAnalyzer); ok && !fm.SkipFreqNorm {
						spec.kind, spec.memo = kindText, ma
					}
				}
			case "number":
				spec.kind = kindNumber
			case "datetime":
				spec.kind = kindTime
			default:
				return nil, fmt.Errorf("index schema: %s.%s: field type %q not supported", typ, name, fm.Type)
			}
			specs = append(specs, spec)
		}
		sort.Slice(specs, func(i, j int) bool { return specs[i].name < specs[j].name })
		s[typ] = specs
	}
	return s, nil
}

// document returns the bleve document of a record of type typ (the value
// of its fType field). Values are strings, string slices, float64 slices
// and times, as the records hold them; fields the mapping does not name are
// left out, as MapDocument leaves them.
func (s schema) document(id string, rec map[string]any) (*document.Document, error) {
	typ, _ := rec[fType].(string)
	specs, ok := s[typ]
	if !ok {
		return nil, fmt.Errorf("record %s: no mapping for type %q", id, typ)
	}
	doc := document.NewDocument(id)
	for i := range specs {
		f := &specs[i]
		v, ok := rec[f.name]
		if !ok {
			continue
		}
		if err := f.add(doc, v); err != nil {
			return nil, fmt.Errorf("record %s: %w", id, err)
		}
	}
	doc.SetIndexed()
	return doc, nil
}

// add adds the fields of one value to doc.
func (f *fieldSpec) add(doc *document.Document, v any) error {
	switch v := v.(type) {
	case string:
		doc.AddField(f.field(v, nil)) // no array positions: not in a list
	case []string:
		if f.kind == kindKeyword && !f.opts.IsStored() {
			// One field for every value: the same terms and length as
			// a field per value, which bleve merges.
			doc.AddField(&kwField{name: f.name, terms: v, opts: f.opts})
			return nil
		}
		for i, s := range v {
			doc.AddField(f.field(s, []uint64{uint64(i)}))
		}
	case []float64:
		if f.kind != kindNumber {
			return fmt.Errorf("field %s: numbers in a %v field", f.name, f.kind)
		}
		for i, n := range v {
			doc.AddField(document.NewNumericFieldWithIndexingOptions(f.name, []uint64{uint64(i)}, n, f.opts))
		}
	case time.Time:
		if f.kind != kindTime {
			return fmt.Errorf("field %s: a time in a %v field", f.name, f.kind)
		}
		d, err := document.NewDateTimeFieldWithIndexingOptions(f.name, nil, v, time.RFC3339, f.opts)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.name, err)
		}
		doc.AddField(d)
	default:
		return fmt.Errorf("field %s: values of type %T not supported", f.name, v)
	}
	return nil
}

// field returns the field of one string value.
func (f *fieldSpec) field(v string, pos []uint64) document.Field {
	switch f.kind {
	case kindKeyword:
		return &kwField{name: f.name, terms: []string{v}, value: []byte(v), arrayPositions: pos, opts: f.opts}
	case kindText:
		return &textField{name: f.name, value: []byte(v), arrayPositions: pos, opts: f.opts, memo: f.memo}
	}
	return document.NewTextFieldCustom(f.name, pos, []byte(v), f.opts, f.analyzer)
}

func (k fieldKind) String() string {
	return [...]string{"text", "keyword", "analysed", "number", "datetime"}[k]
}

// kwField is a keyword field: each value is a term.
type kwField struct {
	name           string
	terms          []string
	value          []byte // stored: the one value
	arrayPositions []uint64
	opts           bleveindex.FieldIndexingOptions
	freqs          bleveindex.TokenFrequencies
	size           int
}

func (f *kwField) Name() string                             { return f.name }
func (f *kwField) ArrayPositions() []uint64                 { return f.arrayPositions }
func (f *kwField) Options() bleveindex.FieldIndexingOptions { return f.opts }
func (f *kwField) Value() []byte                            { return f.value }
func (f *kwField) NumPlainTextBytes() uint64                { return uint64(len(f.value)) }
func (f *kwField) EncodedFieldType() byte                   { return 't' }
func (f *kwField) AnalyzedLength() int                      { return len(f.terms) }
func (f *kwField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies {
	return f.freqs
}

// Size estimates the field's memory (bleve's statistics).
func (f *kwField) Size() int { return 96 + len(f.name) + len(f.value) + f.size }

// Analyze makes the terms' frequencies, as the keyword analyzer and
// TokenFrequency make them (a keyword field keeps no term vectors).
func (f *kwField) Analyze() {
	f.freqs = make(bleveindex.TokenFrequencies, len(f.terms))
	slab := make([]bleveindex.TokenFreq, len(f.terms))
	for i, t := range f.terms {
		tf, ok := f.freqs[t]
		if !ok {
			tf = &slab[i]
			if f.value != nil {
				tf.Term = f.value
			} else {
				tf.Term = []byte(t)
			}
			f.freqs[t] = tf
			f.size += 64 + len(t)
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
}

// textField is a text field analysed by the English analyzer in reused
// memory, its frequencies and locations built in a few allocations.
type textField struct {
	name           string
	value          []byte
	arrayPositions []uint64
	opts           bleveindex.FieldIndexingOptions
	memo           *memoAnalyzer
	freqs          bleveindex.TokenFrequencies
	length         int
	size           int
}

func (f *textField) Name() string                             { return f.name }
func (f *textField) ArrayPositions() []uint64                 { return f.arrayPositions }
func (f *textField) Options() bleveindex.FieldIndexingOptions { return f.opts }
func (f *textField) Value() []byte                            { return f.value }
func (f *textField) NumPlainTextBytes() uint64                { return uint64(len(f.value)) }
func (f *textField) EncodedFieldType() byte                   { return 't' }
func (f *textField) AnalyzedLength() int                      { return f.length }
func (f *textField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies {
	return f.freqs
}

// Size estimates the field's memory (bleve's statistics).
func (f *textField) Size() int { return 128 + len(f.name) + len(f.value) + f.size }

// Analyze tokenizes the value in pooled memory. The analyzer never writes
// to its input, and no term points into it or into the pooled tokens (a
// term is the memo's: see memoWord), so neither is copied.
func (f *textField) Analyze() {
	ts := f.memo.tokens()
	stream := f.memo.analyze(ts, f.value)
	f.length = len(stream)
	f.freqs, f.size = tokenFrequency(stream, f.arrayPositions, f.opts, &ts.scratch)
	f.memo.release(ts)
}

// tokenFrequency is analysis.TokenFrequency (without SkipFreqNorm) in
// three allocations besides the map: the terms' frequencies, the locations,
// and the pointers to them, each term's a slice of the last. scratch is
// reused memory. It also returns an estimate of the memory held, which
// TokenFrequencies' Size would walk every term and location for.
func tokenFrequency(tokens analysis.TokenStream, arrayPositions []uint64, opts bleveindex.FieldIndexingOptions, scratch *[]*bleveindex.TokenFreq) (bleveindex.TokenFrequencies, int) {
	// Distinct terms are about half the tokens of English text.
	freqs := make(bleveindex.TokenFrequencies, len(tokens)/2+1)
	slab := make([]bleveindex.TokenFreq, 0, len(tokens)/2+1)
	of := (*scratch)[:0]
	size := 0
	for _, t := range tokens {
		tf, ok := freqs[string(t.Term)]
		if !ok {
			if len(slab) == cap(slab) {
				slab = make([]bleveindex.TokenFreq, 0, max(16, cap(slab)/2))
			}
			slab = append(slab, bleveindex.TokenFreq{Term: t.Term})
			tf = &slab[len(slab)-1]
			freqs[string(t.Term)] = tf
			size += 64 + len(t.Term)
		}
		tf.SetFrequency(tf.Frequency() + 1)
		of = append(of, tf)
	}
	*scratch = of
	if !opts.IncludeTermVectors() || len(tokens) == 0 {
		return freqs, size
	}
	locs := make([]bleveindex.TokenLocation, len(tokens))
	ptrs := make([]*bleveindex.TokenLocation, len(tokens))
	next := 0
	for i, t := range tokens {
		tf := of[i]
		if tf.Locations == nil {
			// The term's share of ptrs: one for each of its tokens.
			n := tf.Frequency()
			tf.Locations = ptrs[next : next : next+n]
			next += n
		}
		locs[i] = bleveindex.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
		tf.Locations = append(tf.Locations, &locs[i])
	}
	size += len(tokens) * (64 + 8)
	return freqs, size
}

// tokenPool reuses tokens for the analysis of the index's text fields.
type tokenPool struct{ p sync.Pool }

func (p *tokenPool) get() *tokens {
	if ts, ok := p.p.Get().(*tokens); ok {
		return ts
	}
	return &tokens{}
}

func (p *tokenPool) put(ts *tokens) {
	// A huge text's memory is not kept.
	if cap(ts.stream) > 1<<16 {
		return
	}
	clear(ts.scratch[:cap(ts.scratch)])
	p.p.Put(ts)
}
