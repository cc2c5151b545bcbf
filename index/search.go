package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/nhs-trawl/trawl/corpus"
)

// ErrQuery says a query could not be parsed or run; the message says where.
var ErrQuery = errors.New("bad query")

// QueryError is a query that does not parse: Pos is the byte offset where
// the syntax broke.
type QueryError struct {
	Query string
	Pos   int
	Msg   string
}

func (e *QueryError) Error() string {
	caret := strings.Repeat(" ", utf8.RuneCountInString(e.Query[:e.Pos])) + "^"
	return fmt.Sprintf("query syntax error at column %d (%s):\n   %s\n   %s\n"+
		"want words, \"a phrase\", +must, -mustnot, field:value, fuzzy~ or prefix*", e.Pos+1, e.Msg, e.Query, caret)
}

// Is makes errors.Is(err, ErrQuery) true.
func (e *QueryError) Is(target error) bool { return target == ErrQuery }

// MaxQueryBytes caps a query's length.
const MaxQueryBytes = 4096

// Filter narrows searches, timelines and exports.
type Filter struct {
	Trusts  []string `json:"trusts,omitempty"` // names, aliases or IDs
	Orgs    []string `json:"orgs,omitempty"`
	Vendors []string `json:"vendors,omitempty"`
	Systems []string `json:"systems,omitempty"`
	People  []string `json:"people,omitempty"`
	// Kinds are document kinds (news, board-paper, report).
	Kinds []string `json:"kinds,omitempty"`
	// EventKinds are event kinds (go-live, delay...); timelines and event
	// exports only.
	EventKinds []string `json:"event_kinds,omitempty"`
	// From and To bound the published date of documents, or the date of
	// events, at any precision: From 2008 is 1 January 2008, To 2009 the
	// end of 2009.
	From corpus.Date `json:"from"`
	To   corpus.Date `json:"to"`
}

// bounds is the filter's date range: the start of From and the end
// (exclusive) of To, each zero when not given.
func (f Filter) bounds() (lo, hi time.Time) {
	if !f.From.IsZero() {
		lo = f.From.Start()
	}
	if !f.To.IsZero() {
		hi = f.To.End()
	}
	return lo, hi
}

// boostedField is a field an unfielded query term searches.
type boostedField struct {
	name  string
	boost float64
}

// textFields are the analysed (lower-cased, stemmed) fields.
var textFields = map[string]bool{fTitle: true, fBody: true, fSentence: true}

var (
	docFields   = []boostedField{{fBody, 1}, {fTitle, 3}}
	eventFields = []boostedField{{fSentence, 1}}
)

// parseQuery parses a bleve query string, sending unfielded terms to fields
// with their boosts. "" and "*" match everything.
func parseQuery(q string, fields []boostedField) (query.Query, error) {
	q = strings.TrimSpace(q)
	if q == "" || q == "*" {
		return bleve.NewMatchAllQuery(), nil
	}
	if len(q) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: query of %d bytes; at most %d", ErrQuery, len(q), MaxQueryBytes)
	}
	parsed, err := query.NewQueryStringQuery(q).Parse()
	if err != nil {
		return nil, syntaxError(q, err)
	}
	return spread(parsed, fields), nil
}

// syntaxError finds where q breaks (bleve's parser does not report
// positions): the end of the longest prefix that parses or could be
// completed by a word or a closing quote.
func syntaxError(q string, err error) error {
	parses := func(s string) bool {
		_, perr := query.NewQueryStringQuery(s).Parse()
		return perr == nil
	}
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	if i := strings.LastIndexByte(q, '"'); i >= 0 && parses(q+`"`) {
		return &QueryError{Query: q, Pos: i, Msg: "unclosed quote"}
	}
	// Each try parses a prefix: bound the work on long queries.
	pos := 0
	for i := min(len(q), 512); i > 0; i-- {
		if i < len(q) && !utf8.RuneStart(q[i]) {
			continue
		}
		if p := q[:i]; parses(p) || parses(p+"x") || parses(p+`"`) {
			pos = i
			break
		}
	}
	if pos >= len(q) {
		pos = len(q) - 1
		msg = "query ends too soon: " + msg
	}
	return &QueryError{Query: q, Pos: pos, Msg: msg}
}

