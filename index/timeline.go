package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
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

	date *dateKey // Date parsed (Merge)
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
	renameFields(uq, eventField) // a document's field names mean the event's
	return x.recordQuery(uq, f, TypeEvent)
}

// forEachEvent calls fn with up to max events matching q, in no order,
// loaded by bleve in one request: readEvents' way on an index other than
// scorch, and its reference in tests.
func (x *Index) forEachEvent(ctx context.Context, q query.Query, max int, fn func(EventRecord) error) error {
	req := bleve.NewSearchRequestOptions(q, max, 0, false)
	req.Fields = eventFieldsStored
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
	}
	return nil
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
	return decodeEvent(h.ID, str(h.Fields[fEvent]))
}

// Events calls fn with every event matching the request (up to r.Max when
// positive), in date order (start, longer first, the date as written;
// undated last) and by ID within one date, holding a few thousand at a
// time: for streaming exports.
func (x *Index) Events(ctx context.Context, r TimelineRequest, fn func(EventRecord) error) error {
	q, _, err := x.eventQuery(r.Query, r.Filter)
	if err != nil {
		return err
	}
	keep := periodFilter(r.Filter)
	n := 0
	err = x.eventsInOrder(ctx, q, func(evs []EventRecord) error {
		for _, e := range evs {
			if keep != nil && !keep(e) {
				continue
			}
			if r.Max > 0 && n == r.Max {
				return errEnough
			}
			n++
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		return nil
	}
	return err
}

// periodFilter, when a filter has dates, tells whether an event's period
// overlaps them (starts before their end and ends after their start): the
// query finds events by the years they overlap. nil without dates.
func periodFilter(f Filter) func(EventRecord) bool {
	if f.From.IsZero() && f.To.IsZero() {
		return nil
	}
	lo, hi := f.bounds()
	known := map[string]bool{}
	return func(e EventRecord) bool {
		ok, seen := known[e.Date]
		if !seen {
			v, dated := eventPeriod(e.Date)
			ok = dated && (lo.IsZero() || v.End.After(lo)) && (hi.IsZero() || v.Start.Before(hi))
			known[e.Date] = ok
		}
		return ok
	}
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
	evs, keys, err := x.readEventsDated(ctx, q, r.Max, &x.dates)
	if err != nil {
		return nil, err
	}
	if keep := periodFilter(r.Filter); keep != nil {
		n := 0
		for i := range evs {
			if keep(evs[i]) {
				evs[n], keys[n] = evs[i], keys[i]
				n++
			}
		}
		evs, keys = evs[:n], keys[:n]
	}
	return &Timeline{Query: r.Query, Filters: refs, Events: len(evs), Entries: mergeKeyed(evs, keys)}, nil
}

// merger holds what one Merge reuses from group to group: lower-cased
// names, and the union-find's buffers.
type merger struct {
	lower  map[string]string
	first  map[entKey]int
	keys   []entKey
	parent []int
	root   []int
}

// entKey is one of the keys two reports of one event share: an entity's ID
// or lower-cased name in one group (trusts, systems, vendors), or, for a
// record naming no entity, its money.
type entKey struct {
	group  uint8
	byName bool
	s      string
}

const (
	keyTrusts = iota
	keySystems
	keyVendors
	keyMoney
)

func newMerger() *merger {
	return &merger{lower: map[string]string{}, first: map[entKey]int{}}
}

// lowerName is strings.ToLower, once per name.
func (m *merger) lowerName(s string) string {
	l, ok := m.lower[s]
	if !ok {
		l = strings.ToLower(s)
		m.lower[s] = l
	}
	return l
}

// idOrName is an entity's ID, or else its lower-cased name.
func (m *merger) idOrName(r EntityRef) string {
	if r.ID != "" {
		return r.ID
	}
	return m.lowerName(r.Name)
}

// appendKeys appends the keys two reports of one event share: entity IDs
// and lower-cased names. By ID and by name: a source that found the entity
// without an ID still overlaps one that linked it.
func (m *merger) appendKeys(dst []entKey, e *EventRecord, withVendors bool) []entKey {
	add := func(group uint8, refs []EntityRef) {
		for _, r := range refs {
			if r.ID != "" {
				dst = append(dst, entKey{group: group, s: r.ID})
			}
			if r.Name != "" {
				dst = append(dst, entKey{group: group, byName: true, s: m.lowerName(r.Name)})
			}
		}
	}
	add(keyTrusts, e.Trusts)
	add(keySystems, e.Systems)
	if withVendors {
		add(keyVendors, e.Vendors)
	}
	return dst
}

// Merge turns event records into timeline entries: records of the same kind
// and date whose trusts, systems or vendors overlap (or which name none and
// the same money) are one event. Entries of one kind with status actual that
// share a trust (or, without trusts, a system) but whose dates cannot both
// be true (neither period holds the other) are flagged as conflicting and
// kept apart. Entries come in temporal.Compare order of their dates, then
// by kind and first source.
func Merge(evs []EventRecord) []TimelineEntry {
	return mergeDated(newDateKeys(), evs)
}

// mergeDated is Merge with the dates parsed in dates (an Index keeps one
// for all its timelines: a big timeline parsed a thousand dates, a tenth
// of its time).
func mergeDated(dates dateKeys, evs []EventRecord) []TimelineEntry {
	keys := make([]*dateKey, len(evs))
	for i := range evs {
		keys[i] = dates.of(evs[i].Date)
	}
	return mergeKeyed(evs, keys)
}

// mergeKeyed is Merge of records whose dates are parsed already (keys[i]
// is evs[i]'s: Timeline looks them up while it decodes the records, on
// every core).
func mergeKeyed(evs []EventRecord, keys []*dateKey) []TimelineEntry {
	m := newMerger()
	// Sorted by each record's date's start and end as integers, held
	// beside its index, and only records of one period compared in full:
	// a busy trust's 2,600 records have some 1,200 dates, and looking
	// their dates up through the records in every comparison was a quarter
	// of its merging. The order is total (a document's events have distinct
	// sequence numbers), so an unstable sort gives the one answer.
	type sortKey struct {
		start, end int64 // seconds; dates with nanoseconds compare in full
		i          int32
	}
	order := make([]sortKey, len(evs))
	for i, k := range keys {
		order[i] = sortKey{start: k.start.sec, end: k.end.sec, i: int32(i)}
		switch {
		case !k.ok: // after every date, as dateKey.compare
			order[i].start, order[i].end = math.MaxInt64, math.MaxInt64
		case k.start.nsec != 0 || k.end.nsec != 0:
			order[i].end = math.MinInt64 // compared in full after the start
		}
	}
	slices.SortFunc(order, func(x, y sortKey) int {
		if x.start != y.start {
			return cmp.Compare(x.start, y.start)
		}
		if x.end != y.end && x.end != math.MinInt64 && y.end != math.MinInt64 {
			return cmp.Compare(y.end, x.end)
		}
		i, j := x.i, y.i
		if c := keys[i].compare(keys[j]); c != 0 {
			return c
		}
		a, b := &evs[i], &evs[j]
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		if c := strings.Compare(a.Published, b.Published); c != 0 {
			return c
		}
		if c := strings.Compare(a.DocID, b.DocID); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	// Each record's date's rank among the distinct dates, and the dates
	// by rank.
	sorted := make([]EventRecord, len(evs))
	ranks := make([]int32, len(evs))
	var byRank []*dateKey
	for i, o := range order {
		p := o.i
		sorted[i] = evs[p]
		if i == 0 || keys[p].compare(byRank[len(byRank)-1]) != 0 {
			byRank = append(byRank, keys[p])
		}
		ranks[i] = int32(len(byRank) - 1)
	}
	evs, keys = sorted, byRank
	// Dates are merged apart, so from a million records they are split
	// between the cores at date boundaries, each part with a merger of its
	// own (below that, a second core measured within the noise).
	parts := 1
	if len(evs) >= 1000000 {
		parts = min(runtime.GOMAXPROCS(0), 4)
	}
	cuts := []int{0}
	for p := 1; p < parts; p++ {
		c := max(cuts[len(cuts)-1], p*len(evs)/parts)
		for c > 0 && c < len(evs) && ranks[c] == ranks[c-1] {
			c++
		}
		cuts = append(cuts, c)
	}
	cuts = append(cuts, len(evs))
	outs := make([][]TimelineEntry, parts)
	var wg sync.WaitGroup
	for p := range parts {
		mp := m
		if p > 0 {
			mp = newMerger()
		}
		wg.Go(func() { outs[p] = mp.mergeDates(evs[cuts[p]:cuts[p+1]], ranks[cuts[p]:cuts[p+1]], keys) })
	}
	wg.Wait()
	out := outs[0]
	for _, o := range outs[1:] {
		out = append(out, o...)
	}
	// Groups come in date order and entries within one in the order of
	// their first source (kind, then lessEvent): the entries are sorted.
	m.flagConflicts(out)
	return out
}

// mergeDates merges sorted records, date by date (ranks: each record's
// date's rank; keys: the dates by rank).
func (m *merger) mergeDates(evs []EventRecord, ranks []int32, keys []*dateKey) []TimelineEntry {
	out := make([]TimelineEntry, 0, len(evs))
	for i := 0; i < len(evs); {
		j := i
		for j < len(evs) && ranks[j] == ranks[i] {
			j++
		}
		out = m.mergeGroup(out, evs[i:j], keys[ranks[i]])
		i = j
	}
	return out
}

// dateKey is a normalised date parsed for sorting, with what an entry of
// that date shows.
type dateKey struct {
	s          string
	start, end instant
	ok         bool
	// display is DisplayDate; edtf and edtfApprox are EDTF, exact and
	// approximate.
	display, edtf, edtfApprox string
}

// compare orders as temporal.Compare: by start, longer first, then by the
// normal form; dates that do not parse come last.
func (a *dateKey) compare(b *dateKey) int {
	if a == b {
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
	if c := a.start.compare(b.start); c != 0 {
		return c
	}
	if c := b.end.compare(a.end); c != 0 {
		return c
	}
	return strings.Compare(a.s, b.s)
}

// instant is a time as seconds and nanoseconds: compared faster than a
// time.Time, whose wall and monotonic parts are decoded on every compare.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

func (a instant) compare(b instant) int {
	return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec))
}

// WarmDates parses the date of every event in the index (a walk of the
// date_sort dictionary, up to the memo's size), so that no timeline waits
// for it: a busy trust's first timeline parsed a thousand dates.
func (x *Index) WarmDates(ctx context.Context) error {
	n := 0
	err := walkDict(ctx, x.idx, fDateSort, func(term string) error {
		if n++; n > maxDateKeys {
			return errEnough
		}
		x.dates.of(dateOfSortKey(term))
		return nil
	})
	if errors.Is(err, errEnough) {
		return nil
	}
	return err
}

// dateKeys parses each normalised date once; it is safe for concurrent use.
type dateKeys struct{ m *memo[*dateKey] }

// maxDateKeys bounds a dateKeys: a corpus of daily papers over forty years
// has some 15,000 days, and as many periods again.
const maxDateKeys = 1 << 16

func newDateKeys() dateKeys { return dateKeys{newMemo[*dateKey](maxDateKeys)} }

// compare is temporal.Compare.
func (m dateKeys) compare(a, b string) int {
	if a == b {
		return 0
	}
	return m.of(a).compare(m.of(b))
}

// of returns the parsed date s; the caller must not change it.
func (m dateKeys) of(s string) *dateKey {
	return m.m.get(s, parseDateKey)
}

func parseDateKey(s string) *dateKey {
	v, err := temporal.ParseValue(s)
	k := &dateKey{s: s, start: instantOf(v.Start), end: instantOf(v.End), ok: err == nil, display: s}
	if k.ok {
		k.display, k.edtf, k.edtfApprox = displayValue(s, v), edtfValue(s, v, false), edtfValue(s, v, true)
	}
	return k
}

// mergeGroup appends to out the entries of the records of one date, date
// (sorted by kind), merged by kind and overlap with a union-find.
func (m *merger) mergeGroup(out []TimelineEntry, evs []EventRecord, date *dateKey) []TimelineEntry {
	n := len(evs)
	m.parent = append(m.parent[:0], make([]int, n)...)
	parent := m.parent
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
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
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && evs[hi].Kind == evs[lo].Kind {
			hi++
		}
		if hi-lo > 1 {
			clear(m.first)
			for i := lo; i < hi; i++ {
				keys := m.appendKeys(m.keys[:0], &evs[i], true)
				if len(keys) == 0 {
					if len(evs[i].Money) == 0 {
						continue
					}
					keys = append(keys, entKey{group: keyMoney, s: strings.Join(evs[i].Money, ",")})
				}
				for _, k := range keys {
					if f, ok := m.first[k]; ok {
						parent[find(i)] = find(f)
					} else {
						m.first[k] = i
					}
				}
				m.keys = keys
			}
		}
		lo = hi
	}
	m.root = append(m.root[:0], make([]int, n)...)
	root := m.root
	for i := range root {
		root[i] = -1
	}
	base := len(out)
	for i := range evs {
		r := find(i)
		if root[r] < 0 {
			root[r] = len(out)
			// The first source shares evs' memory; a second one copies.
			out = append(out, TimelineEntry{Date: evs[i].Date, DisplayDate: date.display, Kind: evs[i].Kind,
				Sources: evs[i : i+1 : i+1], date: date})
			continue
		}
		k := root[r]
		out[k].Sources = append(out[k].Sources, evs[i])
	}
	for i := base; i < len(out); i++ {
		m.finishEntry(&out[i])
	}
	return out
}

// statusRank orders statuses: an entry takes its sources' highest.
func statusRank(s string) int {
	switch s {
	case "actual":
		return 4
	case "cancelled":
		return 3
	case "missed":
		return 2
	case "planned":
		return 1
	}
	return 0
}

// finishEntry fills an entry's status, entities and money from its sources.
func (m *merger) finishEntry(t *TimelineEntry) {
	approx := false
	for i := range t.Sources {
		s := &t.Sources[i]
		if statusRank(s.Status) > statusRank(t.Status) {
			t.Status = s.Status
		}
		approx = approx || s.Approx
	}
	if approx {
		t.EDTF = t.date.edtfApprox
	} else {
		t.EDTF = t.date.edtf
	}
	union := func(get func(*EventRecord) []EntityRef) []EntityRef {
		if len(t.Sources) == 1 {
			// Zero or one: nothing to merge or sort. One is shared with
			// the source, capped so that an append copies.
			switch refs := get(&t.Sources[0]); len(refs) {
			case 0:
				return []EntityRef{}
			case 1:
				return refs[:1:1]
			}
		}
		// One per name, with its ID when any source gave one.
		var out []EntityRef
		for i := range t.Sources {
		next:
			for _, r := range get(&t.Sources[i]) {
				k := m.lowerName(r.Name)
				for j := range out {
					if m.lowerName(out[j].Name) == k {
						if out[j].ID == "" {
							out[j].ID = r.ID
						}
						continue next
					}
				}
				out = append(out, r)
			}
		}
		if out == nil {
			return []EntityRef{}
		}
		slices.SortFunc(out, func(a, b EntityRef) int {
			if c := strings.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
		return out
	}
	t.Trusts = union(func(e *EventRecord) []EntityRef { return e.Trusts })
	t.Vendors = union(func(e *EventRecord) []EntityRef { return e.Vendors })
	t.Systems = union(func(e *EventRecord) []EntityRef { return e.Systems })
	t.Money = []string{}
	for i := range t.Sources {
		for _, v := range t.Sources[i].Money {
			if !slices.Contains(t.Money, v) {
				t.Money = append(t.Money, v)
			}
		}
	}
	slices.Sort(t.Money)
}

// conflictKey is what entries must share to conflict: a kind, a trust and
// a system (either may be empty).
type conflictKey struct {
	kind, trust, system string
}

// flagConflicts marks actual events of one kind, trust and system (or,
// without trusts, system) whose dates exclude each other.
func (m *merger) flagConflicts(entries []TimelineEntry) {
	// Entries of one date stand or fall together, so dates are compared
	// per bucket, not entries: a busy trust has thousands of entries and
	// a few hundred dates.
	buckets := map[conflictKey]map[*dateKey][]int{}
	var trusts, systems []string
	for i := range entries {
		e := &entries[i]
		if e.Status != "actual" {
			continue
		}
		trusts, systems = trusts[:0], systems[:0]
		for _, r := range e.Trusts {
			trusts = append(trusts, m.idOrName(r))
		}
		for _, r := range e.Systems {
			systems = append(systems, m.idOrName(r))
		}
		put := func(k conflictKey) {
			b := buckets[k]
			if b == nil {
				b = map[*dateKey][]int{}
				buckets[k] = b
			}
			b[e.date] = append(b[e.date], i)
		}
		switch {
		case len(trusts) > 0 && len(systems) > 0:
			for _, t := range trusts {
				for _, sy := range systems {
					put(conflictKey{e.Kind, t, sy})
				}
			}
		case len(trusts) > 0:
			for _, t := range trusts {
				put(conflictKey{kind: e.Kind, trust: t})
			}
		default:
			for _, sy := range systems {
				put(conflictKey{kind: e.Kind, system: sy})
			}
		}
	}
	// Each date of a bucket conflicts with the bucket's other dates that
	// neither hold it nor fall within it: one list per date, in date
	// order, shared by the entries of that date.
	lists := map[int][][]*dateKey{}
	for _, byDate := range buckets {
		if len(byDate) < 2 {
			continue
		}
		ds := make([]*dateKey, 0, len(byDate))
		for d := range byDate {
			ds = append(ds, d)
		}
		slices.SortFunc(ds, func(a, b *dateKey) int { return a.compare(b) })
		for _, x := range ds {
			var with []*dateKey
			for _, y := range ds {
				if y.s != x.s && !(x.ok && y.ok && nested(x, y)) {
					with = append(with, y)
				}
			}
			if len(with) == 0 {
				continue
			}
			for _, i := range byDate[x] {
				lists[i] = append(lists[i], with)
			}
		}
	}
	for i, ls := range lists {
		e := &entries[i]
		e.Conflict = true
		with := ls[0]
		if len(ls) > 1 {
			// In several buckets (trusts or systems): their union.
			with = slices.Concat(ls...)
			slices.SortFunc(with, func(a, b *dateKey) int { return a.compare(b) })
		}
		e.ConflictsWith = make([]string, 0, len(with))
		for k, d := range with {
			if k == 0 || d.s != with[k-1].s {
				e.ConflictsWith = append(e.ConflictsWith, d.s)
			}
		}
	}
}

// nested reports whether one period holds the other (2008 and 2008-06 can
// both be right).
func nested(a, b *dateKey) bool {
	in := func(x, y *dateKey) bool { return x.start.compare(y.start) >= 0 && x.end.compare(y.end) <= 0 }
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
	evs, _, err := x.readEventsDated(ctx, q, max, nil)
	return evs, err
}

// readEventsDated is readEvents, with each event's date looked up in dates
// when not nil (keys[i] is evs[i]'s).
func (x *Index) readEventsDated(ctx context.Context, q query.Query, max int, dates *dateKeys) (evs []EventRecord, keys []*dateKey, err error) {
	r, err := x.reader()
	if err != nil {
		return nil, nil, fmt.Errorf("events: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		collect := func(e EventRecord) error {
			evs = append(evs, e)
			if dates != nil {
				keys = append(keys, dates.of(e.Date))
			}
			return nil
		}
		return evs, keys, x.forEachEvent(ctx, q, max, collect)
	}
	var nums []uint64
	err = x.eachMatch(ctx, snap, q, func(n uint64) bool {
		nums = append(nums, n)
		return len(nums) < max
	})
	if err != nil {
		return nil, nil, err
	}
	return loadEvents(ctx, snap, nums, dates)
}

// eachMatch calls fn with the internal document number of each record q
// matches on snap, in order, until fn returns false.
func (x *Index) eachMatch(ctx context.Context, snap *scorch.IndexSnapshot, q query.Query, fn func(uint64) bool) error {
	s, err := q.Searcher(ctx, snap, x.idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: snap}
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		if dm == nil {
			return nil
		}
		more := fn(dm.IndexInternalID.Value())
		sctx.DocumentMatchPool.Put(dm)
		if !more {
			return nil
		}
	}
}

// segmentOffsets returns the internal document number each segment starts
// at, and after them the number past the last segment's.
func segmentOffsets(segs []*scorch.SegmentSnapshot) []uint64 {
	offsets := make([]uint64, len(segs)+1)
	for i, sg := range segs {
		offsets[i+1] = offsets[i] + uint64(sg.FullSize())
	}
	return offsets
}

// loadEvents reads and decodes the payloads of the events at internal
// document numbers nums, on every core: a big timeline's thousands of
// stored documents each decompress on their own. With dates it looks up
// each event's parsed date too (keys[i] is evs[i]'s): in a big memo,
// those lookups were a sixth of a timeline's merging.
func loadEvents(ctx context.Context, snap *scorch.IndexSnapshot, nums []uint64, dates *dateKeys) (evs []EventRecord, keys []*dateKey, err error) {
	segs := snap.Segments()
	offsets := segmentOffsets(segs)
	evs = make([]EventRecord, len(nums))
	if dates != nil {
		keys = make([]*dateKey, len(nums))
	}
	read := func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			if (i-lo)%1024 == 1023 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n := nums[i]
			si := sort.Search(len(segs), func(i int) bool { return offsets[i+1] > n })
			if si == len(segs) {
				return fmt.Errorf("events: document number %d beyond the index", n)
			}
			var id, payload string
			err := segs[si].VisitDocument(n-offsets[si], func(name string, _ byte, val []byte, _ []uint64) bool {
				switch name {
				case "_id":
					id = string(val)
				case fEvent:
					payload = string(val)
				}
				return true
			})
			if err != nil {
				return fmt.Errorf("events: %w", err)
			}
			if evs[i], err = decodeEvent(id, payload); err != nil {
				return err
			}
			if dates != nil {
				keys[i] = dates.of(evs[i].Date)
			}
		}
		return nil
	}
	parts := min(runtime.GOMAXPROCS(0), 1+len(nums)/512)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(nums)/parts, (p+1)*len(nums)/parts
		if p == parts-1 {
			errs[p] = read(lo, hi) // this goroutine takes the last part
			continue
		}
		wg.Go(func() { errs[p] = read(lo, hi) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return evs, keys, nil
}
