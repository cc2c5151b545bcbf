package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/index"
)

func TestPages(t *testing.T) {
	rescue := docID(t, "ehi-24279-rescue-plan-for-royal-free.html")
	cases := []struct {
		name, url string
		status    int
		want      []string
		notWant   []string
	}{
		{"home lists everything", "/", 200, []string{`<form class="search"`, `data-facet="trusts"`, "documents"}, nil},
		{"search", "/?q=Cerner", 200,
			[]string{`value="Cerner"`, `<mark class="hl">Cerner</mark>`, "Next London Cerner go-live delayed until autumn", `href="/doc/`},
			[]string{"errorbox"}},
		{"search keeps entity filters in the form", "/?q=Cerner&trust=RAL", 200,
			[]string{`<input type="hidden" name="trust" value="RAL">`, "Trust: Royal Free London NHS Foundation Trust"}, nil},
		{"facet links add filters", "/?q=Cerner", 200, []string{`href="/?q=Cerner&amp;trust=RAL"`}, nil},
		{"year facet", "/?year=2009", 200, []string{"In: 2009", "Next London Cerner go-live delayed"}, []string{"Bacon calls for halt"}},
		{"sort by date", "/?q=Cerner&sort=date", 200, []string{"<b>newest</b>"}, nil},
		{"bad query", "/?q=%22unclosed", 400, []string{"errorbox", "unclosed quote", `<mark class="err">`}, []string{"goroutine", "panic"}},
		{"document", "/doc/" + rescue, 200,
			[]string{"<h1>Rescue plan for Royal Free</h1>", `<mark class="ent-trust"`, `href="/entity/trust/RAL"`, "Events in this document", "6 October 2008", `class="legend"`},
			nil},
		{"document by prefix redirects", "/doc/" + rescue[:10], http.StatusFound, nil, nil},
		{"unknown document", "/doc/0000000000000000000000000000000000000000000000000000000000000000", 404, []string{"No such document"}, nil},
		{"entity", "/entity/trust/RAL", 200,
			[]string{"<h1>Royal Free London NHS Foundation Trust</h1>", "Royal Free Hampstead NHS Trust", "Documents per year", `class="timeline"`, "Rescue plan for Royal Free"},
			nil},
		{"entity by name redirects", "/entity/trust/Royal%20Free", http.StatusFound, nil, nil},
		{"vendor", "/entity/vendor/bt", 200, []string{"<h1>BT</h1>", "Supplier"}, nil},
		{"system", "/entity/system/cerner-millennium", 200, []string{"Cerner Millennium", "Documents per year"}, nil},
		{"person", "/entity/person/Andrew%20Way", 200, []string{"<h1>Andrew Way</h1>", "Rescue plan for Royal Free"}, nil},
		{"unknown entity type", "/entity/planet/mars", 404, []string{"unknown"}, nil},
		{"timeline form", "/timeline", 200, []string{`<form class="tlform"`, "Pick a trust"}, []string{`class="timeline"`}},
		{"timeline", "/timeline?trust=Royal+Free", 200,
			[]string{"6 October 2008", "Rescue plan for Royal Free", "format=timelinejs", "format=csv", "<blockquote>"}, nil},
		{"timeline bad kind", "/timeline?trust=RAL&kind=party", 400, []string{"Event kind"}, nil},
		{"static css", "/static/style.css", 200, []string{"mark.ent-trust"}, nil},
		{"static js", "/static/app.js", 200, []string{"use strict"}, nil},
		{"no page", "/nowhere", 404, []string{"No page here"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, body := get(t, fx.srv, c.url)
			if status != c.status {
				t.Fatalf("GET %s: status %d; want %d\n%s", c.url, status, c.status, body)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", c.url, w)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: body holds %q", c.url, w)
				}
			}
			if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: Content-Security-Policy = %q; want scripts from self only", c.url, csp)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	rescue := docID(t, "ehi-24279-rescue-plan-for-royal-free.html")
	cases := []struct{ url, want string }{
		{"/doc/" + rescue[:12], "/doc/" + rescue},
		{"/api/doc/" + rescue[:12], "/api/doc/" + rescue},
		{"/entity/trust/Royal%20Free", "/entity/trust/RAL"},
		{"/entity/trust/Royal%20Free%20London%20NHS%20Foundation%20Trust", "/entity/trust/RAL"},
		{"/entity/trust/ral", "/entity/trust/RAL"},
		{"/api/entity/vendor/BT%20Health", "/api/entity/vendor/bt"},
	}
	for _, c := range cases {
		status, hdr, _ := get(t, fx.srv, c.url)
		if status != http.StatusFound || hdr.Get("Location") != c.want {
			t.Errorf("GET %s: %d to %q; want 302 to %q", c.url, status, hdr.Get("Location"), c.want)
		}
	}
}

// TestEscaping checks that markup in documents and queries shows as text.
func TestEscaping(t *testing.T) {
	id := docID(t, "script-in-title.txt")
	hostile := []string{"<script>alert", "<img src=x", "<b>Outlet</b>", "<b>trainee</b>", `href="javascript:`, "onerror=alert(2)>"}
	cases := []struct {
		name, url string
		want      []string
	}{
		{"document page", "/doc/" + id, []string{"&lt;script&gt;alert(1)&lt;/script&gt; Cerner in the headline",
			"&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;trainee&lt;/b&gt;"}},
		{"search hit", "/?q=headline", []string{"&lt;script&gt;alert(1)&lt;/script&gt; Cerner in the headline"}},
		{"query echoed", "/?q=" + url.QueryEscape(`"><script>alert(1)</script>`), []string{`value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`}},
		{"filter echoed", "/?trust=" + url.QueryEscape(`<script>alert(1)</script>`), []string{"Trust: &lt;script&gt;alert(1)&lt;/script&gt;"}},
		{"timeline form", "/timeline?trust=" + url.QueryEscape(`"><b>x</b>`), []string{`value="&#34;&gt;&lt;b&gt;x&lt;/b&gt;"`}},
		{"entity name", "/entity/person/" + url.PathEscape("<b>trainee</b>"), []string{"<h1>&lt;b&gt;trainee&lt;/b&gt;</h1>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, body := get(t, fx.srv, c.url)
			for _, h := range hostile {
				if strings.Contains(body, h) {
					t.Errorf("GET %s: unescaped %q in the page", c.url, h)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", c.url, w)
				}
			}
		})
	}
}

func TestLimits(t *testing.T) {
	long := strings.Repeat("a", DefaultMaxQuery+1)
	cases := []struct {
		name, url string
		status    int
		want      string
	}{
		{"query too long", "/?q=" + long, 400, "at most 1000"},
		{"query at the limit", "/?q=" + long[1:], 200, "No documents match"},
		{"api query too long", "/api/search?q=" + long, 400, "at most 1000"},
		{"page size too big", "/?q=cerner&size=101", 400, "from 1 to 100"},
		{"page size zero", "/api/search?size=0", 400, "from 1 to 100"},
		{"page zero", "/?page=0", 400, "page"},
		{"page not a number", "/?page=two", 400, "page"},
		{"page too deep", "/?page=1001&size=10", 400, "too deep"},
		{"bad sort", "/?sort=random", 400, "relevance or date"},
		{"bad date", "/?from=last+year", 400, "YYYY-MM-DD"},
		{"from after to", "/?from=2010&to=2009", 400, "after"},
		{"bad kind", "/?kind=blog", 400, "unknown"},
		{"too many values", "/?" + strings.Repeat("trust=a&", maxValues+1), 400, "At most"},
		{"api bad query position", "/api/search?q=%22open+quote", 400, `"position"`},
		{"api unknown endpoint", "/api/nothing", 404, "no such endpoint"},
		{"bad facets", "/api/search?facets=1000", 400, "facets"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, body := get(t, fx.srv, c.url)
			if status != c.status || !strings.Contains(body, c.want) {
				t.Errorf("GET %.80s: %d, body %.200q; want %d with %q", c.url, status, body, c.status, c.want)
			}
		})
	}
	// Only GET and HEAD.
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(m, "/", nil)
		rec := newRecorder()
		fx.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s /: status %d; want 405", m, rec.Code)
		}
	}
}