// spread rewrites unfielded leaves of a parsed query into disjunctions over
// fields, so that a title match counts more than a body match.
func spread(q query.Query, fields []boostedField) query.Query {
	over := func(mk func(field string) query.Query) query.Query {
		var qs []query.Query
		for _, f := range fields {
			sub := mk(f.name)
			if b, ok := sub.(query.BoostableQuery); ok && f.boost != 1 {
				b.SetBoost(f.boost)
			}
			qs = append(qs, sub)
		}
		return query.NewDisjunctionQuery(qs)
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = spread(q.Must, fields)
		}
		if q.Should != nil {
			q.Should = spread(q.Should, fields)
		}
		if q.MustNot != nil {
			q.MustNot = spread(q.MustNot, fields)
		}
		return q
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = spread(c, fields)
		}
		return q
	case *query.DisjunctionQuery:
		out := make([]query.Query, 0, len(q.Disjuncts)*len(fields))
		for _, c := range q.Disjuncts {
			s := spread(c, fields)
			// A word's disjunction over fields joins this one: "cerner
			// delay" is one disjunction of four field-terms, not one of
			// two disjunctions of two, which bleve merged and scored at
			// both levels for every hit (a tenth of a broad search).
			if d, ok := s.(*query.DisjunctionQuery); ok && s != c && q.Min <= 1 && d.BoostVal == nil && d.Min == 0 {
				out = append(out, d.Disjuncts...)
				continue
			}
			out = append(out, s)
		}
		q.Disjuncts = out
		return q
	case *query.MatchQuery:
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.MatchPhraseQuery:
		if q.FieldVal != "" && !textFields[q.FieldVal] {
			// A phrase on a keyword field is its exact value.
			m := query.NewMatchQuery(q.MatchPhrase)
			m.SetField(q.FieldVal)
			m.BoostVal = q.BoostVal
			return m
		}
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.FuzzyQuery:
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.WildcardQuery:
		if q.FieldVal == "" || textFields[q.FieldVal] {
			q.Wildcard = strings.ToLower(q.Wildcard) // text fields hold lower-case terms
		}
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.PrefixQuery:
		if q.FieldVal == "" || textFields[q.FieldVal] {
			q.Prefix = strings.ToLower(q.Prefix) // text fields hold lower-case terms
		}
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.RegexpQuery:
		if q.FieldVal == "" || textFields[q.FieldVal] {
			q.Regexp = strings.ToLower(q.Regexp) // text fields hold lower-case terms
		}
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	case *query.TermQuery:
		if q.FieldVal != "" {
			return q
		}
		return over(func(f string) query.Query { c := *q; c.FieldVal = f; return &c })
	}
	return q
}

// renameFields sets the field of every fielded leaf of q to rename(field).
func renameFields(q query.Query, rename func(string) string) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should, q.MustNot} {
			if c != nil {
				renameFields(c, rename)
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			renameFields(c, rename)
		}
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			renameFields(c, rename)
		}
	case query.FieldableQuery:
		if f := q.Field(); f != "" {
			q.SetField(rename(f))
		}
	}
}

// conjoin ANDs the user's query with the filters. A match-all query is
// left out: in a conjunction it walks every record of the index, which made
// a filter-only query (one trust's documents) cost milliseconds.
func conjoin(uq query.Query, filters []query.Query) query.Query {
	if len(filters) == 0 {
		return uq
	}
	if _, all := uq.(*query.MatchAllQuery); all && len(filters) > 0 {
		if len(filters) == 1 {
			return filters[0]
		}
		return bleve.NewConjunctionQuery(filters...)
	}
	return bleve.NewConjunctionQuery(append([]query.Query{uq}, filters...)...)
}

// onlyFields reports whether every record q matches has one of fields
// (false when unsure): with the fields of one record type alone, q needs no
// record-type filter.
func onlyFields(q query.Query, fields map[string]bool) bool {
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if onlyFields(c, fields) {
				return true
			}
		}
		return false
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			if !onlyFields(d, fields) {
				return false
			}
		}
		return len(q.Disjuncts) > 0
	case *query.BooleanQuery:
		if q.Must != nil {
			return onlyFields(q.Must, fields)
		}
		// Without a must clause a hit matches a should clause.
		return q.Should != nil && onlyFields(q.Should, fields)
	case query.FieldableQuery:
		switch q.(type) {
		case *query.TermQuery, *query.MatchQuery, *query.MatchPhraseQuery, *query.PhraseQuery,
			*query.PrefixQuery, *query.WildcardQuery, *query.FuzzyQuery, *query.RegexpQuery,
			*query.TermRangeQuery, *query.NumericRangeQuery, *query.DateRangeQuery:
			return fields[q.Field()]
		}
	}
	return false
}

