package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/index"
)

// entityTypes are the types of entity mentions the document page marks, in
// legend order, with their labels.
var entityTypes = []struct{ typ, label string }{
	{"trust", "trust"}, {"org", "NHS or government body"}, {"vendor", "supplier"}, {"system", "system"},
	{"person", "person"}, {"money", "money"}, {"date", "date"},
}

// linkable says whether an entity type has pages.
func linkable(typ string) bool {
	switch typ {
	case "trust", "org", "vendor", "system", "person":
		return true
	}
	return false
}

// loadDoc reads a document and its extraction (nil when it has none). An ID
// prefix of at least 6 characters naming one document gives its full ID in
// full (and no document), so that the caller can redirect.
func (s *Server) loadDoc(id string) (d *corpus.Document, res *extract.Result, full string, err error) {
	err = s.opts.Store.View(func(tx *corpus.Tx) error {
		var err error
		d, err = tx.Document(id)
		if errors.Is(err, corpus.ErrNotFound) && len(id) >= 6 && len(id) < 64 && isHex(id) {
			if ids := tx.FindIDs(id, 2); len(ids) == 1 {
				full = ids[0]
				return nil
			}
		}
		if err != nil {
			return err
		}
		_, data, found, err := tx.Extraction(id)
		if err != nil || !found {
			return err
		}
		var r extract.Result
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("extraction of %s: %w", id, err)
		}
		res = &r
		return nil
	})
	return d, res, full, err
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// docView is what the document page shows.
type docView struct {
	ID, Title       string
	Kind, Format    string
	Outlet, Authors string
	Date            string
	DateSource      string
	Meeting         string
	URL             string // the original, when on the web
	Paths           []sourceView
	Size            string
	Reader          string
	Warnings        []string
	Pages           int
	Extractor       string
	Text            template.HTML
	Legend          []legendItem
	Entities        []entityGroup
	Events          []docEvent
	APIURL          string
}

type sourceView struct {
	Location string
	Web      bool
	Missing  bool
}

type legendItem struct {
	Type, Label string
	Count       int
}

type entityGroup struct {
	Type, Label string
	Items       []entityItem
}

type entityItem struct {
	Name, URL string
	Count     int
}

type docEvent struct {
	Date, Kind, Status string
	Sentence           string
	Page               int
	Anchor             string
	Trusts             []refLink
	Vendors            []refLink
	Systems            []refLink
	Money              []string
}

type refLink struct{ Name, URL string }

func (s *Server) handleDoc(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, res, full, err := s.loadDoc(id)
	if err == nil && full != "" {
		http.Redirect(w, r, docURL(full), http.StatusFound)
		return
	}
	if err != nil {
		he := s.classify(r, err)
		s.renderError(w, r, he)
		return
	}
	view := docViewOf(d, res)
	s.render(w, r, http.StatusOK, "doc", view.Title, view)
}

func docViewOf(d *corpus.Document, res *extract.Result) *docView {
	v := &docView{ID: d.ID, Title: d.Title, Kind: kindLabel(string(d.Kind)), Format: strings.ToUpper(string(d.Format)),
		Outlet: d.Outlet, Authors: strings.Join(d.Authors, ", "), Reader: d.Reader, Warnings: d.Warnings,
		Pages: len(d.Pages), Size: byteSize(d.Size), APIURL: "/api/doc/" + url.PathEscape(d.ID)}
	if v.Title == "" {
		v.Title = "(untitled " + shortID(d.ID) + ")"
	}
	if !d.Published.IsZero() {
		v.Date = index.DisplayDate(d.Published.String())
		v.DateSource = string(d.PublishedSource)
	}
	if d.Meeting != nil && !d.Meeting.Date.IsZero() {
		v.Meeting = index.DisplayDate(d.Meeting.Date.String())
	}
	if isWebURL(d.URL) {
		v.URL = d.URL
	}
	for _, src := range d.Sources {
		v.Paths = append(v.Paths, sourceView{Location: src.Location, Web: isWebURL(src.Location), Missing: src.Missing})
	}
	var spans []markSpan
	var points []point
	counts := map[string]int{}
	if res != nil {
		v.Extractor = res.Extractor
		groups := map[string]*entityGroup{}
		for _, e := range res.Entities {
			typ := string(e.Type)
			mentions := e.Mentions
			if len(mentions) == 0 {
				mentions = []extract.Span{{Start: e.Start, End: e.End}}
			}
			u := ""
			if linkable(typ) {
				u = entityURL(typ, e.ID, e.Norm)
			}
			title := typeLabel(typ) + ": " + e.Norm
			for _, m := range mentions {
				spans = append(spans, markSpan{start: m.Start, end: m.End, typ: typ, title: title, url: u})
			}
			counts[typ] += max(e.Count, len(mentions))
			if typ == "date" || typ == "money" {
				continue
			}
			g := groups[typ]
			if g == nil {
				g = &entityGroup{Type: typ, Label: typeLabel(typ)}
				groups[typ] = g
			}
			name := e.Norm
			if name == "" {
				name = e.Text
			}
			g.Items = append(g.Items, entityItem{Name: name, URL: u, Count: max(e.Count, len(mentions))})
		}
		for _, et := range entityTypes {
			if g := groups[et.typ]; g != nil {
				sort.SliceStable(g.Items, func(i, j int) bool {
					if g.Items[i].Count != g.Items[j].Count {
						return g.Items[i].Count > g.Items[j].Count
					}
					return g.Items[i].Name < g.Items[j].Name
				})
				v.Entities = append(v.Entities, *g)
			}
		}
		for i, ev := range res.Events {
			de := docEvent{Kind: ev.Kind, Status: ev.Status, Sentence: collapseSpace(ev.Sentence), Page: ev.Page,
				Money: ev.Money}
			if ev.Date != "" {
				de.Date = index.DisplayDate(ev.Date)
			}
			if de.Page == 0 {
				de.Page = d.PageAt(ev.Start)
			}
			if ev.Start >= 0 && ev.Start < len(d.Text) {
				de.Anchor = "ev" + strconv.Itoa(i)
				points = append(points, point{pos: ev.Start, html: `<span class="anchor" id="` + de.Anchor + `"></span>`})
			}
			de.Trusts = refLinks("trust", ev.Trusts, ev.TrustIDs)
			de.Vendors = refLinks("vendor", ev.Vendors, ev.VendorIDs)
			de.Systems = refLinks("system", ev.Systems, ev.SystemIDs)
			v.Events = append(v.Events, de)
		}
	}
	for _, et := range entityTypes {
		if counts[et.typ] > 0 {
			v.Legend = append(v.Legend, legendItem{Type: et.typ, Label: et.label, Count: counts[et.typ]})
		}
	}
	if len(d.Pages) > 1 {
		// Page markers go before the anchors of events at the same offset.
		var pp []point
		for i, p := range d.Pages {
			pp = append(pp, point{pos: p.Start, html: `<span class="page" id="page-` + strconv.Itoa(i+1) + `">page ` + strconv.Itoa(i+1) + `</span>`})
		}
		points = append(pp, points...)
	}
	v.Text = textHTML(d.Text, spans, points)
	return v
}