// TestTimeLimit checks that a request over its time limit stops with 503.
func TestTimeLimit(t *testing.T) {
	srv, err := New(Options{Store: fx.store, Index: fx.x, Gazetteer: fx.ex.Gazetteer(), Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"/?q=cerner", "/api/timeline?trust=RAL"} {
		status, _, body := get(t, srv, u)
		if status != http.StatusServiceUnavailable || !strings.Contains(body, "too long") {
			t.Errorf("GET %s with a 1ns limit: %d %.120q; want 503 saying it took too long", u, status, body)
		}
	}
}

func TestToken(t *testing.T) {
	const token = "s3cret-token"
	srv, err := New(Options{Store: fx.store, Index: fx.x, Gazetteer: fx.ex.Gazetteer(), Token: token})
	if err != nil {
		t.Fatal(err)
	}
	basic := func(user, pw string) string {
		req, _ := http.NewRequest("GET", "/", nil)
		req.SetBasicAuth(user, pw)
		return req.Header.Get("Authorization")
	}
	cases := []struct {
		name, url string
		hdr       []string
		status    int
	}{
		{"none", "/", nil, 401},
		{"none on static", "/static/style.css", nil, 401},
		{"none on api", "/api/search?q=cerner", nil, 401},
		{"wrong bearer", "/", []string{"Authorization", "Bearer nope"}, 401},
		{"bearer", "/api/search?q=cerner", []string{"Authorization", "Bearer " + token}, 200},
		{"basic auth password", "/?q=cerner", []string{"Authorization", basic("journalist", token)}, 200},
		{"basic auth wrong", "/", []string{"Authorization", basic("journalist", "guess")}, 401},
		{"cookie", "/timeline?trust=RAL", []string{"Cookie", tokenCookie + "=" + token}, 200},
		{"wrong cookie", "/", []string{"Cookie", tokenCookie + "=x"}, 401},
		{"query token sets cookie", "/?q=cerner&token=" + token, nil, http.StatusSeeOther},
		{"wrong query token", "/?token=x", nil, 401},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, hdr, body := get(t, srv, c.url, c.hdr...)
			if status != c.status {
				t.Fatalf("GET %s: status %d; want %d", c.url, status, c.status)
			}
			switch status {
			case 401:
				if !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Basic") || strings.Contains(body, "Cerner") {
					t.Errorf("401 without a Basic challenge or with content: %q %.100q", hdr.Get("WWW-Authenticate"), body)
				}
			case http.StatusSeeOther:
				if loc := hdr.Get("Location"); loc != "/?q=cerner" {
					t.Errorf("redirect to %q; want the URL without the token, /?q=cerner", loc)
				}
				if c := hdr.Get("Set-Cookie"); !strings.Contains(c, tokenCookie+"="+token) || !strings.Contains(c, "HttpOnly") {
					t.Errorf("Set-Cookie = %q; want an HttpOnly cookie with the token", c)
				}
			}
		})
	}
}

