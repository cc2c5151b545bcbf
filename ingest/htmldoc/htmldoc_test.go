package htmldoc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
	"github.com/nhs-trawl/trawl/ingest/format/formattest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func read(t *testing.T, page string) (*corpus.Document, error) {
	t.Helper()
	return New().Read(context.Background(), format.Input{Path: "t.html", Data: []byte(page), Limits: format.DefaultLimits()})
}

func mustReadPage(t *testing.T, page string) *corpus.Document {
	t.Helper()
	d, err := read(t, page)
	if err != nil {
		t.Fatalf("Read error = %v", err)
	}
	return d
}

func goods(t testing.TB) []formattest.Good {
	var out []formattest.Good
	for _, f := range loadFixtures(t) {
		data, err := os.ReadFile(filepath.Join("testdata", "pages", f.File))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, formattest.Good{Name: f.File, Data: data})
	}
	return out
}

func TestContract(t *testing.T) {
	g := goods(t)
	if testing.Short() {
		g = g[:4]
	}
	formattest.Contract(t, New(), ".html", g)
}

// golden is the reader output a golden file records.
type golden struct {
	Title           string            `json:"title"`
	Outlet          string            `json:"outlet"`
	Authors         []string          `json:"authors"`
	URL             string            `json:"url"`
	Published       corpus.Date       `json:"published"`
	PublishedSource corpus.DateSource `json:"published_source"`
	Language        string            `json:"language"`
	Kind            corpus.Kind       `json:"kind"`
	Sections        []corpus.Section  `json:"sections"`
	Warnings        []string          `json:"warnings"`
	Text            string            `json:"text"`
}

func TestGolden(t *testing.T) {
	pages := []string{
		"2009-table-dev000-cerner-delay.html",
		"2008-comments-dev001-royal-free.html",
		"2012-modern-dev004-bacon.html",
		"2008-nhs-board-paper-epr.html",
		"2011-blog-interop-comments.html",
		"2006-table-lorenzo.html",
		"2012-blogger-telehealth.html",
	}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			d := readFixture(t, p)
			g := golden{d.Title, d.Outlet, d.Authors, d.URL, d.Published, d.PublishedSource, d.Language, d.Kind, d.Sections, d.Warnings, d.Text}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(p, ".html")+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Read(%s) differs from %s; run go test -update and review the diff\ngot:\n%s", p, path, got)
			}
		})
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, format.ErrEmpty},
		{"png named html", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...), format.ErrNotFormat},
		{"control bytes", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1b, 0x7f, 0x10}, 200), format.ErrNotFormat},
		{"no body text", []byte("<html><head><title>Nothing</title><script>var x = 1;</script></head><body><nav><a href=/>Home</a></nav></body></html>"), format.ErrNoText},
		{"only markup", []byte("<html><body><div><span></span></div></body></html>"), format.ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New().Read(context.Background(), format.Input{Path: "x.html", Data: tt.data, Limits: format.DefaultLimits()})
			if !errors.Is(err, tt.want) || !format.IsReject(err) {
				t.Errorf("Read(%s) error = %v; want reject %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Read(ctx, format.Input{Path: "x.html", Data: []byte("<p>Some text here.</p>"), Limits: format.DefaultLimits()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read with cancelled context error = %v; want context.Canceled", err)
	}
}

