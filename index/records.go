package index

import (
	"github.com/nhs-trawl/trawl/extract"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/temporal"
)

// eventID is the index ID of a document's i-th event.
func eventID(docID string, i int) string { return docID + "/e" + strconv.Itoa(i) }

// indexable reports whether t fits bleve's datetime range (int64
// nanoseconds) with room to spare; extraction errors must not fail a batch.
func indexable(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1800 && t.Year() <= 2200
}

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

func (s *entitySet) put(rec map[string]any, f entityFields) {
	if len(s.facets) == 0 {
		return
	}
	if f.id != "" && len(s.ids) > 0 {
		rec[f.id] = sortedKeys(s.ids)
	}
	rec[f.norm] = sortedKeys(s.norms)
	rec[f.facet] = sortedKeys(s.facets)
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
	rec := map[string]any{fType: TypeDoc, fKey: d.ID, fBody: d.Text, fTitle: d.Title}
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
			s.put(rec, f)
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
	out := make([]map[string]any, 0, len(r.Events))
	for i := range r.Events {
		ev := &r.Events[i]
		rec := map[string]any{fType: TypeEvent, fKey: eventID(d.ID, i), fDocTitle: d.Title}
		common(rec, d)
		rec[fEventKind] = ev.Kind
		if ev.Status != "" {
			rec[fStatus] = ev.Status
		}
		rec[fDateNorm] = ev.Date
		if v, err := temporal.ParseValue(ev.Date); err == nil && indexable(v.Start) && indexable(v.End) {
			rec[fDate] = v.Start
			rec[fDateEnd] = v.End
			rec[fDateType] = v.Type.String()
		}
		if approx[ev.Date] {
			rec[fDateApprox] = "true"
		}
		if ev.DateBasis != "" {
			rec[fDateBasis] = ev.DateBasis
		}
		rec[fSentence] = ev.Sentence
		rec[fDocID] = d.ID
		rec[fSeq] = float64(i)
		rec[fStart] = float64(ev.Start)
		rec[fEnd] = float64(ev.End)
		page := ev.Page
		if page == 0 {
			page = d.PageAt(ev.Start)
		}
		if page > 0 {
			rec[fPage] = float64(page)
		}
		for _, g := range []struct {
			typ   extract.EntityType
			f     entityFields
			norms []string
			ids   []string
		}{
			{entTrust, trustF, ev.Trusts, ev.TrustIDs},
			{entVendor, vendorF, ev.Vendors, ev.VendorIDs},
			{entSystem, systemF, ev.Systems, ev.SystemIDs},
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
			s.put(rec, g.f)
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
			money := append([]string(nil), ev.Money...)
			sort.Strings(money)
			rec[fMoneyNorm] = money
		}
		e := eventRecordOf(eventID(d.ID, i), rec)
		rec[fEvent] = string(encodeEvent(&e))
		for _, k := range payloadOnly {
			delete(rec, k)
		}
		out = append(out, rec)
	}
	return out
}

// payloadOnly are the values of an event record that only its payload
// carries: shown, never searched.
var payloadOnly = []string{fDocTitle, fPublishedNorm, fPrecision, fURL, fLocation, fMoneyNorm,
	trustF.facet, orgF.facet, vendorF.facet, systemF.facet, personF.facet,
	fDateType, fDateApprox, fDateBasis, fSeq, fStart, fEnd, fPage}

// eventRecordOf is what an event record shows.
func eventRecordOf(id string, f map[string]any) EventRecord {
	money := strs(f[fMoneyNorm])
	if money == nil {
		money = []string{}
	}
	return EventRecord{
		ID:        id,
		DocID:     str(f[fDocID]),
		Seq:       num(f[fSeq]),
		Kind:      str(f[fEventKind]),
		Status:    str(f[fStatus]),
		Date:      str(f[fDateNorm]),
		DateType:  str(f[fDateType]),
		Approx:    str(f[fDateApprox]) == "true",
		DateBasis: str(f[fDateBasis]),
		Trusts:    refsOf(f[trustF.facet]),
		Vendors:   refsOf(f[vendorF.facet]),
		Systems:   refsOf(f[systemF.facet]),
		Money:     money,
		Sentence:  str(f[fSentence]),
		Start:     num(f[fStart]),
		End:       num(f[fEnd]),
		Page:      num(f[fPage]),
		Title:     str(f[fDocTitle]),
		Outlet:    str(f[fOutlet]),
		URL:       str(f[fURL]),
		Locations: strs(f[fLocation]),
		Published: str(f[fPublishedNorm]),
		DocKind:   str(f[fKind]),
	}
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
