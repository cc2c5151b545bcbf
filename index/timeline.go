package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/nhs-trawl/trawl/extract/temporal"
)

// TimelineRequest asks for the events matching a query and filters.
type TimelineRequest struct {
	Query  string // bleve query-string syntax over event sentences
	Filter Filter
	// Max caps the events read (default 100,000).
	Max int
}

// EntityRef is an entity named by an event: its ID when known and a label.
type EntityRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
}

// EventRecord is one event as one document reported it.
type EventRecord struct {
	ID        string      `json:"event_id"` // index ID: DOC/eN
	DocID     string      `json:"doc_id"`
	Seq       int         `json:"seq"` // position in the document's extraction
	Kind      string      `json:"kind"`
	Status    string      `json:"status,omitempty"`
	Date      string      `json:"date"` // normalised: 2008-06, 2009-autumn
	DateType  string      `json:"date_type,omitempty"`
	Approx    bool        `json:"approx,omitempty"`
	DateBasis string      `json:"date_basis,omitempty"`
	Trusts    []EntityRef `json:"trusts"`
	Vendors   []EntityRef `json:"vendors"`
	Systems   []EntityRef `json:"systems"`
	Money     []string    `json:"money"`
	Sentence  string      `json:"sentence"`
	Start     int         `json:"start"`
	End       int         `json:"end"`
	Page      int         `json:"page,omitempty"`
	Title     string      `json:"title"`
	Outlet    string      `json:"outlet,omitempty"`
	URL       string      `json:"url,omitempty"`
	Locations []string    `json:"locations,omitempty"`
	Published string      `json:"published,omitempty"`
	DocKind   string      `json:"doc_kind"`
}

// TimelineEntry is one event on a timeline, with every document that
// reported it.
type TimelineEntry struct {
	Date        string      `json:"date"`
	DisplayDate string      `json:"display_date"` // "autumn 2009", "June 2008"
	EDTF        string      `json:"edtf"`
	Kind        string      `json:"kind"`
	Status      string      `json:"status,omitempty"`
	Trusts      []EntityRef `json:"trusts"`
	Vendors     []EntityRef `json:"vendors"`
	Systems     []EntityRef `json:"systems"`
	Money       []string    `json:"money"`
	// Conflict flags an entry whose event other sources date differently;
	// ConflictsWith lists those dates.
	Conflict      bool          `json:"conflict,omitempty"`
	ConflictsWith []string      `json:"conflicts_with,omitempty"`
	Sources       []EventRecord `json:"sources"`
}

// Timeline is the result of a timeline request.
type Timeline struct {
	Query   string          `json:"query"`
	Filters []Ref           `json:"filters,omitempty"`
	Events  int             `json:"events"` // event records read
	Entries []TimelineEntry `json:"entries"`
}

var eventFieldsStored = []string{fEvent}

// eventQuery builds the query of events matching a request.
func (x *Index) eventQuery(q string, f Filter) (query.Query, []Ref, error) {
	uq, err := parseQuery(q, eventFields)
	if err != nil {
		return nil, nil, err
	}
	fq, refs, err := x.filterQueries(f, TypeEvent)
	if err != nil {
		return nil, nil, err
	}
	return conjoin(uq, fq), refs, nil
}

// eventSort orders events by date (start, then longer first, then norm) and
// provenance; undated events come last.
var eventSort = []string{fDate, "-" + fDateEnd, fDateNorm, fKey}

