package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Ordered reads (exports, Events) walk a sort field's term dictionary,
// which holds its terms in order, and read the matching records one
// stretch of terms at a time, sorting each stretch in memory. Paging
// through one sorted search instead (bleve's search-after) visits every
// match again for each page: a 600,000-event export read 600 pages of
// 600,000 hits. Here each match is read once, and at most about
// orderedChunk records are held at a time.
const orderedChunk = 4096

// errEnough stops an ordered read early (Max reached).
var errEnough = errors.New("enough")

func (x *Index) chunk() int {
	if x.exportChunk > 0 {
		return x.exportChunk
	}
	return orderedChunk
}

// count returns how many records q matches.
func (x *Index) count(ctx context.Context, q query.Query) (uint64, error) {
	res, err := x.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// dictEntry is a term of a field's dictionary and the records holding it
// (deleted ones included, until merged away).
type dictEntry struct {
	term  string
	count uint64
}

// walkDict calls fn with each term of field in order.
func (x *Index) walkDict(ctx context.Context, field string, fn func(dictEntry) error) (err error) {
	d, err := x.idx.FieldDict(field)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}()
	for n := 0; ; n++ {
		if n%4096 == 4095 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e, err := d.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		if err := fn(dictEntry{term: e.Term, count: e.Count}); err != nil {
			return err
		}
	}
}

// eventSortKey is an event's date_sort term: its date's sort key
// (dateSortKey), or, when the date does not parse, the date after a byte
// that sorts after digits.
func eventSortKey(date string) string {
	if v, ok := eventPeriod(date); ok {
		return dateSortKey(v, date)
	}
	return undatedSortKey + date
}

// eventsInOrder calls emit with the events q matches, a sorted slice at a
// time, in date_sort order and by ID within one term.
func (x *Index) eventsInOrder(ctx context.Context, q query.Query, emit func([]EventRecord) error) error {
	chunk := x.chunk()
	evs, err := x.readEvents(ctx, q, chunk+1)
	if err != nil {
		return err
	}
	if len(evs) <= chunk { // all of them
		return emit(sortEvents(evs))
	}
	n, err := x.count(ctx, q)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	var all uint64
	if err := x.walkDict(ctx, fDateSort, func(e dictEntry) error { all += e.count; return nil }); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	// Terms are gathered until they should hold half a chunk of matches,
	// going by the share of all events q matches; a stretch that holds
	// more than a chunk is halved.
	share := float64(n) / float64(max(all, 1))
	var read func(terms []string) error
	read = func(terms []string) error {
		tr := bleve.NewTermRangeInclusiveQuery(terms[0], terms[len(terms)-1], boolPtr(true), boolPtr(true))
		tr.SetField(fDateSort)
		cq := bleve.NewConjunctionQuery(q, tr)
		evs, err := x.readEvents(ctx, cq, chunk+1)
		if err != nil {
			return err
		}
		if len(evs) <= chunk {
			return emit(sortEvents(evs))
		}
		if len(terms) > 1 {
			h := len(terms) / 2
			if err := read(terms[:h]); err != nil {
				return err
			}
			return read(terms[h:])
		}
		// One date shared by more than a chunk of events: paged by ID.
		return x.forEachEvent(ctx, cq, 0, []string{"_id"}, func(e EventRecord) error {
			return emit([]EventRecord{e})
		})
	}
	var terms []string
	var expect float64
	err = x.walkDict(ctx, fDateSort, func(e dictEntry) error {
		terms = append(terms, e.term)
		if expect += float64(e.count) * share; expect >= float64(chunk)/2 {
			err := read(terms)
			terms, expect = terms[:0], 0
			return err
		}
		return nil
	})
	if err == nil && len(terms) > 0 {
		err = read(terms)
	}
	if err != nil && !errors.Is(err, errEnough) {
		return fmt.Errorf("events: %w", err)
	}
	return err
}

// sortEvents sorts events in date_sort order, then by ID.
func sortEvents(evs []EventRecord) []EventRecord {
	keys := make(map[string]string, 64)
	for i := range evs {
		if _, ok := keys[evs[i].Date]; !ok {
			keys[evs[i].Date] = eventSortKey(evs[i].Date)
		}
	}
	slices.SortFunc(evs, func(a, b EventRecord) int {
		if c := strings.Compare(keys[a.Date], keys[b.Date]); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return evs
}

func boolPtr(b bool) *bool { return &b }

// docsInOrder calls emit with the documents q matches, in ID order, a page
// at a time, each hit with fields loaded.
func (x *Index) docsInOrder(ctx context.Context, q query.Query, fields []string, emit func(search.DocumentMatchCollection) error) error {
	chunk := x.chunk()
	n, err := x.count(ctx, q)
	if err != nil {
		return err
	}
	page := func(q query.Query, size int) error {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"}) // at most a chunk of hits: their IDs are loaded anyway
		res, err := x.idx.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		return emit(res.Hits)
	}
	if n <= uint64(chunk) {
		return page(q, int(n))
	}
	tq := bleve.NewTermQuery(TypeDoc)
	tq.SetField(fType)
	total, err := x.count(ctx, tq)
	if err != nil {
		return err
	}
	// Documents' IDs are the terms of the _id dictionary without "/"
	// (events are DOC/eN). IDs are gathered until they should hold a chunk
	// of matches, going by the share of documents q matches, and at most
	// 16 chunks of them; each stretch is read with q and those IDs.
	share := float64(n) / float64(max(total, 1))
	var ids []string
	flush := func() error {
		dq := bleve.NewDocIDQuery(ids)
		err := page(bleve.NewConjunctionQuery(q, dq), len(ids))
		ids = ids[:0]
		return err
	}
	err = x.walkDict(ctx, "_id", func(e dictEntry) error {
		if strings.IndexByte(e.term, '/') >= 0 {
			return nil
		}
		ids = append(ids, e.term)
		if float64(len(ids))*share >= float64(chunk) || len(ids) >= 16*chunk {
			return flush()
		}
		return nil
	})
	if err == nil && len(ids) > 0 {
		err = flush()
	}
	return err
}