// recordQuery is uq on records of type typ that pass f. The record-type
// filter is left out when the query or a filter can only match records of
// that type: it would be one more posting list walked beside every hit.
// Every filter is on fields of one type (see eventPrefix).
func (x *Index) recordQuery(uq query.Query, f Filter, typ string) (query.Query, []Ref, error) {
	fq, refs, err := x.filterQueries(f, typ)
	if err != nil {
		return nil, nil, err
	}
	if len(fq) > 1 || onlyFields(uq, x.types.only(typ)) {
		fq = fq[1:]
	}
	return conjoin(uq, fq), refs, nil
}

// filterQueries turns a Filter into conjuncts for records of type typ, the
// record-type filter first: documents' dates are their published date,
// events' the years their period overlaps (periodFilter keeps those that
// overlap [From, To)).
func (x *Index) filterQueries(f Filter, typ string) ([]query.Query, []Ref, error) {
	tq := bleve.NewTermQuery(typ)
	tq.SetField(fType)
	qs := []query.Query{tq}
	var refs []Ref
	groups := []struct {
		kind EntityKind
		vals []string
	}{{KindTrust, f.Trusts}, {KindOrg, f.Orgs}, {KindVendor, f.Vendors}, {KindSystem, f.Systems}, {KindPerson, f.People}}
	for _, g := range groups {
		if len(g.vals) == 0 {
			continue
		}
		var r *Resolver
		if g.kind != KindPerson {
			var err error
			if r, err = x.resolverOf(); err != nil {
				return nil, nil, err
			}
		}
		// Several values of one flag: any of them.
		var any []query.Query
		for _, v := range g.vals {
			ref := r.Resolve(g.kind, v)
			refs = append(refs, ref)
			any = append(any, refQuery(ref, typ))
			if g.kind == KindTrust && typ == TypeEvent {
				for _, id := range ref.IDs {
					q := bleve.NewTermQuery(id)
					q.SetField(fTrustContext)
					any = append(any, q)
				}
			}
		}
		qs = append(qs, disjunction(any))
	}
	if len(f.Kinds) > 0 {
		kind := fKind
		if typ == TypeEvent {
			kind = eventField(fKind)
		}
		qs = append(qs, terms(kind, f.Kinds))
	}
	if len(f.EventKinds) > 0 {
		qs = append(qs, terms(fEventKind, f.EventKinds))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		lo, hi := f.bounds()
		if !lo.IsZero() && !hi.IsZero() && !lo.Before(hi) {
			return nil, nil, fmt.Errorf("%w: --from %s is after --to %s", ErrQuery, f.From, f.To)
		}
		t, fl := true, false
		if typ == TypeEvent {
			// The years of the range: the events read are then kept when
			// their period overlaps it (periodFilter).
			var from, to string
			if !lo.IsZero() {
				from = strconv.Itoa(lo.Year())
			}
			if !hi.IsZero() {
				to = strconv.Itoa(hi.Add(-time.Nanosecond).Year())
			}
			q := bleve.NewTermRangeInclusiveQuery(from, to, &t, &t)
			q.SetField(fDateYear)
			qs = append(qs, q)
		} else {
			q := bleve.NewDateRangeInclusiveQuery(lo, hi, &t, &fl)
			q.SetField(fPublished)
			qs = append(qs, q)
		}
	}
	return qs, refs, nil
}

// refQuery matches records naming ref: by ID when known, else by normal
// name (case folded).
func refQuery(ref Ref, typ string) query.Query {
	f := ref.Kind.fields()
	if typ == TypeEvent {
		f = f.forEvents()
	}
	if len(ref.IDs) > 0 && f.id != "" {
		var qs []query.Query
		for _, id := range ref.IDs {
			q := bleve.NewTermQuery(id)
			q.SetField(f.id)
			qs = append(qs, q)
		}
		return disjunction(qs)
	}
	q := bleve.NewMatchQuery(ref.Name)
	q.SetField(f.norm)
	q.Analyzer = analyzerKeywordLower
	return q
}

