package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// entityDocs is the number of documents an entity page lists (the search
// page has the rest).
const entityDocs = 25

// entityInfo is what the gazetteer says about an entity.
type entityInfo struct {
	Type    string     `json:"type"`
	ID      string     `json:"id,omitempty"`
	Name    string     `json:"name"`
	Known   bool       `json:"known"` // in the gazetteer
	Names   []nameSpan `json:"names,omitempty"`
	Aliases []string   `json:"aliases,omitempty"`
	// Facts are further lines: legal name, category, supplier, successor...
	Facts []fact `json:"facts,omitempty"`
	// Holders are the entities a name not given as an ID stands for (a
	// name held by several bodies over time).
	Holders []refLink `json:"holders,omitempty"`
}

type nameSpan struct {
	Name   string `json:"name"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Period string `json:"period,omitempty"`
}

type fact struct {
	Label string `json:"label"`
	Text  string `json:"text"`
	URL   string `json:"url,omitempty"`
}

// entityView is what the entity page shows.
type entityView struct {
	Info         entityInfo
	TypeLabel    string
	Total        uint64
	Years        []yearBar
	Docs         []hitView
	MoreURL      string
	Related      []facetView
	Entries      []entryView
	Events       int
	TotalEntries int
	TimelineURL  string
	APIURL       string
}

type yearBar struct {
	Year    string
	Count   int
	Percent int
	URL     string
}

// entityKinds maps the {type} of an entity URL to the index's kind.
var entityKinds = map[string]index.EntityKind{
	"trust": index.KindTrust, "org": index.KindOrg, "vendor": index.KindVendor,
	"system": index.KindSystem, "person": index.KindPerson,
}

// resolveEntity finds what an entity URL names. redirect is set when the
// URL names a known entity by another name than its ID.
func (s *Server) resolveEntity(typ, key string) (info entityInfo, redirect string, he *httpError) {
	kind, ok := entityKinds[typ]
	if !ok {
		return info, "", &httpError{status: http.StatusNotFound, msg: "Entity type " + strconv.Quote(typ) + " is unknown: want trust, org, vendor, system or person."}
	}
	if key == "" || len(key) > 200 {
		return info, "", badRequest("An entity name or ID of 1 to 200 bytes is wanted.")
	}
	info = entityInfo{Type: typ, Name: key}
	if s.describe(&info, key) {
		return info, "", nil
	}
	if kind != index.KindPerson {
		ref := s.resolver.Resolve(kind, key)
		if len(ref.IDs) == 1 {
			return info, entityURL(typ, ref.IDs[0], ""), nil
		}
		for _, id := range ref.IDs {
			h := entityInfo{Type: typ}
			s.describe(&h, id)
			info.Holders = append(info.Holders, refLink{Name: h.Name + " (" + id + ")", URL: entityURL(typ, id, "")})
		}
		if len(ref.IDs) > 0 {
			info.Name = ref.Input
		}
	}
	return info, "", nil
}

// describe fills info from the gazetteer when key is an ID it knows.
func (s *Server) describe(info *entityInfo, key string) bool {
	g := s.gaz
	period := func(from, to corpus.Date) (string, string, string) {
		f, t := "", ""
		if !from.IsZero() {
			f = index.DisplayDate(from.String())
		}
		if !to.IsZero() {
			t = index.DisplayDate(to.String())
		}
		switch {
		case f != "" && t != "":
			return f, t, f + " – " + t
		case f != "":
			return f, t, "from " + f
		case t != "":
			return f, t, "until " + t
		}
		return f, t, ""
	}
	switch info.Type {
	case "trust":
		t, ok := g.Trust(key)
		if !ok {
			return false
		}
		info.ID, info.Name, info.Known, info.Aliases = t.Code, t.Name, true, t.Aliases
		for _, n := range t.Names {
			f, to, p := period(n.From, n.To)
			info.Names = append(info.Names, nameSpan{Name: n.Name, From: f, To: to, Period: p})
		}
		if len(info.Names) == 0 {
			f, to, p := period(t.Open, t.Close)
			info.Names = []nameSpan{{Name: t.Name, From: f, To: to, Period: p}}
		}
		if _, _, p := period(t.Open, t.Close); p != "" {
			info.Facts = append(info.Facts, fact{Label: "Open", Text: p})
		}
		if t.Status != "" {
			info.Facts = append(info.Facts, fact{Label: "Status", Text: t.Status})
		}
		if code, name := g.Current(t.Code); code != "" && code != t.Code {
			info.Facts = append(info.Facts, fact{Label: "Now part of", Text: name + " (" + code + ")", URL: entityURL("trust", code, "")})
		}
		for _, p := range g.Predecessors(t.Code) {
			if pt, ok := g.Trust(p); ok {
				info.Facts = append(info.Facts, fact{Label: "Took over", Text: pt.Name + " (" + p + ")", URL: entityURL("trust", p, "")})
			}
		}
	case "org":
		o, ok := g.Org(key)
		if !ok {
			return false
		}
		info.ID, info.Name, info.Known, info.Aliases = o.ID, o.Name, true, o.Aliases
		if o.Kind != "" {
			info.Facts = append(info.Facts, fact{Label: "Kind", Text: o.Kind})
		}
		if _, _, p := period(o.From, o.To); p != "" {
			info.Facts = append(info.Facts, fact{Label: "Existed", Text: p})
		}
		if o.Successor != "" {
			name := o.Successor
			if so, ok := g.Org(o.Successor); ok {
				name = so.Name
			}
			info.Facts = append(info.Facts, fact{Label: "Succeeded by", Text: name, URL: entityURL("org", o.Successor, "")})
		}
	case "vendor":
		v, ok := g.Vendor(key)
		if !ok {
			return false
		}
		info.ID, info.Name, info.Known, info.Aliases = v.ID, v.Name, true, v.Aliases
		if v.LegalName != "" && v.LegalName != v.Name {
			info.Facts = append(info.Facts, fact{Label: "Legal name", Text: v.LegalName})
		}
		for _, h := range v.History {
			other, u := h.Other, ""
			if ov, ok := g.Vendor(h.Other); ok {
				other, u = ov.Name, entityURL("vendor", ov.ID, "")
			}
			text := other
			if !h.Date.IsZero() {
				text += ", " + index.DisplayDate(h.Date.String())
			}
			info.Facts = append(info.Facts, fact{Label: ownershipLabel(h.Kind), Text: text, URL: u})
		}
	case "system":
		sy, ok := g.System(key)
		if !ok {
			return false
		}
		info.ID, info.Name, info.Known, info.Aliases = sy.ID, sy.Name, true, sy.Aliases
		if sy.Category != "" {
			info.Facts = append(info.Facts, fact{Label: "Category", Text: sy.Category})
		}
		if sy.VendorID != "" {
			name := sy.VendorID
			if v, ok := g.Vendor(sy.VendorID); ok {
				name = v.Name
			}
			info.Facts = append(info.Facts, fact{Label: "Supplier", Text: name, URL: entityURL("vendor", sy.VendorID, "")})
		}
		for _, o := range sy.VendorHistory {
			info.Facts = append(info.Facts, fact{Label: "Supplier history", Text: o.Text})
		}
	default:
		return false
	}
	return true
}

func ownershipLabel(kind string) string {
	switch kind {
	case "acquired-by":
		return "Bought by"
	case "acquired":
		return "Bought"
	case "merged-into":
		return "Merged into"
	case "sold-to":
		return "Business sold to"
	}
	return kind
}

// entityFilter is the filter of one entity: by ID when known, else by name.
func entityFilter(info entityInfo) (index.Filter, string) {
	key := info.ID
	if key == "" {
		key = info.Name
	}
	var f index.Filter
	switch info.Type {
	case "trust":
		f.Trusts = []string{key}
	case "org":
		f.Orgs = []string{key}
	case "vendor":
		f.Vendors = []string{key}
	case "system":
		f.Systems = []string{key}
	case "person":
		f.People = []string{key}
	}
	return f, key
}

// entityData is an entity page's data, also the body of /api/entity.
type entityData struct {
	Entity   entityInfo          `json:"entity"`
	Search   *index.SearchResult `json:"documents"`
	Timeline *index.Timeline     `json:"timeline,omitempty"`
}

func (s *Server) entityData(r *http.Request) (*entityData, string, *httpError) {
	info, redirect, he := s.resolveEntity(r.PathValue("type"), r.PathValue("id"))
	if he != nil || redirect != "" {
		return nil, redirect, he
	}
	f, _ := entityFilter(info)
	res, err := s.idx().Search(r.Context(), index.SearchRequest{Filter: f, Size: entityDocs, Sort: "date", FacetSize: 60, Snippets: -1})
	if err != nil {
		return nil, "", s.classify(r, err)
	}
	d := &entityData{Entity: info, Search: res}
	if info.Type != "person" {
		tl, err := s.idx().Timeline(r.Context(), index.TimelineRequest{Filter: f, Max: maxTimelineEvents})
		if err != nil {
			return nil, "", s.classify(r, err)
		}
		d.Timeline = tl
	}
	return d, "", nil
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	d, redirect, he := s.entityData(r)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusFound)
		return
	}
	if he != nil {
		s.renderError(w, r, he)
		return
	}
	info := d.Entity
	_, key := entityFilter(info)
	param := info.Type
	v := &entityView{Info: info, TypeLabel: typeLabel(info.Type), Total: d.Search.Total,
		MoreURL:     link("/", url.Values{param: {key}, "sort": {"date"}}, nil),
		TimelineURL: link("/timeline", url.Values{param: {key}}, nil),
		APIURL:      "/api" + entityURL(info.Type, info.ID, info.Name)}
	for _, h := range d.Search.Hits {
		v.Docs = append(v.Docs, hitViewOf(h))
	}
	p := &params{Raw: url.Values{param: {key}}}
	for _, f := range d.Search.Facets {
		switch f.Name {
		case "years":
			v.Years = yearBars(f.Terms, key, param)
		case "trusts", "vendors", "systems", "people", "orgs":
			fp := map[string]string{"trusts": "trust", "vendors": "vendor", "systems": "system", "people": "person", "orgs": "org"}[f.Name]
			fv := facetView{Name: f.Name, Title: map[string]string{"trusts": "Trusts", "vendors": "Suppliers", "systems": "Systems",
				"people": "People", "orgs": "Bodies"}[f.Name]}
			for i, t := range f.Terms {
				if i == 8 {
					break
				}
				if fp == info.Type && (t.ID == info.ID && t.ID != "" || t.Label == info.Name) {
					continue
				}
				ft := s.facetTerm(p, fp, t)
				fv.Terms = append(fv.Terms, ft)
			}
			if len(fv.Terms) > 0 {
				v.Related = append(v.Related, fv)
			}
		}
	}
	if d.Timeline != nil {
		v.Events, v.TotalEntries = d.Timeline.Events, len(d.Timeline.Entries)
		for i, e := range d.Timeline.Entries {
			if i == maxTimelineEntries {
				break
			}
			v.Entries = append(v.Entries, entryViewOf(e))
		}
	}
	s.render(w, r, http.StatusOK, "entity", info.Name, v)
}

// yearBars are the documents per year, oldest first, as bars scaled to the
// busiest year, each linking to that year's documents.
func yearBars(terms []index.FacetTerm, key, param string) []yearBar {
	ts := append([]index.FacetTerm(nil), terms...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Label < ts[j].Label })
	most := 0
	for _, t := range ts {
		most = max(most, t.Count)
	}
	var out []yearBar
	for _, t := range ts {
		pct := 0
		if most > 0 {
			pct = max(5, (t.Count*100/most+4)/5*5) // in steps of 5: CSS classes w5..w100
		}
		out = append(out, yearBar{Year: t.Label, Count: t.Count, Percent: pct,
			URL: link("/", url.Values{param: {key}, "from": {t.Label}, "to": {t.Label}}, nil)})
	}
	return out
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	d, redirect, he := s.entityData(r)
	if redirect != "" {
		http.Redirect(w, r, "/api"+redirect, http.StatusFound)
		return
	}
	if he != nil {
		writeJSONError(w, he)
		return
	}
	writeJSON(w, http.StatusOK, d)
}
