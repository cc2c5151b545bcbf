package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping or the records change; an
// index built under another version must be rebuilt.
const MappingVersion = "trawl-index/11"

// Record types.
const (
	TypeDoc   = "doc"
	TypeEvent = "event"
)

// Field names. Documents and events share the names of what they share.
const (
	fType          = "type"
	fTitle         = "title"
	fBody          = "body"
	fPublished     = "published"      // datetime: start of the published period
	fPublishedNorm = "published_norm" // "2009-03", "2012-01-19"
	fPrecision     = "precision"      // year, month, day
	fYear          = "year"
	fKind          = "kind" // document kind: news, board-paper, report
	fFormat        = "format"
	fOutlet        = "outlet"
	fLocation      = "location"
	fURL           = "url"
	fPages         = "pages"   // stored only: page start offsets, for page numbers of snippets
	fIndexed       = "indexed" // stored only: "EVENTS TEXTBYTES" indexed for the document
	fExtractor     = "extractor"
	fMoney         = "money"      // numbers: amounts in whole units
	fMoneyNorm     = "money_norm" // "GBP 7200000"

	// Events.
	fEventKind = "event_kind"
	fStatus    = "status"
	fDateYear  = "date_year" // the years the event's date overlaps
	fDateSort  = "date_sort" // start, end descending, date as written (eventSortKey): ordered reads walk its terms
	fDateNorm  = "date_norm"
	fSentence  = "sentence"
	fDocID     = "doc_id"
	fEvent     = "event" // stored only: what an event shows (payload.go)
)

// Entity fields: per type an ID field, a normal-name field (exact match, case
// folded) and a facet field holding "ID|label" so that facets count one
// entity across its names.
type entityFields struct{ id, norm, facet string }

// fTrustContext holds, on an event that names no trust, the trusts of its
// document: a trust's timeline then shows what its papers report about its
// programme ("BT suspended all CRS deployments") though the sentence names
// only the supplier.
const fTrustContext = "trust_ctx_id"

// Documents and events name the same things (their document's kind and
// outlet, the entities they name) in fields of their own: an event's are
// its document's names with eventPrefix before them. A query on a field of
// one type then never walks the other's postings (a vendor's documents
// were found among its six times as many events) and needs no record-type
// filter beside it. Timeline queries may use documents' names: they are
// rewritten (eventField).
const eventPrefix = "e_"

// eventField is an event's field for a document's field of the same
// meaning, or f itself.
func eventField(f string) string {
	switch f {
	case fKind, fOutlet, trustF.id, trustF.norm, orgF.id, orgF.norm, vendorF.id, vendorF.norm,
		systemF.id, systemF.norm, personF.norm:
		return eventPrefix + f
	}
	return f
}

// forEvents is e with events' field names (events have no facet fields).
func (e entityFields) forEvents() entityFields {
	return entityFields{id: eventField(e.id), norm: eventField(e.norm)}
}

var (
	trustF  = entityFields{"trust_id", "trust", "trust_facet"}
	orgF    = entityFields{"org_id", "org", "org_facet"}
	vendorF = entityFields{"vendor_id", "vendor", "vendor_facet"}
	systemF = entityFields{"system_id", "system", "system_facet"}
	personF = entityFields{"", "person", "person_facet"}
	allEntF = []entityFields{trustF, orgF, vendorF, systemF, personF}
)

const analyzerKeywordLower = "keyword_lower"

// NewMapping returns the explicit index mapping: nothing is indexed unless
// named here, no _all field, body text stored with term vectors (needed for
// phrases and snippets) and everything else stored only when results show it.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(analyzerKeywordLower, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.TypeField = fType
	im.DefaultAnalyzer = analyzerEnglish
	im.DefaultField = fBody
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()

	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerEnglish
		f.Store = store
		f.IncludeTermVectors = true // phrase queries and snippets need positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	kwLower := func() *mapping.FieldMapping {
		f := kw(false, false)
		f.Analyzer = analyzerKeywordLower
		return f
	}
	datetime := func(store bool) *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = true // sorting and ranges
		return f
	}
	number := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	add := func(dm *mapping.DocumentMapping, name string, f *mapping.FieldMapping) {
		f.Name = name
		dm.AddFieldMappingsAt(name, f)
	}
	// Doc values serve facets and sorting. Only documents are faceted.
	doc := bleve.NewDocumentStaticMapping()
	add(doc, fType, kw(false, false))
	add(doc, fPublishedNorm, kw(true, false))
	add(doc, fPrecision, kw(true, false))
	add(doc, fKind, kw(true, true))
	add(doc, fOutlet, kw(true, true))
	add(doc, fLocation, kw(true, false))
	add(doc, fURL, kw(true, false))
	add(doc, fMoneyNorm, kw(true, false))
	for _, e := range allEntF {
		if e.id != "" {
			add(doc, e.id, kw(false, false))
		}
		add(doc, e.norm, kwLower())
		add(doc, e.facet, kw(true, true))
	}
	add(doc, fTitle, text(true))
	add(doc, fBody, text(true))
	add(doc, fPublished, datetime(false))
	add(doc, fMoney, number(false, false))
	add(doc, fYear, kw(false, true))
	add(doc, fFormat, kw(true, false))
	add(doc, fPages, storedOnly())
	add(doc, fIndexed, storedOnly())
	add(doc, fExtractor, kw(true, false))
	// bleve adds an "_all" composite field to every record unless "_all" is
	// mapped as disabled; nothing here goes into it, but building it visited
	// every field of every record again (5% of a run's CPU).
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(TypeDoc, doc)

	// An event is indexed by what filters and timeline queries use, and
	// everything it shows is one stored field (fEvent, see payload.go): 25
	// stored fields per event cost a fifth of the indexing and most of a
	// timeline's time to load. No facet doc values: they would fill each
	// chunk a facet query decompresses with six events' values for every
	// document's.
	ev := bleve.NewDocumentStaticMapping()
	add(ev, fType, kw(false, false))
	add(ev, eventField(fKind), kw(false, false))
	add(ev, eventField(fOutlet), kw(false, false))
	for _, e := range allEntF {
		e = e.forEvents()
		if e.id != "" {
			add(ev, e.id, kw(false, false))
		}
		add(ev, e.norm, kwLower())
	}
	add(ev, fEventKind, kw(false, false))
	add(ev, fStatus, kw(false, false))
	add(ev, fDateYear, kw(false, false))
	add(ev, fDateSort, kw(false, false))
	add(ev, fDateNorm, kw(false, false))
	add(ev, fSentence, text(false))
	add(ev, fDocID, kw(false, false))
	add(ev, fTrustContext, kw(false, false))
	add(ev, fEvent, storedOnly())
	ev.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(TypeEvent, ev)

	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}

// typeFields are the fields of each record type's mapping that the other
// type does not have: a query only on these matches records of one type.
type typeFields struct{ doc, event map[string]bool }

func newTypeFields() (typeFields, error) {
	m, err := NewMapping()
	if err != nil {
		return typeFields{}, err
	}
	names := func(typ string) map[string]bool {
		out := map[string]bool{}
		for name := range m.TypeMapping[typ].Properties {
			out[name] = true
		}
		return out
	}
	t := typeFields{doc: names(TypeDoc), event: names(TypeEvent)}
	for name := range t.doc {
		if t.event[name] {
			delete(t.doc, name)
			delete(t.event, name)
		}
	}
	delete(t.doc, "_all")
	delete(t.event, "_all")
	return t, nil
}

// only returns the fields of typ alone.
func (t typeFields) only(typ string) map[string]bool {
	if typ == TypeEvent {
		return t.event
	}
	return t.doc
}