func terms(field string, vals []string) query.Query {
	var qs []query.Query
	for _, v := range vals {
		q := bleve.NewTermQuery(v)
		q.SetField(field)
		qs = append(qs, q)
	}
	return disjunction(qs)
}

func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// SearchRequest is a search of documents.
type SearchRequest struct {
	Query  string
	Filter Filter
	Size   int    // hits per page (default 10, at most 1000)
	Page   int    // 1-based (default 1)
	Sort   string // "relevance" (default) or "date" (newest first)
	// FacetSize is the number of terms per facet (default 10; <0 for no
	// facets).
	FacetSize int
	// Snippets is the number of highlighted snippets per hit (default 2;
	// <0 for none).
	Snippets int
}

// SearchResult is a page of hits with facet counts.
type SearchResult struct {
	Query   string  `json:"query"`
	Filters []Ref   `json:"filters,omitempty"` // entities the filters resolved to
	Total   uint64  `json:"total"`
	Page    int     `json:"page"`
	Size    int     `json:"size"`
	TookMS  float64 `json:"took_ms"`
	Hits    []Hit   `json:"hits"`
	Facets  []Facet `json:"facets,omitempty"`
}

// Hit is one matching document.
type Hit struct {
	ID          string    `json:"id"`
	Score       float64   `json:"score"`
	Title       string    `json:"title"`
	Published   string    `json:"published,omitempty"` // at its precision: "2009-03"
	DisplayDate string    `json:"display_date,omitempty"`
	Kind        string    `json:"kind"`
	Format      string    `json:"format,omitempty"`
	Outlet      string    `json:"outlet,omitempty"`
	URL         string    `json:"url,omitempty"`
	Locations   []string  `json:"locations,omitempty"`
	Page        int       `json:"page,omitempty"` // PDF page of the first snippet
	Snippets    []Snippet `json:"snippets,omitempty"`
}

// Snippet is a passage of a document's text with the matched terms marked.
type Snippet struct {
	Text  string `json:"text"`
	Start int    `json:"start"` // byte offsets of Text in the document's text
	End   int    `json:"end"`
	Page  int    `json:"page,omitempty"`
	// Marks are the matched terms, as byte ranges of Text.
	Marks []corpus.Span `json:"marks,omitempty"`
}

// Facet counts the values of one field among all matching documents.
type Facet struct {
	Name    string      `json:"name"` // trusts, vendors, systems, people, orgs, years, kinds
	Field   string      `json:"field"`
	Terms   []FacetTerm `json:"terms"`
	Other   int         `json:"other"`
	Missing int         `json:"missing"`
}

