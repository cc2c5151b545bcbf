package web

import (
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// facetParams maps a facet of the index to the parameter that filters on
// it and the heading it shows under.
var facetParams = []struct{ facet, param, title string }{
	{"trusts", "trust", "Trusts"},
	{"vendors", "vendor", "Suppliers"},
	{"systems", "system", "Systems"},
	{"people", "person", "People"},
	{"years", "year", "Years"},
	{"kinds", "kind", "Kinds"},
}

// searchView is what the search page shows.
type searchView struct {
	Q, Sort, From, To string
	Kinds             []option
	Hidden            []hiddenField // entity filters kept when the form is sent again
	Searched          bool          // a query or a filter was given
	Total             uint64
	TookMS            float64
	First, Last       int
	Hits              []hitView
	Facets            []facetView
	Active            []chip
	Pages             []pageLink
	Prev, Next        string
	SortRelevance     string
	SortDate          string
	TimelineURL       string
	ExportURL         string
	Error             *errorView
}

type hiddenField struct{ Name, Value string }

type option struct {
	Value, Label string
	Selected     bool
}

type hitView struct {
	ID, URL, Title string
	Date, Outlet   string
	Kind, Format   string
	Source         string // URL of the original, when it has one
	Path           string // file path of the original otherwise
	Page           int
	Snippets       []snippetView
}

type snippetView struct {
	HTML template.HTML
	Page int
	Lead bool // the snippet starts inside the text: show an ellipsis
}

type facetView struct {
	Name, Title string
	Terms       []facetTermView
}

type facetTermView struct {
	Label     string
	Count     int
	URL       string // adds (or, when Active, removes) the filter
	Active    bool
	EntityURL string
}

// chip is an active filter with a link that removes it.
type chip struct {
	Label, Value, Remove string
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// errorView is a friendly error: a message and, for a query that does not
// parse, the query split where it broke.
type errorView struct {
	Status         int
	Msg            string
	Before, After  string
	HasPosition    bool
	QueryWithCaret bool
}

func errorViewOf(he *httpError) *errorView {
	ev := &errorView{Status: he.status, Msg: he.msg}
	if he.isPos && he.pos >= 0 && he.pos <= len(he.query) {
		ev.HasPosition = true
		ev.Before, ev.After = he.query[:he.pos], he.query[he.pos:]
	}
	return ev
}

func (s *Server) searchRequest(p *params) index.SearchRequest {
	return index.SearchRequest{Query: p.Q, Filter: p.Filter, Size: p.Size, Page: p.Page, Sort: p.Sort, FacetSize: 8, Snippets: 2}
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	yearParam(v)
	view := &searchView{Q: v.Get("q"), From: v.Get("from"), To: v.Get("to"), Sort: v.Get("sort")}
	p, he := s.parseParams(v, false)
	view.Kinds = kindOptions(p.Filter.Kinds)
	for _, name := range []string{"trust", "org", "vendor", "system", "person", "sort"} {
		for _, x := range values(v, name) {
			view.Hidden = append(view.Hidden, hiddenField{Name: name, Value: x})
		}
	}
	if ks := p.Filter.Kinds; len(ks) > 1 {
		for _, k := range ks {
			view.Hidden = append(view.Hidden, hiddenField{Name: "kind", Value: k})
		}
	}
	if he == nil {
		view.Searched = p.Q != "" || len(r.URL.RawQuery) > 0
		res, err := s.idx().Search(r.Context(), s.searchRequest(p))
		if err != nil {
			he = s.classify(r, err)
		} else {
			s.fillSearch(view, p, res)
		}
	}
	status := http.StatusOK
	if he != nil {
		view.Error = errorViewOf(he)
		view.Active = searchChips(v, nil)
		status = he.status
	}
	s.render(w, r, status, "search", pageTitle(view.Q, "Search"), view)
}

func pageTitle(q, def string) string {
	if q != "" {
		return q + " – " + def
	}
	return def
}

// yearParam turns year=YYYY (a facet link) into from and to.
func yearParam(v url.Values) {
	if y := v.Get("year"); y != "" {
		v.Del("year")
		v.Set("from", y)
		v.Set("to", y)
	}
}

func kindOptions(selected []string) []option {
	out := []option{{Value: "", Label: "any kind", Selected: len(selected) == 0}}
	for _, k := range []corpus.Kind{corpus.KindNews, corpus.KindBoardPaper, corpus.KindReport} {
		out = append(out, option{Value: string(k), Label: kindLabel(string(k)), Selected: len(selected) == 1 && selected[0] == string(k)})
	}
	return out
}

func kindLabel(k string) string {
	switch k {
	case "news":
		return "news"
	case "board-paper":
		return "board paper"
	case "report":
		return "report"
	}
	return k
}

func (s *Server) fillSearch(view *searchView, p *params, res *index.SearchResult) {
	view.Total, view.TookMS = res.Total, res.TookMS
	if res.Total > 0 {
		view.First = (p.Page-1)*p.Size + 1
		view.Last = view.First + len(res.Hits) - 1
	}
	for _, h := range res.Hits {
		view.Hits = append(view.Hits, hitViewOf(h))
	}
	names := map[string]string{}
	for _, ref := range res.Filters {
		names[string(ref.Kind)+"\x00"+ref.Input] = ref.Name
	}
	view.Active = searchChips(p.Raw, names)
	byName := map[string]index.Facet{}
	for _, f := range res.Facets {
		byName[f.Name] = f
	}
	for _, fp := range facetParams {
		f, ok := byName[fp.facet]
		if !ok || len(f.Terms) == 0 {
			continue
		}
		fv := facetView{Name: fp.facet, Title: fp.title}
		terms := f.Terms
		if fp.facet == "years" {
			terms = append([]index.FacetTerm(nil), terms...)
			sort.Slice(terms, func(i, j int) bool { return terms[i].Label > terms[j].Label })
		}
		for _, t := range terms {
			fv.Terms = append(fv.Terms, s.facetTerm(p, fp.param, t))
		}
		view.Facets = append(view.Facets, fv)
	}
	view.Pages, view.Prev, view.Next = pagination(p, res.Total)
	view.Sort = p.Sort
	if p.Q == "" || p.Q == "*" {
		// Date is the default without words.
		view.SortRelevance = link("/", p.Raw, map[string][]string{"sort": {"relevance"}})
		view.SortDate = link("/", p.Raw, map[string][]string{"sort": nil})
	} else {
		view.SortRelevance = link("/", p.Raw, map[string][]string{"sort": nil})
		view.SortDate = link("/", p.Raw, map[string][]string{"sort": {"date"}})
	}
	tl := url.Values{}
	for _, k := range []string{"trust", "org", "vendor", "system", "from", "to"} {
		for _, x := range values(p.Raw, k) {
			tl.Add(k, x)
		}
	}
	if len(p.Filter.Kinds) > 0 {
		tl["doc_kind"] = p.Filter.Kinds
	}
	view.TimelineURL = link("/timeline", tl, nil)
	ex := url.Values{}
	for k, x := range p.Raw {
		if k != "page" && k != "size" && k != "sort" {
			ex[k] = x
		}
	}
	ex.Set("what", "documents")
	ex.Set("format", "csv")
	view.ExportURL = link("/export", ex, nil)
}

// searchChips are the active filters of a search, each with a link that
// removes it; names are the resolved names of entity filters.
func searchChips(raw url.Values, names map[string]string) []chip {
	var out []chip
	for _, name := range []string{"trust", "org", "vendor", "system", "person", "kind"} {
		for _, val := range values(raw, name) {
			label := names[name+"\x00"+val]
			if label == "" {
				label = val
			}
			if name == "kind" {
				label = kindLabel(val)
			}
			out = append(out, chip{Label: paramLabel(name) + ": " + label, Value: val,
				Remove: link("/", raw, map[string][]string{name: removing(values(raw, name), val)})})
		}
	}
	from, to := raw.Get("from"), raw.Get("to")
	switch {
	case from != "" && from == to:
		out = append(out, chip{Label: "In: " + index.DisplayDate(from),
			Remove: link("/", raw, map[string][]string{"from": nil, "to": nil})})
	default:
		if from != "" {
			out = append(out, chip{Label: "From: " + index.DisplayDate(from), Remove: link("/", raw, map[string][]string{"from": nil})})
		}
		if to != "" {
			out = append(out, chip{Label: "To: " + index.DisplayDate(to), Remove: link("/", raw, map[string][]string{"to": nil})})
		}
	}
	return out
}

func paramLabel(name string) string {
	switch name {
	case "trust":
		return "Trust"
	case "org":
		return "Body"
	case "vendor":
		return "Supplier"
	case "system":
		return "System"
	case "person":
		return "Person"
	case "kind":
		return "Kind"
	}
	return name
}

// facetTerm links a facet value: to add it as a filter, or to remove it
// when it is one already.
func (s *Server) facetTerm(p *params, param string, t index.FacetTerm) facetTermView {
	ft := facetTermView{Label: t.Label, Count: t.Count}
	val := t.ID
	if val == "" {
		val = t.Label
	}
	switch param {
	case "year":
		ft.Active = p.Raw.Get("from") == t.Label && p.Raw.Get("to") == t.Label
		if ft.Active {
			ft.URL = link("/", p.Raw, map[string][]string{"from": nil, "to": nil})
		} else {
			ft.URL = link("/", p.Raw, map[string][]string{"from": {t.Label}, "to": {t.Label}})
		}
		return ft
	case "kind":
		ft.Label = kindLabel(t.Label)
	case "trust", "vendor", "system", "person", "org":
		ft.EntityURL = entityURL(param, t.ID, t.Label)
	}
	cur := values(p.Raw, param)
	ft.Active = contains(cur, val) || (t.ID != "" && contains(cur, t.Label))
	if ft.Active {
		ft.URL = link("/", p.Raw, map[string][]string{param: removing(removing(cur, val), t.Label)})
	} else {
		ft.URL = link("/", p.Raw, map[string][]string{param: adding(cur, val)})
	}
	return ft
}

// entityURL is the page of an entity: by ID, or by name when it has none.
func entityURL(typ, id, name string) string {
	key := id
	if key == "" {
		key = name
	}
	if key == "" {
		return ""
	}
	return "/entity/" + typ + "/" + url.PathEscape(key)
}

func docURL(id string) string { return "/doc/" + url.PathEscape(id) }

func hitViewOf(h index.Hit) hitView {
	hv := hitView{ID: h.ID, URL: docURL(h.ID), Title: h.Title, Date: h.DisplayDate, Outlet: h.Outlet,
		Kind: kindLabel(h.Kind), Format: strings.ToUpper(h.Format), Page: h.Page}
	if hv.Title == "" {
		hv.Title = "(untitled " + shortID(h.ID) + ")"
	}
	if isWebURL(h.URL) {
		hv.Source = h.URL
	}
	if len(h.Locations) > 0 {
		if isWebURL(h.Locations[0]) && hv.Source == "" {
			hv.Source = h.Locations[0]
		} else if !isWebURL(h.Locations[0]) {
			hv.Path = h.Locations[0]
		}
	}
	for _, sn := range h.Snippets {
		hv.Snippets = append(hv.Snippets, snippetView{HTML: markHTML(sn.Text, sn.Marks, "hl"), Page: sn.Page, Lead: sn.Start > 0})
	}
	return hv
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// isWebURL says whether s is an http or https URL, the only kind linked.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// markHTML escapes text and wraps the byte ranges marks (sorted, within
// text) in <mark class=class>. Marks out of order, overlapping or outside
// the text are skipped.
func markHTML(text string, marks []corpus.Span, class string) template.HTML {
	var b strings.Builder
	prev := 0
	for _, m := range marks {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[prev:m.Start]))
		b.WriteString(`<mark class="` + class + `">`)
		b.WriteString(template.HTMLEscapeString(text[m.Start:m.End]))
		b.WriteString(`</mark>`)
		prev = m.End
	}
	b.WriteString(template.HTMLEscapeString(text[prev:]))
	return template.HTML(collapseSpace(b.String()))
}

// collapseSpace turns runs of white space (paragraph breaks in snippets)
// into single spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// pagination links up to 9 pages around the current one, with the first
// and last.
func pagination(p *params, total uint64) (links []pageLink, prev, next string) {
	last := int((total + uint64(p.Size) - 1) / uint64(p.Size))
	if max := maxResultWindow / p.Size; last > max {
		last = max
	}
	if last <= 1 {
		return nil, "", ""
	}
	pageURL := func(n int) string {
		if n == 1 {
			return link("/", p.Raw, map[string][]string{"page": nil})
		}
		return link("/", p.Raw, map[string][]string{"page": {strconv.Itoa(n)}})
	}
	lo, hi := p.Page-4, p.Page+4
	if lo < 1 {
		lo = 1
	}
	if hi > last {
		hi = last
	}
	if lo > 1 {
		links = append(links, pageLink{N: 1, URL: pageURL(1)})
		if lo > 2 {
			links = append(links, pageLink{Gap: true})
		}
	}
	for n := lo; n <= hi; n++ {
		links = append(links, pageLink{N: n, URL: pageURL(n), Current: n == p.Page})
	}
	if hi < last {
		if hi < last-1 {
			links = append(links, pageLink{Gap: true})
		}
		links = append(links, pageLink{N: last, URL: pageURL(last)})
	}
	if p.Page > 1 {
		prev = pageURL(p.Page - 1)
	}
	if p.Page < last {
		next = pageURL(p.Page + 1)
	}
	return links, prev, next
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	yearParam(v)
	p, he := s.parseParams(v, false)
	if he != nil {
		writeJSONError(w, he)
		return
	}
	req := s.searchRequest(p)
	if fs, err := intParam(v, "facets", 10); err != nil || fs < 0 || fs > 100 {
		writeJSONError(w, badRequest("facets %q: want a whole number from 0 to 100.", v.Get("facets")))
		return
	} else if fs == 0 {
		req.FacetSize = -1
	} else {
		req.FacetSize = fs
	}
	res, err := s.idx().Search(r.Context(), req)
	if err != nil {
		writeJSONError(w, s.classify(r, err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}
