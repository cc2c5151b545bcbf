package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Ordered reads (exports, Events) walk a sort field's term dictionary,
// which holds its terms in order, and read the matching records a stretch
// of terms at a time, sorting each stretch in memory: events by the
// postings of date_sort's terms, documents by the document IDs of the _id
// dictionary. Paging through one sorted search instead (bleve's
// search-after) visits every match again for each page: a 600,000-event
// export read 600 pages of 600,000 hits. Here each match is read once, and
// about orderedChunk records are held at a time (events: or one date's
// matches, when more).
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

// dictSource opens a field's term dictionary: the index, or one snapshot
// of it.
type dictSource interface {
	FieldDict(field string) (bleveindex.FieldDict, error)
}

// walkDict calls fn with each term of field in src in order (terms of
// deleted records too, until merged away).
func walkDict(ctx context.Context, src dictSource, field string, fn func(term string) error) (err error) {
	d, err := src.FieldDict(field)
	if err != nil {
		return fmt.Errorf("%s dictionary: %w", field, err)
	}
	defer func() {
		if cerr := d.Close(); err == nil {
			err = cerr
		}
	}()
	for n := 0; ; n++ {
		if n%256 == 255 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e, err := d.Next()
		if err != nil {
			return fmt.Errorf("%s dictionary: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if err := fn(e.Term); err != nil {
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
// time, in date_sort order and by ID within one date. Up to a chunk of
// matches are read at once and sorted; more are marked in a bitset of
// internal document numbers, and the date_sort dictionary is walked in
// order, each date's postings kept where marked and read a chunk (or one
// date's matches, if more) at a time.
func (x *Index) eventsInOrder(ctx context.Context, q query.Query, emit func([]EventRecord) error) error {
	chunk := x.chunk()
	r, err := x.reader()
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok { // not an index trawl makes: all at once
		n, err := x.idx.DocCount()
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		evs, err := x.readEvents(ctx, q, int(n))
		if err != nil {
			return err
		}
		return emit(sortEvents(evs))
	}
	var nums []uint64
	err = x.eachMatch(ctx, snap, q, func(n uint64) bool {
		nums = append(nums, n)
		return len(nums) <= chunk
	})
	if err != nil {
		return err
	}
	read := func() error {
		evs, _, err := loadEvents(ctx, snap, nums, nil)
		if err != nil {
			return err
		}
		nums = nums[:0]
		return emit(sortEvents(evs))
	}
	if len(nums) <= chunk {
		return read()
	}
	segs := snap.Segments()
	offsets := segmentOffsets(segs)
	size := offsets[len(segs)]
	marked := make([]uint64, (size+63)/64)
	err = x.eachMatch(ctx, snap, q, func(n uint64) bool {
		marked[n>>6] |= 1 << (n & 63)
		return true
	})
	if err != nil {
		return err
	}
	nums = nums[:0]
	// Each segment's dictionary is opened once and each date's postings
	// looked up in it (through the snapshot, every look-up opened every
	// segment's dictionary again: a third of a 6,000-event export).
	dicts := make([]segment.TermDictionary, len(segs))
	lists := make([]segment.PostingsList, len(segs))
	iters := make([]segment.PostingsIterator, len(segs))
	for i, sg := range segs {
		if dicts[i], err = sg.Segment().Dictionary(fDateSort); err != nil {
			return fmt.Errorf("events: %w", err)
		}
	}
	err = walkDict(ctx, snap, fDateSort, func(t string) error {
		term := []byte(t)
		var err error
		for j, dict := range dicts {
			if lists[j], err = dict.PostingsList(term, segs[j].Deleted(), lists[j]); err != nil {
				return fmt.Errorf("events: %w", err)
			}
			if lists[j] == nil {
				continue
			}
			iters[j] = lists[j].Iterator(false, false, false, iters[j])
			for {
				p, err := iters[j].Next()
				if err != nil {
					return fmt.Errorf("events: %w", err)
				}
				if p == nil {
					break
				}
				if n := offsets[j] + p.Number(); n < size && marked[n>>6]&(1<<(n&63)) != 0 {
					nums = append(nums, n)
				}
			}
		}
		if len(nums) >= chunk {
			return read()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(nums) > 0 {
		return read()
	}
	return nil
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

// docsInOrder calls emit with the documents q matches, in ID order, a
// stretch at a time, each hit with fields loaded.
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
	err = walkDict(ctx, x.idx, "_id", func(term string) error {
		if strings.IndexByte(term, '/') >= 0 {
			return nil
		}
		ids = append(ids, term)
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

// dateOfSortKey is the date a date_sort term was made from (eventSortKey).
func dateOfSortKey(term string) string {
	if rest, ok := strings.CutPrefix(term, undatedSortKey); ok {
		return rest
	}
	if len(term) > dateSortKeyLen {
		return term[dateSortKeyLen:]
	}
	return term
}
