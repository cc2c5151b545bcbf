package web

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// Filter parameters, in the order links are written.
var filterParams = []string{"trust", "org", "vendor", "system", "person", "kind", "from", "to"}

// eventKinds are the kinds of events timelines filter on.
var eventKinds = []string{"go-live", "delay", "suspension", "cost", "contract", "rescue", "other"}

// params are the parsed parameters of a search or timeline request.
type params struct {
	Q      string
	Filter index.Filter
	Page   int
	Size   int
	Sort   string
	// Raw are the request's parameters, kept to build links.
	Raw url.Values
}

// values returns the non-empty values of a parameter, splitting commas for
// kinds.
func values(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		if name == "kind" || name == "doc_kind" {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			continue
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseParams reads q, the filters, page, size and sort. events says
// whether kind names event kinds (timelines) rather than document kinds.
func (s *Server) parseParams(v url.Values, events bool) (*params, *httpError) {
	p := &params{Raw: v, Page: 1, Size: 10, Sort: "relevance"}
	p.Q = strings.TrimSpace(v.Get("q"))
	if len(p.Q) > s.opts.MaxQuery {
		return p, badRequest("The query is %d bytes long; at most %d are allowed.", len(p.Q), s.opts.MaxQuery)
	}
	if !utf8.ValidString(p.Q) {
		return p, badRequest("The query is not valid UTF-8 text.")
	}
	f := &p.Filter
	for _, e := range []struct {
		name string
		dst  *[]string
	}{{"trust", &f.Trusts}, {"org", &f.Orgs}, {"vendor", &f.Vendors}, {"system", &f.Systems}, {"person", &f.People}} {
		vals := values(v, e.name)
		if len(vals) > maxValues {
			return p, badRequest("At most %d values of %s are allowed.", maxValues, e.name)
		}
		for _, val := range vals {
			if len(val) > 200 || !utf8.ValidString(val) {
				return p, badRequest("The %s %.40q… is too long (at most 200 bytes).", e.name, val)
			}
		}
		*e.dst = vals
	}
	kinds := values(v, "kind")
	if len(kinds) > maxValues {
		return p, badRequest("At most %d kinds are allowed.", maxValues)
	}
	for _, k := range kinds {
		if events {
			if !contains(eventKinds, k) {
				return p, badRequest("Event kind %q is unknown: want one of %s.", k, strings.Join(eventKinds, ", "))
			}
			f.EventKinds = append(f.EventKinds, k)
			continue
		}
		if _, err := corpus.ParseKind(k); err != nil {
			return p, badRequest("Document kind %q is unknown: want news, board-paper or report.", k)
		}
		f.Kinds = append(f.Kinds, k)
	}
	if events {
		for _, k := range values(v, "doc_kind") {
			if _, err := corpus.ParseKind(k); err != nil {
				return p, badRequest("Document kind %q is unknown: want news, board-paper or report.", k)
			}
			f.Kinds = append(f.Kinds, k)
		}
	}
	var err error
	if f.From, err = corpus.ParseDate(strings.TrimSpace(v.Get("from"))); err != nil {
		return p, badRequest("The from date %q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.", v.Get("from"))
	}
	if f.To, err = corpus.ParseDate(strings.TrimSpace(v.Get("to"))); err != nil {
		return p, badRequest("The to date %q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.", v.Get("to"))
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Start().Before(f.To.End()) {
		return p, badRequest("The from date %s is after the to date %s.", f.From, f.To)
	}
	if p.Page, err = intParam(v, "page", 1); err != nil || p.Page < 1 {
		return p, badRequest("page %q: want a whole number from 1.", v.Get("page"))
	}
	if p.Size, err = intParam(v, "size", 10); err != nil || p.Size < 1 || p.Size > s.opts.MaxPageSize {
		return p, badRequest("size %q: want a whole number from 1 to %d.", v.Get("size"), s.opts.MaxPageSize)
	}
	if p.Page*p.Size > maxResultWindow {
		return p, badRequest("Page %d is too deep: the first %d hits can be paged; narrow the search instead.", p.Page, maxResultWindow)
	}
	if p.Q == "" || p.Q == "*" {
		// Without words every hit scores the same: newest first reads best.
		p.Sort = "date"
	}
	if sv := v.Get("sort"); sv != "" {
		if sv != "relevance" && sv != "date" {
			return p, badRequest("sort %q: want relevance or date.", sv)
		}
		p.Sort = sv
	}
	return p, nil
}

func intParam(v url.Values, name string, def int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// link builds path?query from base with changes: set replaces a
// parameter's values (none deletes it), page resets unless set.
func link(path string, base url.Values, set map[string][]string) string {
	v := url.Values{}
	for k, vals := range base {
		if k == "token" {
			continue
		}
		for _, x := range vals {
			if strings.TrimSpace(x) != "" {
				v.Add(k, x)
			}
		}
	}
	if _, ok := set["page"]; !ok {
		v.Del("page")
	}
	for k, vals := range set {
		v.Del(k)
		for _, x := range vals {
			v.Add(k, x)
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// adding returns vals plus x, without duplicates.
func adding(vals []string, x string) []string {
	out := append([]string(nil), vals...)
	if !contains(out, x) {
		out = append(out, x)
	}
	return out
}

// removing returns vals without x.
func removing(vals []string, x string) []string {
	var out []string
	for _, v := range vals {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