func TestAPI(t *testing.T) {
	rescue := docID(t, "ehi-24279-rescue-plan-for-royal-free.html")
	decode := func(u string, v any) {
		t.Helper()
		status, hdr, body := get(t, fx.srv, u)
		if status != 200 {
			t.Fatalf("GET %s: status %d: %s", u, status, body)
		}
		if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: Content-Type %q; want application/json", u, ct)
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
	}
	var sr index.SearchResult
	decode("/api/search?q=Cerner&trust=Royal+Free&size=2", &sr)
	if sr.Total == 0 || len(sr.Hits) == 0 || len(sr.Hits) > 2 || len(sr.Facets) == 0 {
		t.Errorf("/api/search: total %d, %d hits, %d facets; want hits (at most 2) and facets", sr.Total, len(sr.Hits), len(sr.Facets))
	}
	if len(sr.Filters) != 1 || len(sr.Filters[0].IDs) != 1 || sr.Filters[0].IDs[0] != "RAL" {
		t.Errorf("/api/search filters = %+v; want Royal Free resolved to RAL", sr.Filters)
	}
	var tl index.Timeline
	decode("/api/timeline?trust=RAL&kind=rescue", &tl)
	if len(tl.Entries) == 0 {
		t.Fatalf("/api/timeline?trust=RAL&kind=rescue: no entries")
	}
	for _, e := range tl.Entries {
		if e.Kind != "rescue" || len(e.Sources) == 0 {
			t.Errorf("/api/timeline entry %s %s with %d sources; want rescue events with sources", e.Date, e.Kind, len(e.Sources))
		}
	}
	var doc struct {
		Document struct {
			ID, Title, Text string
		}
		Extraction struct {
			Entities []struct{ Type string }
			Events   []struct{ Kind string }
		}
	}
	decode("/api/doc/"+rescue, &doc)
	if doc.Document.ID != rescue || doc.Document.Title != "Rescue plan for Royal Free" || doc.Document.Text == "" || len(doc.Extraction.Entities) == 0 {
		t.Errorf("/api/doc: id %s title %q, %d bytes of text, %d entities", doc.Document.ID, doc.Document.Title, len(doc.Document.Text), len(doc.Extraction.Entities))
	}
	var ent entityData
	decode("/api/entity/trust/RAL", &ent)
	if ent.Entity.ID != "RAL" || !ent.Entity.Known || ent.Search == nil || ent.Search.Total == 0 || ent.Timeline == nil || len(ent.Timeline.Entries) == 0 {
		t.Errorf("/api/entity/trust/RAL = %+v; want the trust with documents and a timeline", ent.Entity)
	}
	names := map[string]bool{}
	for _, n := range ent.Entity.Names {
		names[n.Name] = true
	}
	if !names["Royal Free Hampstead NHS Trust"] || !names["Royal Free London NHS Foundation Trust"] {
		t.Errorf("/api/entity/trust/RAL names = %+v; want its former and current names", ent.Entity.Names)
	}
}

