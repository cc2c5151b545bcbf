package index

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// churnedIndex builds an index of many segments holding deleted and
// replaced records, and returns its directory.
func churnedIndex(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	ctx := context.Background()
	store, _ := genStore(t, t.TempDir(), 600)
	t.Cleanup(func() { store.Close() })
	w := openIndex(t, dir, Options{BatchBytes: 64 << 10})
	if _, err := w.Update(ctx, store, nil); err != nil {
		t.Fatal(err)
	}
	// Replace some documents and remove others, leaving deleted records
	// in the segments.
	err := store.Update(func(tx *corpus.Tx) error {
		for i := 0; i < 600; i += 7 {
			d, _ := genDoc(i)
			if i%2 == 0 {
				if err := tx.Remove(fmt.Sprintf("/gen/%05d.html", i)); err != nil {
					return err
				}
				continue
			}
			d.Title += " (revised)"
			if err := tx.Put(&d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Update(ctx, store, nil); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return dir
}

// TestFacetCacheSame checks that searches give the same results, facets
// included, with and without the facet columns, and cut into ranges
// searched at once (TestSearchSplitSame, below) or not.
func TestFacetCacheSame(t *testing.T) {
	dir := churnedIndex(t)
	ctx := context.Background()
	plain := openIndex(t, dir, Options{ReadOnly: true})
	cached := openIndex(t, dir, Options{ReadOnly: true, FacetCache: true})
	if err := cached.WarmFacets(); err != nil {
		t.Fatal(err)
	}
	cached.splitParts = 1
	variants := []*Index{cached}
	for _, n := range []int{2, 3, 7} {
		x := openIndex(t, dir, Options{ReadOnly: true, FacetCache: true})
		x.splitParts = n
		variants = append(variants, x)
	}
	all, err := plain.Search(ctx, SearchRequest{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	reqs := []SearchRequest{
		{},
		{Size: 20, Page: 2, FacetSize: 3},
		{Query: "programme board", Snippets: 3},
		{Query: "\"patient record\" -delay", Sort: "date"},
		{Query: "zzznothing"},
		{Filter: Filter{Kinds: []string{"news"}}, FacetSize: 50},
	}
	for _, f := range all.Facets {
		for _, tm := range f.Terms[:min(3, len(f.Terms))] {
			var fl Filter
			switch f.Name {
			case "trusts":
				fl.Trusts = []string{tm.ID}
			case "vendors":
				fl.Vendors = []string{tm.ID}
			case "people":
				fl.People = []string{tm.Label}
			default:
				continue
			}
			reqs = append(reqs, SearchRequest{Filter: fl}, SearchRequest{Query: "trust", Filter: fl, FacetSize: 2})
		}
	}
	if len(reqs) < 12 {
		t.Fatalf("only %d requests: facets %+v", len(reqs), all.Facets)
	}
	for i, r := range reqs {
		a, err := plain.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		a.TookMS = 0
		ja, _ := json.MarshalIndent(a, "", " ")
		for _, x := range variants {
			b, err := x.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b.TookMS = 0
			jb, _ := json.MarshalIndent(b, "", " ")
			if string(ja) != string(jb) {
				t.Errorf("request %d %+v: with facet columns, in %d ranges\n%s\nwithout\n%s", i, r, x.splitParts, jb, ja)
			}
		}
		if i == 0 && (a.Total == 0 || len(a.Facets) == 0 || len(a.Facets[0].Terms) == 0) {
			t.Fatalf("empty index? %s", ja)
		}
	}
	c, _ := cached.facetCols()
	t.Logf("%d documents (%d searched), %d values, %d distinct", len(c.nums), all.Total, len(c.vals), len(c.terms))
}

// TestReadEventsSame checks that events read by internal document number
// are those bleve loads by ID.
func TestReadEventsSame(t *testing.T) {
	dir := churnedIndex(t)
	ctx := context.Background()
	x := openIndex(t, dir, Options{ReadOnly: true})
	for _, q := range []string{"", "delay", "trust -delay"} {
		eq, _, err := x.eventQuery(q, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		fast, err := x.readEvents(ctx, eq, 100000)
		if err != nil {
			t.Fatal(err)
		}
		var slow []EventRecord
		if err := x.forEachEvent(ctx, eq, 100000, func(e EventRecord) error { slow = append(slow, e); return nil }); err != nil {
			t.Fatal(err)
		}
		byID := func(a, b EventRecord) int { return strings.Compare(a.ID, b.ID) }
		slices.SortFunc(fast, byID)
		slices.SortFunc(slow, byID)
		if len(fast) == 0 || !reflect.DeepEqual(fast, slow) {
			t.Errorf("query %q: %d events by number, %d by ID, or they differ", q, len(fast), len(slow))
		}
	}
}
