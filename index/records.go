package index

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/extract/temporal"
)

// eventID is the index ID of a document's i-th event.
func eventID(docID string, i int) string { return docID + "/e" + strconv.Itoa(i) }

// indexable reports whether t fits bleve's datetime range (int64
// nanoseconds) with room to spare; extraction errors must not fail a batch.
func indexable(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1800 && t.Year() <= 2200
}

// eventPeriod is the period of an event's date, when it has one the index
// can hold.
func eventPeriod(date string) (temporal.Value, bool) {
	v, err := temporal.ParseValue(date)
	return v, err == nil && indexable(v.Start) && indexable(v.End) && v.Start.Before(v.End)
}

// periodYears lists the years a period overlaps ("2008", or "2009" and
// "2010" for winter 2009): the terms date filters look up before testing
// the period itself (see Index.eventQuery). A bleve datetime is 16 terms
// (a 64-bit number in steps of 4 bits), and start and end were 38% of what
// an index build wrote.
func periodYears(v temporal.Value) []string {
	last := v.End.Add(-time.Nanosecond).Year()
	years := make([]string, 0, last-v.Start.Year()+1)
	for y := v.Start.Year(); y <= last; y++ {
		years = append(years, strconv.Itoa(y))
	}
	return years
}

// dateSortKey orders events as timelines list them: by start, the longer
// period first, then by the date as written. Dated keys are digits and sort
// before undated ones.
func dateSortKey(v temporal.Value, date string) string {
	var b [dateSortKeyLen]byte
	copy(b[:], v.Start.Format("20060102"))
	end := v.End.Format("20060102")
	for i := 0; i < 8; i++ {
		b[8+i] = '9' - end[i] + '0' // descending
	}
	b[16] = ' '
	return string(b[:]) + date
}

const undatedSortKey = "~"

// dateSortKeyLen is the length of a dateSortKey before its date.
const dateSortKeyLen = 17

// facetValue is a facet term: "ID|label". The label is the entity's name
// today when known (so that a renamed trust counts once under one label),
// else its normal name.
func facetValue(id, label string) string { return id + "|" + label }

// SplitFacet splits a facet term into its ID (may be empty) and label.
func SplitFacet(term string) (id, label string) {
	id, label, ok := strings.Cut(term, "|")
	if !ok {
		return "", term
	}
	return id, label
}

// entitySet gathers one record's entities of one type, deduplicated and in
// sorted order.
type entitySet struct {
	ids, norms, facets map[string]bool
}