func TestExport(t *testing.T) {
	status, hdr, body := get(t, fx.srv, "/export?trust=RAL&format=csv")
	if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
		!strings.Contains(hdr.Get("Content-Disposition"), `filename="trawl-timeline.csv"`) {
		t.Fatalf("CSV export: %d %q %q", status, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV export: %d rows, %v", len(rows), err)
	}
	status, _, body = get(t, fx.srv, "/export?trust=RAL&format=timelinejs")
	var tjs struct {
		Events []struct {
			StartDate map[string]any `json:"start_date"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(body), &tjs); status != 200 || err != nil || len(tjs.Events) == 0 {
		t.Errorf("TimelineJS export: %d, %v, %d events", status, err, len(tjs.Events))
	}
	status, _, body = get(t, fx.srv, "/export?what=documents&q=cerner&format=json")
	if status != 200 || !strings.Contains(body, "Next London Cerner") {
		t.Errorf("documents export: %d %.200q", status, body)
	}
	for _, u := range []string{"/export?format=xml", "/export?what=documents&format=timelinejs", "/export?q=%22open"} {
		if status, _, body := get(t, fx.srv, u); status != 400 {
			t.Errorf("GET %s: %d %.100q; want 400", u, status, body)
		}
	}
}

func TestHead(t *testing.T) {
	req, _ := http.NewRequest(http.MethodHead, "/?q=cerner", nil)
	rec := newRecorder()
	fx.srv.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD /: %d with %d bytes; want 200 and no body", rec.Code, rec.Body.Len())
	}
}
