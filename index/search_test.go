package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// searchCase is one query of testdata/search/<case>/queries.json.
type searchCase struct {
	Name   string `json:"name"`
	Query  string `json:"query"`
	Filter struct {
		Trusts  []string `json:"trusts"`
		Orgs    []string `json:"orgs"`
		Vendors []string `json:"vendors"`
		Systems []string `json:"systems"`
		People  []string `json:"people"`
		Kinds   []string `json:"kinds"`
		From    string   `json:"from"`
		To      string   `json:"to"`
	} `json:"filter"`
	Sort       string              `json:"sort"`
	Want       []string            `json:"want"`     // names in order
	WantSet    []string            `json:"want_set"` // names in any order
	Total      int                 `json:"total"`
	Facets     map[string][]string `json:"facets"`     // facet -> "ID=count" or "=label=count", top first
	Highlights map[string][]string `json:"highlights"` // name -> marked words (lower case) in its snippets
	Pages      map[string]int      `json:"pages"`      // name -> page of its first snippet
}

func TestSearchCases(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/search/*")
	if len(dirs) == 0 {
		t.Fatal("no search cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f := loadFixture(t, filepath.Join(dir, "docs.json"))
			x, _ := buildIndex(t, f)
			raw, err := os.ReadFile(filepath.Join(dir, "queries.json"))
			if err != nil {
				t.Fatal(err)
			}
			var cases []searchCase
			if err := json.Unmarshal(raw, &cases); err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				t.Run(c.Name, func(t *testing.T) { runSearchCase(t, x, f, c) })
			}
		})
	}
}

func runSearchCase(t *testing.T, x *Index, f *fixture, c searchCase) {
	req := SearchRequest{Query: c.Query, Sort: c.Sort, Size: 50}
	req.Filter = Filter{Trusts: c.Filter.Trusts, Orgs: c.Filter.Orgs, Vendors: c.Filter.Vendors,
		Systems: c.Filter.Systems, People: c.Filter.People, Kinds: c.Filter.Kinds}
	if c.Filter.From != "" {
		req.Filter.From = mustDate(t, c.Filter.From)
	}
	if c.Filter.To != "" {
		req.Filter.To = mustDate(t, c.Filter.To)
	}
	res, err := x.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", c.Query, err)
	}
	var got []string
	hits := map[string]Hit{}
	for _, h := range res.Hits {
		n := f.name(h.ID)
		got = append(got, n)
		hits[n] = h
	}
	if c.Want != nil && !slices.Equal(got, c.Want) {
		t.Errorf("Search(%q, %+v) = %v; want %v", c.Query, c.Filter, got, c.Want)
	}
	if c.WantSet != nil {
		g, w := slices.Clone(got), slices.Clone(c.WantSet)
		sort.Strings(g)
		sort.Strings(w)
		if !slices.Equal(g, w) {
			t.Errorf("Search(%q, %+v) = %v; want (any order) %v", c.Query, c.Filter, g, w)
		}
	}
	if c.Total > 0 && int(res.Total) != c.Total {
		t.Errorf("Search(%q) total = %d; want %d", c.Query, res.Total, c.Total)
	}
	for name, wantTerms := range c.Facets {
		var fc *Facet
		for i := range res.Facets {
			if res.Facets[i].Name == name {
				fc = &res.Facets[i]
			}
		}
		if fc == nil {
			t.Errorf("Search(%q): no facet %q", c.Query, name)
			continue
		}
		var gotTerms []string
		for _, term := range fc.Terms {
			if term.ID != "" || name == "years" || name == "kinds" {
				id := term.ID
				if id == "" {
					id = term.Label
				}
				gotTerms = append(gotTerms, fmt.Sprintf("%s=%d", id, term.Count))
			} else {
				gotTerms = append(gotTerms, fmt.Sprintf("=%s=%d", term.Label, term.Count))
			}
		}
		if !slices.Equal(gotTerms, wantTerms) {
			t.Errorf("Search(%q) facet %s = %v; want %v", c.Query, name, gotTerms, wantTerms)
		}
	}
	for name, words := range c.Highlights {
		h, ok := hits[name]
		if !ok {
			t.Errorf("Search(%q): no hit %s to check highlights", c.Query, name)
			continue
		}
		marked := map[string]bool{}
		for _, s := range h.Snippets {
			for _, m := range s.Marks {
				marked[strings.ToLower(s.Text[m.Start:m.End])] = true
			}
		}
		for _, w := range words {
			if !marked[w] {
				t.Errorf("Search(%q) hit %s snippets %+v: %q not marked", c.Query, name, h.Snippets, w)
			}
		}
	}
	for name, page := range c.Pages {
		if h := hits[name]; h.Page != page {
			t.Errorf("Search(%q) hit %s page = %d; want %d (snippets %+v)", c.Query, name, h.Page, page, h.Snippets)
		}
	}
}

func TestQuerySyntaxErrors(t *testing.T) {
	for _, tt := range []struct {
		q   string
		pos int
	}{
		{`"this is the time`, 0},
		{`field::text`, 6},
		{`cerner title:`, 12},
		{`go-live +`, 8},
		{`title:>text`, 6},
	} {
		_, err := parseQuery(tt.q, docFields)
		var qe *QueryError
		if !errors.As(err, &qe) || !errors.Is(err, ErrQuery) {
			t.Errorf("parseQuery(%q) = %v; want a QueryError", tt.q, err)
			continue
		}
		if qe.Pos != tt.pos {
			t.Errorf("parseQuery(%q) error at %d; want %d (%v)", tt.q, qe.Pos, tt.pos, err)
		}
		if !strings.Contains(err.Error(), "column") {
			t.Errorf("parseQuery(%q) error %q does not say where", tt.q, err)
		}
	}
}

// TestOnlyFields: which queries can match records of one type alone, and so
// need no record-type filter.
func TestOnlyFields(t *testing.T) {
	types, err := newTypeFields()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q          string
		doc, event bool
	}{
		{"cerner delay", true, false},
		{`"patient record" review`, true, false},
		{"title:rescue", true, false},
		{"lorenz~ deploy*", true, false},
		{"+cerner outlet:ehi", true, false},
		{"cerner outlet:ehi", true, false}, // documents alone have outlet; events e_outlet
		{"outlet:ehi", true, false},
		{"vendor_id:cerner", true, false},
		{"e_vendor_id:cerner", false, true},
		{"-cerner", false, false},
		{"*", false, false},
		{"sentence:delay", false, true},
		{"published:>2008", true, false},
		{"type:doc", false, false},
		{"key:x", false, false}, // no type has it
		{"date_sort:x", false, true},
		{"event_kind:delay status:actual", false, true},
	} {
		pq, err := parseQuery(tt.q, docFields)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := onlyFields(pq, types.doc); got != tt.doc {
			t.Errorf("onlyFields(%q, documents') = %v; want %v", tt.q, got, tt.doc)
		}
		if got := onlyFields(pq, types.event); got != tt.event {
			t.Errorf("onlyFields(%q, events') = %v; want %v", tt.q, got, tt.event)
		}
	}
}

// TestSpreadFlat pins the shape spread gives parsed queries: an unfielded
// word becomes a disjunction over the text fields, and the words of a
// disjunction join it as field-terms rather than nest (bleve merges and
// scores each level of nesting for every hit).
func TestSpreadFlat(t *testing.T) {
	var describe func(q query.Query) string
	describe = func(q query.Query) string {
		list := func(qs []query.Query) string {
			var parts []string
			for _, c := range qs {
				parts = append(parts, describe(c))
			}
			return strings.Join(parts, " ")
		}
		boost := func(b *query.Boost) string {
			if b == nil || b.Value() == 1 {
				return ""
			}
			return fmt.Sprintf("^%g", b.Value())
		}
		switch q := q.(type) {
		case *query.BooleanQuery:
			var parts []string
			for _, p := range []struct {
				name string
				q    query.Query
			}{{"must", q.Must}, {"should", q.Should}, {"not", q.MustNot}} {
				if p.q != nil {
					parts = append(parts, p.name+":"+describe(p.q))
				}
			}
			return "bool(" + strings.Join(parts, " ") + ")"
		case *query.DisjunctionQuery:
			return "or(" + list(q.Disjuncts) + ")"
		case *query.ConjunctionQuery:
			return "and(" + list(q.Conjuncts) + ")"
		case *query.MatchQuery:
			return q.FieldVal + ":" + q.Match + boost(q.BoostVal)
		case *query.MatchPhraseQuery:
			return q.FieldVal + `:"` + q.MatchPhrase + `"` + boost(q.BoostVal)
		}
		return fmt.Sprintf("%T", q)
	}
	for _, tt := range []struct{ q, want string }{
		{"cerner", "bool(should:or(body:cerner title:cerner^3))"},
		{"cerner delay", "bool(should:or(body:cerner title:cerner^3 body:delay title:delay^3))"},
		{`"patient record" review`, `bool(should:or(body:"patient record" title:"patient record"^3 body:review title:review^3))`},
		{"title:rescue delay", "bool(should:or(title:rescue body:delay title:delay^3))"},
		// What must match keeps its own disjunction: each word must.
		{"+cerner +delay", "bool(must:and(or(body:cerner title:cerner^3) or(body:delay title:delay^3)))"},
		{"+cerner delay -lorenzo", "bool(must:and(or(body:cerner title:cerner^3)) should:or(body:delay title:delay^3) not:or(body:lorenzo title:lorenzo^3))"},
	} {
		q, err := parseQuery(tt.q, docFields)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := describe(q); got != tt.want {
			t.Errorf("parseQuery(%q) =\n %s; want\n %s", tt.q, got, tt.want)
		}
	}
}
