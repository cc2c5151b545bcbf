package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/nhs-trawl/trawl/index"
)

// timelineView is what the timeline page shows.
type timelineView struct {
	Q, From, To   string
	Trust, Vendor string
	System        string
	Kinds         []kindBox
	Active        []chip
	Entries       []entryView
	Events        int
	Shown, Total  int
	Exports       []exportLink
	SearchURL     string
	Error         *errorView
	Searched      bool
}

type kindBox struct {
	Value   string
	Checked bool
}

type exportLink struct{ Label, URL string }

// entryView is one timeline entry with its sources.
type entryView struct {
	Date, Kind, Status string
	Conflict           bool
	ConflictsWith      []string
	Trusts             []refLink
	Vendors            []refLink
	Systems            []refLink
	Money              []string
	Sources            []cite
}

// cite is one document that reported an event.
type cite struct {
	Title, DocURL string
	Outlet, Date  string
	URL, Path     string
	Page          int
	Sentence      string
	Kind          string
}

func entryViewOf(e index.TimelineEntry) entryView {
	ev := entryView{Date: e.DisplayDate, Kind: e.Kind, Status: e.Status, Conflict: e.Conflict,
		Trusts: refs("trust", e.Trusts), Vendors: refs("vendor", e.Vendors), Systems: refs("system", e.Systems)}
	if ev.Date == "" {
		ev.Date = "undated"
	}
	for _, c := range e.ConflictsWith {
		ev.ConflictsWith = append(ev.ConflictsWith, index.DisplayDate(c))
	}
	for _, m := range e.Money {
		ev.Money = append(ev.Money, moneyLabel(m))
	}
	for _, s := range e.Sources {
		c := cite{Title: s.Title, DocURL: docURL(s.DocID) + "#ev" + strconv.Itoa(s.Seq), Outlet: s.Outlet,
			Page: s.Page, Sentence: collapseSpace(s.Sentence), Kind: kindLabel(s.DocKind)}
		if c.Title == "" {
			c.Title = "(untitled " + shortID(s.DocID) + ")"
		}
		if s.Published != "" {
			c.Date = index.DisplayDate(s.Published)
		}
		if isWebURL(s.URL) {
			c.URL = s.URL
		}
		for _, l := range s.Locations {
			if isWebURL(l) && c.URL == "" {
				c.URL = l
			} else if !isWebURL(l) && c.Path == "" {
				c.Path = l
			}
		}
		ev.Sources = append(ev.Sources, c)
	}
	return ev
}

func refs(typ string, rs []index.EntityRef) []refLink {
	var out []refLink
	for _, r := range rs {
		out = append(out, refLink{Name: r.Name, URL: entityURL(typ, r.ID, r.Name)})
	}
	return out
}

// moneyLabel writes a normalised amount ("GBP 7200000") for a reader
// ("£7.2m"); anything else is returned as it is.
func moneyLabel(norm string) string {
	cur, amount, ok := strings.Cut(norm, " ")
	if !ok {
		return norm
	}
	sym := map[string]string{"GBP": "£", "USD": "$", "EUR": "€"}[cur]
	if sym == "" {
		return norm
	}
	lo, hi, rng := strings.Cut(amount, "-")
	a, err := strconv.ParseFloat(lo, 64)
	if err != nil {
		return norm
	}
	out := sym + shortAmount(a)
	if rng {
		b, err := strconv.ParseFloat(hi, 64)
		if err != nil {
			return norm
		}
		out += "–" + sym + shortAmount(b)
	}
	return out
}

func shortAmount(a float64) string {
	trim := func(f float64) string { return strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0") }
	switch {
	case a >= 1e9:
		return trim(a/1e9) + "bn"
	case a >= 1e6:
		return trim(a/1e6) + "m"
	case a >= 1e4:
		return trim(a/1e3) + "k"
	}
	return strconv.FormatFloat(a, 'f', -1, 64)
}

func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	view := &timelineView{Q: v.Get("q"), From: v.Get("from"), To: v.Get("to"), Trust: v.Get("trust"),
		Vendor: v.Get("vendor"), System: v.Get("system"), Searched: len(v) > 0}
	p, he := s.parseParams(v, true)
	for _, k := range eventKinds {
		view.Kinds = append(view.Kinds, kindBox{Value: k, Checked: contains(p.Filter.EventKinds, k)})
	}
	if he == nil && view.Searched {
		tl, err := s.idx().Timeline(r.Context(), index.TimelineRequest{Query: p.Q, Filter: p.Filter, Max: maxTimelineEvents})
		if err != nil {
			he = s.classify(r, err)
		} else {
			s.fillTimeline(view, p, tl)
		}
	}
	status := http.StatusOK
	if he != nil {
		view.Error = errorViewOf(he)
		status = he.status
	}
	s.render(w, r, status, "timeline", pageTitle(timelineTitle(view), "Timeline"), view)
}