func (s *entitySet) add(id, norm, label string) {
	if s.ids == nil {
		s.ids, s.norms, s.facets = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	if id != "" {
		s.ids[id] = true
	}
	if norm != "" {
		s.norms[norm] = true
	}
	if label == "" {
		label = norm
	}
	if label != "" || id != "" {
		s.facets[facetValue(id, label)] = true
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// put adds the set's fields to a record; with facet false the facet field
// (ID and label, for display) is left to the caller (an event's payload).
func (s *entitySet) put(rec map[string]any, f entityFields, facet bool) {
	if len(s.facets) == 0 {
		return
	}
	if f.id != "" && len(s.ids) > 0 {
		rec[f.id] = sortedKeys(s.ids)
	}
	rec[f.norm] = sortedKeys(s.norms)
	if facet {
		rec[f.facet] = sortedKeys(s.facets)
	}
}

func fieldsOf(t extract.EntityType) (entityFields, bool) {
	switch t {
	case entTrust:
		return trustF, true
	case entOrg:
		return orgF, true
	case entVendor:
		return vendorF, true
	case entSystem:
		return systemF, true
	case entPerson:
		return personF, true
	}
	return entityFields{}, false
}

// labelOf is the facet label of an entity: its name today for trusts and
// orgs (renames count as one), else its normal name.
func labelOf(e *Entity) string {
	if e.Current != "" && (e.CurrentID == "" || e.CurrentID == e.ID) {
		return e.Current
	}
	return e.Norm
}

func moneyNorm(e *Entity) string {
	if e.Currency == "" {
		return e.Norm
	}
	s := e.Currency + " " + strconv.FormatInt(e.Amount, 10)
	if e.To > 0 {
		s += "-" + strconv.FormatInt(e.To, 10)
	}
	if e.Per != "" {
		s += "/" + e.Per
	}
	return s
}

// common fills the fields documents and their events share.
func common(rec map[string]any, d *corpus.Document) {
	if !d.Published.IsZero() {
		rec[fPublishedNorm] = d.Published.String()
		rec[fPrecision] = d.Published.Precision().String()
	}
	rec[fKind] = string(d.Kind)
	if d.Outlet != "" {
		rec[fOutlet] = d.Outlet
	}
	if d.URL != "" {
		rec[fURL] = d.URL
	}
	if locs := locations(d); len(locs) > 0 {
		rec[fLocation] = locs
	}
}

func locations(d *corpus.Document) []string {
	var locs []string
	for _, s := range d.Sources {
		locs = append(locs, s.Location)
	}
	sort.Strings(locs)
	return locs
}

// docRecord returns the index record of a document and its extraction (nil
// when there is none).
func docRecord(d *corpus.Document, r *Extraction) map[string]any {
	rec := map[string]any{fType: TypeDoc, fBody: d.Text, fTitle: d.Title}
	common(rec, d)
	if st := d.Published.Start(); indexable(st) {
		rec[fPublished] = st
	}
	if !d.Published.IsZero() {
		rec[fYear] = strconv.Itoa(d.Published.Year)
	}
	rec[fFormat] = string(d.Format)
	if len(d.Pages) > 0 {
		var b strings.Builder
		for i, p := range d.Pages {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(p.Start))
		}
		rec[fPages] = b.String()
	}
	if r == nil {
		return rec
	}
	rec[fExtractor] = r.Extractor
	sets := map[entityFields]*entitySet{}
	var amounts []float64
	var money []string
	for i := range r.Entities {
		e := &r.Entities[i]
		if e.Type == entMoney {
			if e.Currency != "" {
				amounts = append(amounts, float64(e.Amount))
			}
			money = append(money, moneyNorm(e))
			continue
		}
		f, ok := fieldsOf(e.Type)
		if !ok {
			continue
		}
		if sets[f] == nil {
			sets[f] = &entitySet{}
		}
		sets[f].add(e.ID, e.Norm, labelOf(e))
	}
	for _, f := range allEntF {
		if s := sets[f]; s != nil {
			s.put(rec, f, true)
		}
	}
	if len(amounts) > 0 {
		rec[fMoney] = amounts
	}
	if len(money) > 0 {
		sort.Strings(money)
		rec[fMoneyNorm] = money
	}
	return rec
}

// eventRecords returns the index records of a document's events.
func eventRecords(d *corpus.Document, r *Extraction) []map[string]any {
	if r == nil || len(r.Events) == 0 {
		return nil
	}
	// Entities by type and norm, for the IDs and labels of an event's names.
	byNorm := map[extract.EntityType]map[string]*Entity{}
	approx := map[string]bool{}
	for i := range r.Entities {
		e := &r.Entities[i]
		if byNorm[e.Type] == nil {
			byNorm[e.Type] = map[string]*Entity{}
		}
		if _, dup := byNorm[e.Type][e.Norm]; !dup {
			byNorm[e.Type][e.Norm] = e
		}
		if e.Type == entDate && (e.Fuzzy || isApproxMod(e.Mod)) {
			approx[e.Norm] = true
		}
	}
	var pub string
	if !d.Published.IsZero() {
		pub = d.Published.String()
	}
	locs := locations(d)
	out := make([]map[string]any, 0, len(r.Events))
	for i := range r.Events {
		ev := &r.Events[i]
		// What the event shows goes into its payload; the record holds what
		// filters and timeline queries search.
		e := EventRecord{ID: eventID(d.ID, i), DocID: d.ID, Seq: i, Kind: ev.Kind, Status: ev.Status,
			Date: ev.Date, Approx: approx[ev.Date], DateBasis: ev.DateBasis, Money: []string{},
			Sentence: ev.Sentence, Start: ev.Start, End: ev.End, Page: ev.Page,
			Title: d.Title, Outlet: d.Outlet, URL: d.URL, Locations: locs, Published: pub, DocKind: string(d.Kind)}
		rec := map[string]any{fType: TypeEvent, eventField(fKind): e.DocKind, fEventKind: ev.Kind, fDateNorm: ev.Date,
			fSentence: ev.Sentence, fDocID: d.ID}
		if d.Outlet != "" {
			rec[eventField(fOutlet)] = d.Outlet
		}
		if ev.Status != "" {
			rec[fStatus] = ev.Status
		}
		if v, ok := eventPeriod(ev.Date); ok {
			rec[fDateYear] = periodYears(v)
			e.DateType = v.Type.String()
		}
		rec[fDateSort] = eventSortKey(ev.Date)
		if e.Page == 0 {
			e.Page = max(d.PageAt(ev.Start), 0)
		}
		for _, g := range []struct {
			typ   extract.EntityType
			f     entityFields
			norms []string
			ids   []string
			refs  *[]EntityRef
		}{
			{entTrust, trustF, ev.Trusts, ev.TrustIDs, &e.Trusts},
			{entVendor, vendorF, ev.Vendors, ev.VendorIDs, &e.Vendors},
			{entSystem, systemF, ev.Systems, ev.SystemIDs, &e.Systems},
		} {
			var s entitySet
			for j, n := range g.norms {
				id, label := "", n
				// Events keep the name the document used (the trust's
				// name at the time); the ID groups renamed trusts.
				if e := byNorm[g.typ][n]; e != nil {
					id = e.ID
				}
				if id == "" && len(g.ids) == len(g.norms) {
					id = g.ids[j]
				}
				s.add(id, n, label)
			}
			if len(g.norms) == 0 {
				for _, id := range g.ids {
					s.add(id, "", id)
				}
			}
			s.put(rec, g.f.forEvents(), false)
			*g.refs = refsOf(sortedKeys(s.facets))
		}
		if len(ev.Trusts) == 0 && len(ev.TrustIDs) == 0 {
			var ctx []string
			for _, e := range byNorm[entTrust] {
				if e.ID != "" {
					ctx = append(ctx, e.ID)
				}
			}
			if len(ctx) > 0 {
				sort.Strings(ctx)
				rec[fTrustContext] = slices.Compact(ctx)
			}
		}
		if len(ev.Money) > 0 {
			e.Money = append(e.Money, ev.Money...)
			sort.Strings(e.Money)
		}
		rec[fEvent] = string(encodeEvent(&e))
		out = append(out, rec)
	}
	return out
}

func isApproxMod(m string) bool {
	switch m {
	case temporal.ModEarly, temporal.ModMid, temporal.ModLate, temporal.ModStart, temporal.ModEnd:
		return true
	}
	return false
}

// recordBytes estimates the bytes a record costs to index, for sizing
// batches: its text plus a little per field.
func recordBytes(rec map[string]any) int {
	n := 0
	for k, v := range rec {
		n += len(k) + 16
		switch v := v.(type) {
		case string:
			n += len(v)
		case []string:
			for _, s := range v {
				n += len(s) + 8
			}
		case []float64:
			n += 8 * len(v)
		}
	}
	return n
}