// forEachEvent calls fn with each matching event in eventSort order, reading
// the index a page at a time.
func (x *Index) forEachEvent(ctx context.Context, q query.Query, max int, order []string, fn func(EventRecord) error) error {
	page := 1000
	if order == nil {
		page = max // one request: search-after paging needs an order
	}
	var after []string
	n := 0
	for {
		size := page
		if max > 0 && max-n < size {
			size = max - n
		}
		if size <= 0 {
			return nil
		}
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = eventFieldsStored
		if order != nil {
			req.SortBy(order)
		}
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := x.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		for _, h := range res.Hits {
			e, err := eventOf(h)
			if err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
			n++
		}
		if len(res.Hits) < size {
			return nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

func refsOf(v any) []EntityRef {
	out := []EntityRef{}
	for _, t := range strs(v) {
		id, label := SplitFacet(t)
		out = append(out, EntityRef{ID: id, Name: label})
	}
	return out
}

// eventOf reads the payload of an event hit.
func eventOf(h *search.DocumentMatch) (EventRecord, error) {
	return decodeEvent(h.ID, []byte(str(h.Fields[fEvent])))
}

// Events calls fn with every event matching the request, in date order,
// without holding them: for streaming exports.
func (x *Index) Events(ctx context.Context, r TimelineRequest, fn func(EventRecord) error) error {
	q, _, err := x.eventQuery(r.Query, r.Filter)
	if err != nil {
		return err
	}
	return x.forEachEvent(ctx, q, r.Max, eventSort, fn)
}

// Timeline returns the matching events in date order (temporal.Compare),
// the same event reported by several documents merged into one entry.
func (x *Index) Timeline(ctx context.Context, r TimelineRequest) (*Timeline, error) {
	if r.Max <= 0 {
		r.Max = 100000
	}
	q, refs, err := x.eventQuery(r.Query, r.Filter)
	if err != nil {
		return nil, err
	}
	// Merge sorts them, so they are read in no order: any sort key costs a
	// doc-values lookup per hit, and hits spread thinly over the index each
	// decompress a chunk of their own.
	evs, err := x.readEvents(ctx, q, r.Max)
	if err != nil {
		return nil, err
	}
	return &Timeline{Query: r.Query, Filters: refs, Events: len(evs), Entries: Merge(evs)}, nil
}

var keyPrefixes = [...]string{"0", "1", "2"}

// entityKeys are the keys two reports of one event share: entity IDs, or
// lower-cased names when an entity has no ID.
func entityKeys(e *EventRecord, withVendors bool) map[string]bool {
	keys := map[string]bool{}
	groups := [][]EntityRef{e.Trusts, e.Systems}
	if withVendors {
		groups = append(groups, e.Vendors)
	}
	for gi, g := range groups {
		for _, r := range g {
			// By ID and by name: a source that found the entity without
			// an ID still overlaps one that linked it.
			if r.ID != "" {
				keys[keyPrefixes[gi]+":id:"+r.ID] = true
			}
			if r.Name != "" {
				keys[keyPrefixes[gi]+":name:"+strings.ToLower(r.Name)] = true
			}
		}
	}
	return keys
}

// Merge turns event records into timeline entries: records of the same kind
// and date whose trusts, systems or vendors overlap (or which name none and
// the same money) are one event. Entries of one kind with status actual that
// share a trust (or, without trusts, a system) but whose dates cannot both
// be true (neither period holds the other) are flagged as conflicting and
// kept apart. Entries come in temporal.Compare order of their dates, then
// by kind and first source.
func Merge(evs []EventRecord) []TimelineEntry {
	dates := dateKeys{}
	cmp := dates.compare
	lessEvent := func(a, b *EventRecord) bool {
		if c := cmp(a.Date, b.Date); c != 0 {
			return c < 0
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		if a.DocID != b.DocID {
			return a.DocID < b.DocID
		}
		return a.Seq < b.Seq
	}
	// Sorted through a permutation with each event's date parsed once:
	// the comparer's look-ups were most of a big timeline's time. lessEvent
	// is a total order (a document's events have distinct sequence
	// numbers), so an unstable sort gives the one answer.
	keys := make([]dateKey, len(evs))
	for i := range evs {
		keys[i] = dates.of(evs[i].Date)
	}
	perm := make([]int, len(evs))
	for i := range perm {
		perm[i] = i
	}
	sort.Slice(perm, func(i, j int) bool {
		a, b := perm[i], perm[j]
		if c := keys[a].compare(&keys[b]); c != 0 {
			return c < 0
		}
		return lessEvent(&evs[a], &evs[b])
	})
	sorted := make([]EventRecord, len(evs))
	for i, p := range perm {
		sorted[i] = evs[p]
	}
	evs = sorted
	var out []TimelineEntry
	for i := 0; i < len(evs); {
		j := i
		for j < len(evs) && evs[j].Date == evs[i].Date {
			j++
		}
		out = append(out, mergeGroup(evs[i:j])...)
		i = j
	}
	lessEntry := func(i, j int) bool {
		a, b := &out[i], &out[j]
		if c := cmp(a.Date, b.Date); c != 0 {
			return c < 0
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return lessEvent(&a.Sources[0], &b.Sources[0])
	}
	// Groups come in date order and entries within one in the order of
	// their first source: sorted already, unless dates compare equal.
	if !sort.SliceIsSorted(out, lessEntry) {
		sort.SliceStable(out, lessEntry)
	}
	flagConflicts(out, dates)
	return out
}

// dateKey is a normalised date parsed for sorting.
type dateKey struct {
	s          string
	start, end time.Time
	ok         bool
}

// compare orders as temporal.Compare: by start, longer first, then by the
// normal form; dates that do not parse come last.
func (a *dateKey) compare(b *dateKey) int {
	if a.s == b.s {
		return 0
	}
	switch {
	case !a.ok && !b.ok:
		return strings.Compare(a.s, b.s)
	case !a.ok:
		return 1
	case !b.ok:
		return -1
	}
	if c := a.start.Compare(b.start); c != 0 {
		return c
	}
	if c := b.end.Compare(a.end); c != 0 {
		return c
	}
	return strings.Compare(a.s, b.s)
}

// dateKeys parses each normalised date once.
type dateKeys map[string]dateKey

// compare is temporal.Compare.
func (m dateKeys) compare(a, b string) int {
	if a == b {
		return 0
	}
	ka, kb := m.of(a), m.of(b)
	return ka.compare(&kb)
}

func (m dateKeys) of(s string) dateKey {
	k, ok := m[s]
	if !ok {
		v, err := temporal.ParseValue(s)
		k = dateKey{s: s, start: v.Start, end: v.End, ok: err == nil}
		m[s] = k
	}
	return k
}

// mergeGroup merges the records of one date (sorted), by kind and overlap,
// with a union-find.
func mergeGroup(evs []EventRecord) []TimelineEntry {
	parent := make([]int, len(evs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Two records of one kind are one event when they share an entity key
	// (or, naming no entity, the same money): each record joins the first
	// of its kind holding each of its keys, which links the same records
	// as comparing every pair, in one pass.
	union := func(i, j int) { parent[find(j)] = find(i) }
	var first map[string]int
	for i := range evs {
		if i == 0 || evs[i].Kind != evs[i-1].Kind { // a group is sorted by kind
			first = map[string]int{}
		}
		keys := entityKeys(&evs[i], true)
		if len(keys) == 0 {
			if len(evs[i].Money) == 0 {
				continue
			}
			keys = map[string]bool{"money:" + strings.Join(evs[i].Money, ","): true}
		}
		for k := range keys {
			if f, ok := first[k]; ok {
				union(f, i)
			} else {
				first[k] = i
			}
		}
	}
	byRoot := map[int]int{}
	var out []TimelineEntry
	for i := range evs {
		r := find(i)
		k, ok := byRoot[r]
		if !ok {
			k = len(out)
			byRoot[r] = k
			e := &evs[i]
			out = append(out, TimelineEntry{Date: e.Date, DisplayDate: DisplayDate(e.Date), Kind: e.Kind})
		}
		out[k].Sources = append(out[k].Sources, evs[i])
	}
	for i := range out {
		finishEntry(&out[i])
	}
	return out
}

var statusRank = map[string]int{"actual": 4, "cancelled": 3, "missed": 2, "planned": 1}

// finishEntry fills an entry's status, entities and money from its sources.
func finishEntry(t *TimelineEntry) {
	approx := false
	for _, s := range t.Sources {
		if statusRank[s.Status] > statusRank[t.Status] {
			t.Status = s.Status
		}
		approx = approx || s.Approx
	}
	t.EDTF = EDTF(t.Date, approx)
	union := func(get func(*EventRecord) []EntityRef) []EntityRef {
		// One per name, with its ID when any source gave one.
		byName := map[string]int{}
		out := []EntityRef{}
		for i := range t.Sources {
			for _, r := range get(&t.Sources[i]) {
				k := strings.ToLower(r.Name)
				if j, ok := byName[k]; ok {
					if out[j].ID == "" {
						out[j].ID = r.ID
					}
					continue
				}
				byName[k] = len(out)
				out = append(out, r)
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Name != out[j].Name {
				return out[i].Name < out[j].Name
			}
			return out[i].ID < out[j].ID
		})
		return out
	}
	t.Trusts = union(func(e *EventRecord) []EntityRef { return e.Trusts })
	t.Vendors = union(func(e *EventRecord) []EntityRef { return e.Vendors })
	t.Systems = union(func(e *EventRecord) []EntityRef { return e.Systems })
	seen := map[string]bool{}
	t.Money = []string{}
	for _, s := range t.Sources {
		for _, m := range s.Money {
			if !seen[m] {
				seen[m] = true
				t.Money = append(t.Money, m)
			}
		}
	}
	sort.Strings(t.Money)
}

// flagConflicts marks actual events of one kind, trust and system (or,
// without trusts, system) whose dates exclude each other.
func flagConflicts(entries []TimelineEntry, dates dateKeys) {
	buckets := map[string][]int{}
	for i := range entries {
		e := &entries[i]
		if e.Status != "actual" {
			continue
		}
		var trusts, systems []string
		for _, r := range e.Trusts {
			trusts = append(trusts, firstNonEmpty(r.ID, strings.ToLower(r.Name)))
		}
		for _, r := range e.Systems {
			systems = append(systems, firstNonEmpty(r.ID, strings.ToLower(r.Name)))
		}
		var keys []string
		switch {
		case len(trusts) > 0 && len(systems) > 0:
			for _, t := range trusts {
				for _, sy := range systems {
					keys = append(keys, "t:"+t+"|s:"+sy)
				}
			}
		case len(trusts) > 0:
			for _, t := range trusts {
				keys = append(keys, "t:"+t)
			}
		default:
			for _, sy := range systems {
				keys = append(keys, "s:"+sy)
			}
		}
		for _, k := range keys {
			buckets[e.Kind+"|"+k] = append(buckets[e.Kind+"|"+k], i)
		}
	}
	conflicts := map[int]map[string]bool{}
	add := func(i int, date string) {
		if conflicts[i] == nil {
			conflicts[i] = map[string]bool{}
		}
		conflicts[i][date] = true
	}
	for _, idx := range buckets {
		for a := 0; a < len(idx); a++ {
			for b := a + 1; b < len(idx); b++ {
				x, y := &entries[idx[a]], &entries[idx[b]]
				if x.Date == y.Date {
					continue
				}
				if kx, ky := dates.of(x.Date), dates.of(y.Date); kx.ok && ky.ok && nested(kx, ky) {
					continue
				}
				add(idx[a], y.Date)
				add(idx[b], x.Date)
			}
		}
	}
	for i, set := range conflicts {
		e := &entries[i]
		e.Conflict = true
		e.ConflictsWith = make([]string, 0, len(set))
		for d := range set {
			e.ConflictsWith = append(e.ConflictsWith, d)
		}
		sort.Slice(e.ConflictsWith, func(a, b int) bool {
			return dates.compare(e.ConflictsWith[a], e.ConflictsWith[b]) < 0
		})
	}
}

// nested reports whether one period holds the other (2008 and 2008-06 can
// both be right).
func nested(a, b dateKey) bool {
	in := func(x, y dateKey) bool { return !x.start.Before(y.start) && !x.end.After(y.end) }
	return in(a, b) || in(b, a)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// readEvents returns up to max events matching q, in no order. On a scorch
// index it reads each hit's payload straight from its segment by internal
// document number: bleve's own loading looks every hit's ID up again in
// the _id dictionary of each segment, which cost more than the search.
func (x *Index) readEvents(ctx context.Context, q query.Query, max int) ([]EventRecord, error) {
	var evs []EventRecord
	collect := func(e EventRecord) error { evs = append(evs, e); return nil }
	r, err := x.reader()
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return evs, x.forEachEvent(ctx, q, max, nil, collect)
	}
	s, err := q.Searcher(ctx, snap, x.idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: snap}
	var nums []uint64
	for len(nums) < max {
		if len(nums)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		if dm == nil {
			break
		}
		nums = append(nums, dm.IndexInternalID.Value())
		sctx.DocumentMatchPool.Put(dm)
	}
	segs := snap.Segments()
	offsets := make([]uint64, len(segs)+1)
	for i, sg := range segs {
		offsets[i+1] = offsets[i] + uint64(sg.FullSize())
	}
	evs = make([]EventRecord, 0, len(nums))
	for i, n := range nums {
		if i%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		si := sort.Search(len(segs), func(i int) bool { return offsets[i+1] > n })
		if si == len(segs) {
			return nil, fmt.Errorf("events: document number %d beyond the index", n)
		}
		var id string
		var payload []byte
		err := segs[si].VisitDocument(n-offsets[si], func(name string, _ byte, val []byte, _ []uint64) bool {
			switch name {
			case "_id":
				id = string(val)
			case fEvent:
				payload = append([]byte(nil), val...)
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		e, err := decodeEvent(id, payload)
		if err != nil {
			return nil, err
		}
		evs = append(evs, e)
	}
	return evs, nil
}
