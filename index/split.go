package index

import (
	"bytes"
	"context"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A search of a server's index runs on every core at once: the documents
// are cut into ranges of bleve's internal document numbers, each range is
// searched by a goroutine of its own (scoring its hits, keeping its best,
// counting its facets), and the ranges' answers are merged as one search
// would have ranked them. bleve scores every hit of a query on one core
// (about 0.3 µs a hit: 27 ms for two common words matching 90,000
// documents), and a term's weight is the whole index's, whichever range
// scores it, so the merged page is the page one search finds
// (TestSearchSplitSame).

// splitMinDocs is the fewest documents whose searches are split: below it a
// search is quick on one core, and a goroutine per range costs more than
// it saves.
const splitMinDocs = 10000

// splitBounds returns the first internal number of each range a search of
// the documents in c is cut into: one range per core (Index.splitParts in
// tests), or one range for small indexes.
func (x *Index) splitBounds(c *facetColumns) []uint64 {
	n := x.splitParts
	if n == 0 {
		if len(c.nums) < splitMinDocs {
			return nil
		}
		n = runtime.GOMAXPROCS(0)
	}
	if n < 2 {
		return nil
	}
	return c.bounds(n)
}

// rangeQuery matches what its query matches among internal document numbers
// from lo (nil: the first) up to, not including, hi (nil: past the last).
type rangeQuery struct {
	q      query.Query
	lo, hi bindex.IndexInternalID
}

func (r rangeQuery) Searcher(ctx context.Context, i bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	s, err := r.q.Searcher(ctx, i, m, o)
	if err != nil {
		return nil, err
	}
	return &rangeSearcher{Searcher: s, lo: r.lo, hi: r.hi}, nil
}

// rangeSearcher is a searcher kept to a range of document numbers.
type rangeSearcher struct {
	search.Searcher
	lo, hi  bindex.IndexInternalID
	started bool
	done    bool
}

func (s *rangeSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started && s.lo != nil {
		return s.Advance(ctx, s.lo)
	}
	s.started = true
	if s.done {
		return nil, nil
	}
	d, err := s.Searcher.Next(ctx)
	return s.clip(ctx, d, err)
}

func (s *rangeSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.lo != nil && bytes.Compare(id, s.lo) < 0 {
		id = s.lo
	}
	s.started = true
	if s.done {
		return nil, nil
	}
	d, err := s.Searcher.Advance(ctx, id)
	return s.clip(ctx, d, err)
}

// clip ends the search at the first match past the range.
func (s *rangeSearcher) clip(ctx *search.SearchContext, d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if err != nil || d == nil || s.hi == nil || bytes.Compare(d.IndexInternalID, s.hi) < 0 {
		return d, err
	}
	s.done = true
	if ctx.DocumentMatchPool != nil {
		ctx.DocumentMatchPool.Put(d)
	}
	return nil, nil
}

// internalID is the internal ID of document number n.
func internalID(n uint64) bindex.IndexInternalID {
	id := make(bindex.IndexInternalID, 8)
	id.SetValue(n)
	return id
}

// splitSearch runs req (its query, sort, and the page from From to
// From+Size; no facet requests, and no stored fields, which the caller
// reads for the page alone) over the ranges starting at bounds, each on a
// goroutine, counting the facets of each range's hits in columns c. It
// returns the merged result, without Fields, and the facets.
func (x *Index) splitSearch(ctx context.Context, req *bleve.SearchRequest, c *facetColumns, facetSize int, bounds []uint64) (*bleve.SearchResult, []Facet, error) {
	type part struct {
		res *bleve.SearchResult
		fc  *facetCount
		err error
	}
	parts := make([]part, len(bounds))
	var wg sync.WaitGroup
	for i := range bounds {
		rq := rangeQuery{q: req.Query}
		if bounds[i] > 0 {
			rq.lo = internalID(bounds[i])
		}
		if i+1 < len(bounds) {
			rq.hi = internalID(bounds[i+1])
		}
		pr := bleve.NewSearchRequestOptions(rq, req.From+req.Size, 0, false)
		pr.Sort = req.Sort.Copy() // a sort field holds each hit's values while it is read
		pr.Score = req.Score
		wg.Go(func() {
			p := &parts[i]
			p.fc = c.newCount()
			p.res, p.err = x.recordHits(ctx, pr, func(b []uint64) []uint64 {
				p.fc.add(b)
				return b[:0]
			})
		})
	}
	wg.Wait()
	res := &bleve.SearchResult{Request: req, Status: &bleve.SearchStatus{}}
	fc := parts[0].fc
	var hits search.DocumentMatchCollection
	for i := range parts {
		p := &parts[i]
		if p.err != nil {
			return nil, nil, p.err
		}
		res.Total += p.res.Total
		res.Status.Merge(p.res.Status)
		if p.res.MaxScore > res.MaxScore {
			res.MaxScore = p.res.MaxScore
		}
		for _, h := range p.res.Hits {
			// bleve breaks ties by the order it found hits in: document
			// number order, across ranges too.
			n, _ := internalNum(h.IndexInternalID)
			h.HitNumber = n
			hits = append(hits, h)
		}
		if i > 0 {
			fc.merge(p.fc)
		}
	}
	isScore, desc := req.Sort.CacheIsScore(), req.Sort.CacheDescending()
	slices.SortFunc(hits, func(a, b *search.DocumentMatch) int { return req.Sort.Compare(isScore, desc, a, b) })
	from := min(req.From, len(hits))
	res.Hits = hits[from:min(from+req.Size, len(hits))]
	return res, fc.facets(facetSize), nil
}