func timelineTitle(v *timelineView) string {
	var parts []string
	for _, x := range []string{v.Trust, v.Vendor, v.System, v.Q} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	return strings.Join(parts, ", ")
}

func (s *Server) fillTimeline(view *timelineView, p *params, tl *index.Timeline) {
	view.Events, view.Total = tl.Events, len(tl.Entries)
	for i, e := range tl.Entries {
		if i == maxTimelineEntries {
			break
		}
		view.Entries = append(view.Entries, entryViewOf(e))
	}
	view.Shown = len(view.Entries)
	names := map[string]string{}
	for _, ref := range tl.Filters {
		names[string(ref.Kind)+"\x00"+ref.Input] = ref.Name
	}
	for _, name := range []string{"trust", "org", "vendor", "system", "kind", "doc_kind"} {
		for _, val := range values(p.Raw, name) {
			label := names[name+"\x00"+val]
			if label == "" {
				label = val
			}
			pl := paramLabel(name)
			if name == "kind" {
				pl = "Event"
			} else if name == "doc_kind" {
				pl, label = "Source", kindLabel(val)
			}
			view.Active = append(view.Active, chip{Label: pl + ": " + label,
				Remove: link("/timeline", p.Raw, map[string][]string{name: removing(values(p.Raw, name), val)})})
		}
	}
	ex := url.Values{}
	for k, x := range p.Raw {
		ex[k] = x
	}
	ex.Set("what", "timeline")
	for _, f := range []struct{ label, format string }{{"CSV", "csv"}, {"JSON", "json"}, {"TimelineJS", "timelinejs"}} {
		ex.Set("format", f.format)
		view.Exports = append(view.Exports, exportLink{Label: f.label, URL: link("/export", ex, nil)})
	}
	sv := url.Values{}
	for _, k := range []string{"q", "trust", "org", "vendor", "system", "from", "to"} {
		for _, x := range values(p.Raw, k) {
			sv.Add(k, x)
		}
	}
	view.SearchURL = link("/", sv, nil)
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	p, he := s.parseParams(r.URL.Query(), true)
	if he != nil {
		writeJSONError(w, he)
		return
	}
	tl, err := s.idx().Timeline(r.Context(), index.TimelineRequest{Query: p.Q, Filter: p.Filter, Max: maxTimelineEvents})
	if err != nil {
		writeJSONError(w, s.classify(r, err))
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

// handleExport streams an export of documents, entities, events or the
// timeline (index.Export) as a download.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	yearParam(v)
	what := v.Get("what")
	if what == "" {
		what = index.ExportTimeline
	}
	format := v.Get("format")
	if format == "" {
		format = index.FormatCSV
	}
	events := what == index.ExportEvents || what == index.ExportTimeline
	p, he := s.parseParams(v, events)
	if he == nil {
		req := index.ExportRequest{What: what, Format: format, Query: p.Q, Filter: p.Filter}
		if err := req.Validate(); err != nil {
			he = badRequest("%s.", err.Error())
		} else {
			ctype := map[string]string{index.FormatCSV: "text/csv; charset=utf-8", index.FormatJSON: "application/json",
				index.FormatNDJSON: "application/x-ndjson", index.FormatTimelineJS: "application/json"}[format]
			ext := map[string]string{index.FormatCSV: "csv", index.FormatJSON: "json", index.FormatNDJSON: "ndjson",
				index.FormatTimelineJS: "timelinejs.json"}[format]
			bw := &lazyWriter{w: w, header: func() {
				w.Header().Set("Content-Type", ctype)
				w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="trawl-%s.%s"`, what, ext))
				w.Header().Set("Cache-Control", "no-store")
			}}
			_, err := s.idx().Export(r.Context(), bw, req)
			if err == nil {
				bw.start() //nolint:errcheck // the client went away
				return
			}
			if bw.started {
				// Too late for a status: the download ends short.
				s.opts.Logger.Warn("export cut short", "err", err)
				return
			}
			he = s.classify(r, err)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(he.status)
	fmt.Fprintf(w, "export: %s\n", he.msg)
}

// lazyWriter holds the first bytes of a download (up to hold) before it
// sets the headers and sends anything, so that an export failing early (a
// bad query) can still answer with an error status.
type lazyWriter struct {
	w       http.ResponseWriter
	header  func()
	buf     []byte
	started bool
}

const hold = 256 << 10

// start sends the headers and what is held.
func (l *lazyWriter) start() error {
	if l.started {
		return nil
	}
	l.started = true
	l.header()
	_, err := l.w.Write(l.buf)
	l.buf = nil
	return err
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	if !l.started {
		if len(l.buf)+len(p) <= hold {
			l.buf = append(l.buf, p...)
			return len(p), nil
		}
		if err := l.start(); err != nil {
			return 0, err
		}
	}
	return l.w.Write(p)
}
