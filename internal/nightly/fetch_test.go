package nightly

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/internal/config"
)

// fixtureSite serves, on loopback, a news site's RSS feed of two article
// pages and a trust's board-meetings page linking a two-column board pack
// and a scanned paper, from the sample corpus; it logs every request.
func fixtureSite(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", p))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	files := map[string]struct {
		ctype string
		body  []byte
	}{
		"/robots.txt":              {"text/plain", []byte("User-agent: *\nDisallow: /private/\n")},
		"/news/rescue-plan.html":   {"text/html; charset=utf-8", read("corpus/news/ehi-24279-rescue-plan-for-royal-free.html")},
		"/news/bacon-halt.html":    {"text/html; charset=utf-8", read("corpus/news/ehi-7471-bacon-calls-for-halt-on-millennium.html")},
		"/board/pack-2008-11.pdf":  {"application/pdf", read("corpus/board-papers/northfield-trust-board-2008-11-26.pdf")},
		"/board/scanned-2009.pdf":  {"application/pdf", read("scanned/scanned-board-paper-2009-02.pdf")},
		"/private/not-to-take.pdf": {"application/pdf", read("corpus/board-papers/northfield-trust-board-2008-11-26.pdf")},
	}
	var mu sync.Mutex
	var log []string
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		log = append(log, r.URL.Path)
		mu.Unlock()
		base := srv.URL
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>E-Health Insider</title>
<item><title>Rescue plan for Royal Free</title><link>%[1]s/news/rescue-plan.html</link><pubDate>Thu, 20 Nov 2008 09:00:00 GMT</pubDate></item>
<item><title>Bacon calls for halt on Millennium</title><link>%[1]s/news/bacon-halt.html</link><pubDate>Thu, 19 Jan 2012 10:00:00 GMT</pubDate></item>
</channel></rss>`, base)
			return
		case "/board/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><body><h1>Board meetings</h1><ul>
<li><a href="pack-2008-11.pdf">Trust Board, 26 November 2008 (PDF)</a></li>
<li><a href="/board/scanned-2009.pdf">Trust Board, 25 February 2009 (scanned, PDF)</a></li>
<li><a href="/private/not-to-take.pdf">Private papers</a></li>
<li><a href="https://elsewhere.example/paper.pdf">Another host</a></li>
</ul></body></html>`)
			return
		}
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Write(f.body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), log...)
	}
}

// TestRunFetchesOCRsAndIndexes is the nightly job end to end against local
// fixture servers: a configured feed and board-papers page are fetched, the
// scanned paper is OCR'd, everything is extracted and indexed, and a second
// run costs conditional requests and changes nothing.
func TestRunFetchesOCRsAndIndexes(t *testing.T) {
	_, errOCR := exec.LookPath("tesseract")
	srv, requests := fixtureSite(t)
	toml := fmt.Sprintf(`
[fetch]
user_agent = "trawl-test/1 (+test@example.org)"
rate = 100

[[sources]]
name = "ehi"
type = "feed"
kind = "news"
url = "%[1]s/feed.xml"
publisher = "E-Health Insider"

[[sources]]
name = "northfield-board"
type = "page"
kind = "board-paper"
url = "%[1]s/board/"
publisher = "Northfield Hospitals NHS Trust"
`, srv.URL)
	cfg, err := config.ParseConfig(strings.NewReader(toml))
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		t.Fatal(err)
	}
	fcfg, err := cfg.FetchConfig()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	st := openStore(t, data)
	o := Options{DataDir: data, Fetch: &fcfg, NoNER: true, Registry: ingest.DefaultRegistry(ingest.RegistryOptions{})}
	rep, err := Run(context.Background(), st, o)
	wantDocs := 4
	if errOCR != nil {
		wantDocs = 3 // the scanned paper is recorded as needing OCR
		t.Logf("tesseract not installed: the scanned paper is not read (CI installs tesseract-ocr)")
	}
	if errOCR == nil && err != nil {
		t.Fatalf("run: %v", err)
	}
	if rep.Fetch == nil || rep.Index == nil || rep.Index.Indexed != wantDocs {
		t.Fatalf("run report: fetch %+v, index %+v; want %d documents indexed", rep.Fetch, rep.Index, wantDocs)
	}
	for _, p := range requests() {
		if strings.HasPrefix(p, "/private/") {
			t.Errorf("fetched %s, which robots.txt disallows", p)
		}
	}

	x, err := index.Open(index.PathIn(data), index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(context.Background(), index.SearchRequest{Query: "Cerner"})
	x.Close()
	if err != nil || int(res.Total) != wantDocs {
		t.Fatalf("search Cerner: %d hits, %v; want %d", res.Total, err, wantDocs)
	}
	var urls []string
	st.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error {
			urls = append(urls, d.URL)
			if strings.Contains(d.URL, "scanned") && !strings.Contains(strings.Join(d.Warnings, " "), "OCR") {
				t.Errorf("scanned paper %s carries no OCR warning", d.URL)
			}
			return nil
		})
	})
	for _, u := range urls {
		if !strings.HasPrefix(u, srv.URL) && !strings.HasPrefix(u, "http://www.digitalhealth.net") && !strings.HasPrefix(u, "http://www.ehi.co.uk") {
			t.Errorf("document URL %q: want the page's canonical URL or where it was fetched from", u)
		}
	}

	// Second run: conditional requests, nothing re-read or re-indexed.
	before := len(requests())
	rep, err = Run(context.Background(), st, o)
	if (errOCR == nil && err != nil) || rep.Index.Indexed != 0 || rep.Extract.Extracted != 0 {
		t.Errorf("second run: %v, extract %+v, index %+v; want nothing to do", err, rep.Extract, rep.Index)
	}
	if len(requests()) == before {
		t.Errorf("second run made no requests; it must ask the server whether anything changed")
	}
}