// refLinks pairs names with IDs when the extraction gives one ID per name,
// else links by name (the entity page resolves names).
func refLinks(typ string, names, ids []string) []refLink {
	var out []refLink
	for i, n := range names {
		id := ""
		if len(ids) == len(names) {
			id = ids[i]
		}
		out = append(out, refLink{Name: n, URL: entityURL(typ, id, n)})
	}
	return out
}

func typeLabel(typ string) string {
	for _, et := range entityTypes {
		if et.typ == typ {
			return et.label
		}
	}
	return typ
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// markSpan is a mention to mark in the text.
type markSpan struct {
	start, end      int
	typ, title, url string
}

// point is a piece of markup to insert at a byte offset (an anchor or a page
// marker); inside a mention it goes after the mention.
type point struct {
	pos  int
	html string
}

// textHTML renders text with the mentions marked by type, escaping every
// piece of the text. Spans are sorted by start (the longest first at one
// start); a span overlapping an earlier one, outside the text or not on
// character boundaries is left unmarked.
func textHTML(text string, spans []markSpan, points []point) template.HTML {
	onBoundary := func(i int) bool { return i == len(text) || (i >= 0 && i < len(text) && utf8.RuneStart(text[i])) }
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	sort.SliceStable(points, func(i, j int) bool { return points[i].pos < points[j].pos })
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	cur, pi := 0, 0
	// upTo writes the text from cur to end with the points before end.
	upTo := func(end int) {
		for pi < len(points) && points[pi].pos <= end {
			if p := points[pi].pos; p > cur && onBoundary(p) {
				b.WriteString(template.HTMLEscapeString(text[cur:p]))
				cur = p
			}
			b.WriteString(points[pi].html)
			pi++
		}
		if end > cur {
			b.WriteString(template.HTMLEscapeString(text[cur:end]))
			cur = end
		}
	}
	for _, sp := range spans {
		if sp.start < cur || sp.end <= sp.start || sp.end > len(text) || !onBoundary(sp.start) || !onBoundary(sp.end) {
			continue
		}
		upTo(sp.start)
		open := `<mark class="ent-` + template.HTMLEscapeString(sp.typ) + `" title="` + template.HTMLEscapeString(sp.title) + `">`
		if sp.url != "" {
			b.WriteString(`<a class="ent" href="` + template.HTMLEscapeString(sp.url) + `">` + open)
		} else {
			b.WriteString(open)
		}
		b.WriteString(template.HTMLEscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		if sp.url != "" {
			b.WriteString("</a>")
		}
		cur = sp.end
	}
	upTo(len(text))
	for ; pi < len(points); pi++ {
		b.WriteString(points[pi].html)
	}
	return template.HTML(b.String())
}

// docAPI is the body of /api/doc/{id}.
type docAPI struct {
	Document   *corpus.Document  `json:"document"`
	Extraction *extract.Result   `json:"extraction,omitempty"`
	Links      map[string]string `json:"links"`
}

func (s *Server) apiDoc(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, res, full, err := s.loadDoc(id)
	if err == nil && full != "" {
		http.Redirect(w, r, "/api/doc/"+url.PathEscape(full), http.StatusFound)
		return
	}
	if err != nil {
		writeJSONError(w, s.classify(r, err))
		return
	}
	writeJSON(w, http.StatusOK, docAPI{Document: d, Extraction: res, Links: map[string]string{"page": docURL(d.ID)}})
}