func TestMaxTextBytes(t *testing.T) {
	page := "<html><body><article>" + strings.Repeat("<p>The trust board approved the electronic patient record business case today.</p>", 100) + "</article></body></html>"
	lim := format.DefaultLimits()
	lim.MaxTextBytes = 500
	d, err := New().Read(context.Background(), format.Input{Path: "x.html", Data: []byte(page), Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Text) > 500 || len(d.Warnings) == 0 {
		t.Errorf("text %d bytes, warnings %q; want <= 500 bytes and a warning", len(d.Text), d.Warnings)
	}
}

func TestCharsets(t *testing.T) {
	// "Trust’s £5m “deal”" in windows-1252.
	cp := []byte("Trust\x92s \xa35m \x93deal\x94 with the supplier was signed on Monday by the chief executive.")
	want := "Trust’s £5m “deal” with the supplier was signed on Monday by the chief executive."
	tests := []struct {
		name        string
		page        []byte
		contentType string
	}{
		{"meta charset windows-1252", append([]byte(`<html><head><meta charset="windows-1252"></head><body><p>`), cp...), ""},
		{"http-equiv iso-8859-1 (read as windows-1252)", append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>`), cp...), ""},
		{"undeclared, not UTF-8", append([]byte(`<html><body><p>`), cp...), ""},
		{"declared UTF-8 but is not", append([]byte(`<html><head><meta charset="utf-8"></head><body><p>`), cp...), ""},
		{"content type", append([]byte(`<html><body><p>`), cp...), "text/html; charset=windows-1252"},
		{"utf-8 with BOM", []byte("\xef\xbb\xbf<html><body><p>" + want), ""},
		{"utf-8 declared", []byte(`<html><head><meta charset=utf-8></head><body><p>` + want), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New().Read(context.Background(), format.Input{Path: "x.html", Data: tt.page, ContentType: tt.contentType, Limits: format.DefaultLimits()})
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != want {
				t.Errorf("text = %q; want %q", d.Text, want)
			}
		})
	}
}

func TestJSONLD(t *testing.T) {
	tests := []struct {
		name, ld  string
		title     string
		authors   []string
		outlet    string
		published string
		kind      corpus.Kind
	}{
		{"object", `{"@type":"NewsArticle","headline":"Trust signs EPR deal","datePublished":"2012-01-19T09:30:00Z","author":{"@type":"Person","name":"Jo Bloggs"},"publisher":{"@type":"Organization","name":"Health News"}}`,
			"Trust signs EPR deal", []string{"Jo Bloggs"}, "Health News", "2012-01-19", corpus.KindNews},
		{"array with author strings", `[{"@type":"BreadcrumbList"},{"@type":["Article","NewsArticle"],"headline":"Trust signs EPR deal","datePublished":"2012-01-19","author":["Jo Bloggs","Sam Smith"],"publisher":"Health News"}]`,
			"Trust signs EPR deal", []string{"Jo Bloggs", "Sam Smith"}, "Health News", "2012-01-19", corpus.KindNews},
		{"graph", `{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Blog"},{"@type":"BlogPosting","headline":"Trust signs EPR deal","dateCreated":"2012-01","author":[{"@type":"Person","name":"Jo Bloggs"}]}]}`,
			"Trust signs EPR deal", []string{"Jo Bloggs"}, "", "2012-01", corpus.KindNews},
		{"malformed", `{"@type":"NewsArticle","headline":"Broken",}`,
			"Page title here", nil, "", "", ""},
		{"not an article", `{"@type":"Organization","name":"Health News"}`,
			"Page title here", nil, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><title>Page title here</title><script type="application/ld+json">` + tt.ld + `</script></head><body><p>The trust board approved the business case for a new electronic patient record.</p></body></html>`
			d := mustReadPage(t, page)
			if d.Title != tt.title || d.Outlet != tt.outlet || d.Published.String() != tt.published || d.Kind != tt.kind || strings.Join(d.Authors, ";") != strings.Join(tt.authors, ";") {
				t.Errorf("got title %q outlet %q published %q kind %q authors %q; want %q %q %q %q %q",
					d.Title, d.Outlet, d.Published, d.Kind, d.Authors, tt.title, tt.outlet, tt.published, tt.kind, tt.authors)
			}
		})
	}
}

func TestPublished(t *testing.T) {
	const para = `<p>The trust board approved the business case for a new electronic patient record on Tuesday, after a long debate.</p><p>The system will go live next year, the chief executive said.</p>`
	tests := []struct {
		name, head, body string
		want             string
		src              corpus.DateSource
	}{
		{"meta article:published_time", `<meta property="article:published_time" content="2011-09-22T18:01:00Z"><meta property="article:modified_time" content="2011-09-23T10:00:00Z">`, para, "2011-09-22", corpus.DateFromMeta},
		{"meta DC.date.issued", `<meta name="DC.date.issued" content="2009-02-11">`, para, "2009-02-11", corpus.DateFromMeta},
		{"modified meta only is not a publication date", `<meta name="last-modified" content="2019-01-01">`, para, "", ""},
		{"time pubdate beats updated", ``, `<article><h1>Trust approves EPR</h1><p>Updated <time datetime="2010-03-01">1 March</time></p><p><time datetime="2010-02-24" pubdate>24 February 2010</time></p>` + para + `</article>`, "2010-02-24", corpus.DateFromTimeElement},
		{"time in a link list is another article's", ``, `<article><h1>Trust approves EPR</h1>` + para + `<ul><li><a href="/x">Other story <time datetime="2010-01-01">1 Jan</time></a></li></ul></article>`, "", ""},
		{"url month", `<link rel="canonical" href="https://example.org/2009/03/trust-approves-epr/">`, para, "2009-03", corpus.DateFromURL},
		{"url month refined by dateline day", `<link rel="canonical" href="https://example.org/2009/03/trust-approves-epr/">`, `<h1>Trust approves EPR</h1><p>Published: 14 March 2009</p>` + para, "2009-03-14", corpus.DateFromDateline},
		{"dateline", ``, `<h1>Trust approves EPR</h1><p class="date">Posted on 2 March 2015</p>` + para, "2015-03-02", corpus.DateFromDateline},
		{"modified dateline is not publication", ``, `<h1>Trust approves EPR</h1><p>Last modified on Friday 23 September 2011</p>` + para, "", ""},
		{"no date", ``, para, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustReadPage(t, `<html><head><title>Trust approves EPR</title>`+tt.head+`</head><body>`+tt.body+`</body></html>`)
			if d.Published.String() != tt.want || d.PublishedSource != tt.src {
				t.Errorf("published = %q (%s); want %q (%s)", d.Published, d.PublishedSource, tt.want, tt.src)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		in    string
		sites []string
		want  string
	}{
		{"Trust signs EPR deal | Health News", []string{"Health News"}, "Trust signs EPR deal"},
		{"Trust signs EPR deal - Health News", nil, "Trust signs EPR deal"},
		{"Health News - Trust signs EPR deal", []string{"Health News"}, "Trust signs EPR deal"},
		{"BBC NEWS | Health | NHS IT upgrade 'two years late'", nil, "NHS IT upgrade 'two years late'"},
		{"Trust signs EPR deal", nil, "Trust signs EPR deal"},
		{"NHS IT: the next steps", nil, "NHS IT: the next steps"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in, tt.sites); got != tt.want {
			t.Errorf("cleanTitle(%q, %q) = %q; want %q", tt.in, tt.sites, got, tt.want)
		}
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By Jon Hoeksma", []string{"Jon Hoeksma"}},
		{"By Jon Hoeksma | 19 January 2012", []string{"Jon Hoeksma"}},
		{"By Lyn Whitfield and Rebecca Todd, health reporters", []string{"Lyn Whitfield", "Rebecca Todd"}},
		{"Posted by Sam Lee at 10:42", []string{"Sam Lee"}},
		{"By the end of 2009 the trust will have gone live.", nil},
		{"The board met on Monday.", nil},
	}
	for _, tt := range tests {
		if got := bylineNames(tt.in); strings.Join(got, ";") != strings.Join(tt.want, ";") {
			t.Errorf("bylineNames(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestBoilerplate(t *testing.T) {
	page := `<html><head><title>Trust approves EPR | Health News</title></head><body>
<div class="cookie-banner">We use cookies. By continuing you accept our cookie policy.</div>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>
<div class="main"><h1>Trust approves EPR</h1><p class="byline">By Jo Bloggs</p>
<p>The trust board approved the business case for a new electronic patient record on Tuesday.</p>
<h2>Costs</h2><p>The system will cost £12m over ten years, the finance director said.</p>
<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2012</td><td>£4m</td></tr><tr><td>2013</td><td>£3m</td></tr></table>
<div class="share-tools"><a href="#">Twitter</a> <a href="#">Facebook</a></div>
<h3>Comments</h3><p>Reader: this is a waste of money that should go on nurses.</p></div>
<div class="sidebar"><h3>Most read</h3><p>Another story about something else entirely, with enough words to count.</p></div>
<div class="footer">Copyright 2012 Health News. All rights reserved.</div></body></html>`
	d := mustReadPage(t, page)
	want := "The trust board approved the business case for a new electronic patient record on Tuesday.\n\nCosts\n\nThe system will cost £12m over ten years, the finance director said.\n\nYear | Cost\n2012 | £4m\n2013 | £3m"
	if d.Text != want {
		t.Errorf("text = %q; want %q", d.Text, want)
	}
	if len(d.Sections) != 1 || d.Sections[0].Title != "Costs" || d.Sections[0].Level != 2 {
		t.Errorf("sections = %+v; want one level-2 section Costs", d.Sections)
	}
	if d.Title != "Trust approves EPR" || strings.Join(d.Authors, ";") != "Jo Bloggs" {
		t.Errorf("title %q authors %q; want %q %q", d.Title, d.Authors, "Trust approves EPR", "Jo Bloggs")
	}
}

func TestLanguageAndURL(t *testing.T) {
	d := mustReadPage(t, `<html lang="en_gb"><head><meta property="og:url" content="/news/1"></head><body><p>The trust board approved the business case today.</p></body></html>`)
	if d.Language != "en-GB" {
		t.Errorf("language = %q; want en-GB", d.Language)
	}
	if d.URL != "" { // relative, and no base to resolve it against
		t.Errorf("url = %q; want empty", d.URL)
	}
	in := format.Input{Path: "x.html", URL: "https://example.org/a/b", Data: []byte(`<html><head><link rel="canonical" href="/news/1"></head><body><p>The trust board approved the business case today.</p></body></html>`), Limits: format.DefaultLimits()}
	d, err := New().Read(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if d.URL != "https://example.org/news/1" {
		t.Errorf("url = %q; want the canonical resolved against the input URL", d.URL)
	}
}

func FuzzHTML(f *testing.F) {
	for _, g := range goods(f) {
		f.Add(g.Data)
	}
	f.Add([]byte("<html><body><p>x</p>"))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[1,{"name":2}]}]}</script><p>text`))
	r := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		d, err := r.Read(ctx, format.Input{Path: "f.html", Data: data, Limits: format.DefaultLimits()})
		if err != nil {
			if !format.IsReject(err) {
				t.Fatalf("Read error %v is not a rejection", err)
			}
			if strings.Contains(err.Error(), "panic") {
				t.Fatalf("Read panicked: %v", err)
			}
			return
		}
		c := *d
		c.ID = strings.Repeat("0", 64)
		c.Kind = corpus.KindNews
		if err := c.Validate(); err != nil {
			t.Fatalf("document does not validate: %v", err)
		}
	})
}

func BenchmarkRead(b *testing.B) {
	g := goods(b)
	total := 0
	for _, x := range g {
		total += len(x.Data)
	}
	r := New()
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range g {
			if _, err := r.Read(ctx, format.Input{Path: x.Name, Data: x.Data, Limits: format.DefaultLimits()}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(g))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