// FacetTerm is one value of a facet and how many documents hold it.
type FacetTerm struct {
	ID    string `json:"id,omitempty"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

var facetFields = []struct{ name, field string }{
	{"trusts", trustF.facet}, {"vendors", vendorF.facet}, {"systems", systemF.facet},
	{"people", personF.facet}, {"orgs", orgF.facet}, {"years", fYear}, {"kinds", fKind},
}

var hitFields = []string{fTitle, fPublishedNorm, fKind, fFormat, fOutlet, fURL, fLocation, fPages}

// Search runs a search of documents.
func (x *Index) Search(ctx context.Context, r SearchRequest) (*SearchResult, error) {
	t0 := time.Now()
	if r.Size <= 0 {
		r.Size = 10
	}
	if r.Size > 1000 {
		r.Size = 1000
	}
	if r.Page <= 0 {
		r.Page = 1
	}
	if r.FacetSize == 0 {
		r.FacetSize = 10
	}
	if r.Snippets == 0 {
		r.Snippets = 2
	}
	uq, err := parseQuery(r.Query, docFields)
	if err != nil {
		return nil, err
	}
	q, refs, err := x.recordQuery(uq, r.Filter, TypeDoc)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(q, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = hitFields
	if r.Snippets > 0 {
		// Term locations are read for the page's hits only, below: asking
		// here would collect them for every hit.
		req.Fields = append(req.Fields, fBody)
	}
	// No tie-break key in the sort: bleve reads every sort key of every
	// hit (a search matching 90,000 documents read 90,000 keys); ties are
	// put in ID order within the page instead (see below).
	switch r.Sort {
	case "", "relevance":
		req.SortBy([]string{"-_score"})
	case "date":
		req.SortBy([]string{"-" + fPublished})
	default:
		return nil, fmt.Errorf("%w: sort %q: want relevance or date", ErrQuery, r.Sort)
	}
	cols := r.FacetSize > 0 && x.useFacetCols()
	if r.FacetSize > 0 && !cols {
		for _, f := range facetFields {
			req.AddFacet(f.name, bleve.NewFacetRequest(f.field, r.FacetSize))
		}
	}
	var res *bleve.SearchResult
	var facets []Facet
	var pageFields []string // stored fields still to read for the page
	if cols {
		c, cerr := x.facetCols()
		if cerr != nil {
			return nil, cerr
		}
		if bounds := x.splitBounds(c); len(bounds) > 1 {
			pageFields, req.Fields = req.Fields, nil
			res, facets, err = x.splitSearch(ctx, req, c, r.FacetSize, bounds)
		} else {
			res, facets, err = x.searchCounting(ctx, req, c, r.FacetSize)
		}
	} else {
		res, err = x.idx.SearchInContext(ctx, req)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Query, err)
	}
	if (r.Snippets > 0 || pageFields != nil) && len(res.Hits) > 0 {
		if err := x.pageDetails(ctx, q, res.Hits, pageFields, r.Snippets > 0); err != nil {
			return nil, fmt.Errorf("search %q: %w", r.Query, err)
		}
	}
	out := &SearchResult{Query: r.Query, Filters: refs, Total: res.Total, Page: r.Page, Size: r.Size, Hits: []Hit{}}
	orderTies(res.Hits)
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, makeHit(h, r.Snippets))
	}
	switch {
	case cols:
		out.Facets = facets
	case r.FacetSize > 0:
		for _, f := range facetFields {
			out.Facets = append(out.Facets, makeFacet(f.name, res.Facets[f.name]))
		}
	}
	out.TookMS = float64(time.Since(t0).Microseconds()) / 1000
	return out, nil
}

// orderTies puts each run of hits bleve ranked equal (same score, same sort
// values) in ID order, so that a page lists its ties the same way on every
// index holding the same documents.
func orderTies(hits search.DocumentMatchCollection) {
	tied := func(a, b *search.DocumentMatch) bool {
		return a.Score == b.Score && slices.Equal(a.Sort, b.Sort)
	}
	for i := 0; i < len(hits); {
		j := i + 1
		for j < len(hits) && tied(hits[i], hits[j]) {
			j++
		}
		run := hits[i:j]
		sort.Slice(run, func(a, b int) bool { return run[a].ID < run[b].ID })
		i = j
	}
}

func makeFacet(name string, fr *search.FacetResult) Facet {
	f := Facet{Name: name, Terms: []FacetTerm{}}
	if fr == nil {
		return f
	}
	f.Field, f.Other, f.Missing = fr.Field, fr.Other, fr.Missing
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			id, label := SplitFacet(t.Term)
			f.Terms = append(f.Terms, FacetTerm{ID: id, Label: label, Count: t.Count})
		}
	}
	sortFacetTerms(f.Terms)
	return f
}

// sortFacetTerms orders a facet's values by count, then label and ID.
func sortFacetTerms(ts []FacetTerm) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.ID < b.ID
	})
}

// pageDetails reads, for a page of hits, the stored fields named (none
// when nil) and, with locations, the matched terms' locations for their
// snippets, by running the query again on those hits alone.
func (x *Index) pageDetails(ctx context.Context, q query.Query, hits search.DocumentMatchCollection, fields []string, locations bool) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	var pq query.Query = bleve.NewDocIDQuery(ids)
	if locations {
		pq = bleve.NewConjunctionQuery(pq, q)
	}
	req := bleve.NewSearchRequestOptions(pq, len(ids), 0, false)
	req.IncludeLocations = locations
	req.Fields = fields
	req.SortBy([]string{"_id"}) // a handful of hits: the sort is cheap
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for _, h := range hits {
		p := byID[h.ID]
		if p == nil {
			continue
		}
		if locations {
			h.Locations = p.Locations
		}
		if fields != nil {
			h.Fields = p.Fields
		}
	}
	return nil
}

func makeHit(h *search.DocumentMatch, snippets int) Hit {
	hit := Hit{
		ID:        h.ID,
		Score:     h.Score,
		Title:     str(h.Fields[fTitle]),
		Published: str(h.Fields[fPublishedNorm]),
		Kind:      str(h.Fields[fKind]),
		Format:    str(h.Fields[fFormat]),
		Outlet:    str(h.Fields[fOutlet]),
		URL:       str(h.Fields[fURL]),
		Locations: strs(h.Fields[fLocation]),
	}
	if hit.Published != "" {
		hit.DisplayDate = DisplayDate(hit.Published)
	}
	if snippets > 0 {
		body := str(h.Fields[fBody])
		pages := parsePages(str(h.Fields[fPages]))
		var spans []corpus.Span
		for _, locs := range h.Locations[fBody] {
			for _, l := range locs {
				spans = append(spans, corpus.Span{Start: int(l.Start), End: int(l.End)})
			}
		}
		hit.Snippets = makeSnippets(body, spans, snippets, 240)
		for i := range hit.Snippets {
			sn := &hit.Snippets[i]
			at := sn.Start
			if len(sn.Marks) > 0 {
				at += sn.Marks[0].Start
			}
			sn.Page = pageOf(pages, at)
		}
		if len(hit.Snippets) > 0 {
			hit.Page = hit.Snippets[0].Page
		}
	}
	return hit
}

// str reads a stored single value.
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		if len(v) > 0 {
			return str(v[0])
		}
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// strs reads a stored value that may be an array.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			out = append(out, str(e))
		}
		return out
	}
	return nil
}

func num(v any) int {
	switch v := v.(type) {
	case float64:
		return int(v)
	case []any:
		if len(v) > 0 {
			return num(v[0])
		}
	}
	return 0
}

func parsePages(s string) []int {
	if s == "" {
		return nil
	}
	var out []int
	for _, f := range strings.Fields(s) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// pageOf returns the 1-based page starting at or before off, 0 without pages.
func pageOf(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// makeSnippets picks up to n passages of about width bytes holding the most
// marked spans, in text order; without spans, the text's opening.
func makeSnippets(text string, spans []corpus.Span, n, width int) []Snippet {
	if text == "" {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	spans = dedupeSpans(spans, len(text))
	if len(spans) == 0 {
		s, e := 0, wordEnd(text, min(width, len(text)))
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if s == e {
			return nil
		}
		return []Snippet{{Text: text[s:e], Start: s, End: e}}
	}
	used := make([]bool, len(spans))
	var out []Snippet
	for len(out) < n {
		// The window starting at a free span that covers the most free spans.
		best, bestCount := -1, 0
		for i := range spans {
			if used[i] {
				continue
			}
			c := 0
			for j := i; j < len(spans) && spans[j].End-spans[i].Start <= width; j++ {
				if !used[j] {
					c++
				}
			}
			if c > bestCount {
				best, bestCount = i, c
			}
		}
		if best < 0 {
			break
		}
		first := spans[best]
		last := first
		for j := best; j < len(spans) && spans[j].End-first.Start <= width; j++ {
			used[j] = true
			last = spans[j]
		}
		// Centre the window on the marked stretch, on word boundaries.
		slack := (width - (last.End - first.Start)) / 2
		s := wordStart(text, max(0, first.Start-slack))
		e := wordEnd(text, min(len(text), last.End+slack))
		if overlapsAny(out, s, e) {
			continue
		}
		sn := Snippet{Start: s, End: e}
		for _, sp := range spans {
			if sp.Start >= s && sp.End <= e {
				sn.Marks = append(sn.Marks, corpus.Span{Start: sp.Start - s, End: sp.End - s})
			}
		}
		sn.Text = text[s:e]
		out = append(out, sn)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func overlapsAny(sn []Snippet, s, e int) bool {
	for _, x := range sn {
		if s < x.End && x.Start < e {
			return true
		}
	}
	return false
}

func dedupeSpans(spans []corpus.Span, n int) []corpus.Span {
	out := spans[:0]
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.End <= s.Start {
			continue
		}
		if len(out) > 0 && s.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, s)
	}
	return out
}

// wordStart moves i back to the start of its word, at most 32 bytes, and
// onto a rune boundary.
func wordStart(text string, i int) int {
	for k := 0; k < 32 && i > 0 && !isSpace(text[i-1]); k++ {
		i--
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// wordEnd moves i forward to the end of its word, at most 32 bytes, and
// onto a rune boundary.
func wordEnd(text string, i int) int {
	for k := 0; k < 32 && i < len(text) && !isSpace(text[i]); k++ {
		i++
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
