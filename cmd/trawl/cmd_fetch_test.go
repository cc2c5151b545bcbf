package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/fetch"
)

// newsAndTrust serves, on loopback, an RSS feed of two articles and a trust's
// board page linking a PDF, an HTML paper and a missing paper. It counts the
// requests per path and answers If-None-Match with 304.
func newsAndTrust(t *testing.T) (srv *httptest.Server, hits func(path string) int) {
	t.Helper()
	pdf, err := os.ReadFile(filepath.Join("..", "..", "ingest", "fetch", "testdata", "trust", "board-minutes-2010-03.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	count := map[string]int{}
	mux := http.NewServeMux()
	serve := func(path, ctype string, body func() []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			b := body()
			etag := fmt.Sprintf(`"%x"`, len(b))
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(b)
		})
	}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		count[r.URL.Path]++
		mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	article := func(title, text string) func() []byte {
		return func() []byte {
			return []byte("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + text + "</p></article></body></html>")
		}
	}
	serve("/feed.xml", "application/rss+xml", func() []byte {
		return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Health IT Weekly</title>
<item><title>Trust goes live with new EPR</title><link>` + srv.URL + `/news/epr-live</link><pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>
<item><title>Supplier wins £5m deal</title><link>` + srv.URL + `/news/deal</link><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>
</channel></rss>`)
	})
	serve("/news/epr-live", "text/html", article("Trust goes live with new EPR", "Example Hospitals NHS Trust went live with its new electronic patient record on 2 March 2024."))
	serve("/news/deal", "text/html", article("Supplier wins £5m deal", "A supplier has won a £5m contract to run the trust's patient administration system."))
	serve("/board", "text/html", func() []byte {
		return []byte(`<html><body><h1>Board meetings</h1><ul>
<li><a href="/papers/minutes.pdf">Minutes</a></li><li><a href="/papers/finance.html">Finance report</a></li>
<li><a href="/papers/missing.pdf">Missing paper</a></li><li><a href="/contact">Contact</a></li></ul></body></html>`)
	})
	serve("/papers/minutes.pdf", "application/pdf", func() []byte { return pdf })
	serve("/papers/finance.html", "text/html", article("Finance report to the board, March 2024", "The trust board meeting held on 28 March 2024 noted a deficit of £2.1m."))
	return srv, func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return count[path]
	}
}

func TestFetchCommand(t *testing.T) {
	srv, hits := newsAndTrust(t)
	cfg := writeConfig(t, fmt.Sprintf(`
[fetch]
rate = 100
timeout = "5s"
retries = 1
[[sources]]
name = "hitweekly"
type = "feed"
url = "%s/feed.xml"
publisher = "Health IT Weekly"
[[sources]]
name = "example-board"
type = "page"
url = "%s/board"
trust = "RXX"
`, srv.URL, srv.URL))
	data := t.TempDir()

	code, out, stderr := trawl(t, "--data", data, "--config", cfg, "fetch", "--json")
	if code != exitPartial || !strings.Contains(stderr, "1 URLs failed") {
		t.Fatalf("first fetch = exit %d, stderr %q; want 3 (one paper is missing)", code, stderr)
	}
	var rep fetch.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if rep.Fetched != 4 || rep.Failed != 1 || len(rep.Sources) != 2 || rep.Sources[0].Ingest == nil || rep.Sources[0].Ingest.New != 2 || rep.Sources[1].Ingest.New != 2 {
		t.Errorf("first fetch report %+v", rep)
	}
	if f := rep.Sources[1].Failures; len(f) != 1 || !strings.HasSuffix(f[0].URL, "/papers/missing.pdf") || !strings.Contains(f[0].Reason, "404") {
		t.Errorf("failures %+v; want the missing paper's 404", f)
	}

	code, out, _ = trawl(t, "--data", data, "ls", "--json")
	if code != exitOK {
		t.Fatalf("ls exit %d", code)
	}
	urls := map[string]corpus.Document{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var d corpus.Document
		if err := dec.Decode(&d); err != nil {
			t.Fatal(err)
		}
		urls[strings.TrimPrefix(d.URL, srv.URL)] = d
	}
	if d, ok := urls["/news/epr-live"]; !ok || d.Outlet != "Health IT Weekly" || d.Published.String() != "2024-03-04" || d.Sources[0].Name != "hitweekly" {
		t.Errorf("stored article %+v", d)
	}
	if d, ok := urls["/papers/minutes.pdf"]; !ok || d.Kind != corpus.KindBoardPaper || d.Format != corpus.FormatPDF {
		t.Errorf("stored board paper %+v", d)
	}
	if len(urls) != 4 {
		t.Errorf("stored %d documents; want 4", len(urls))
	}

	// Second run: 304s, nothing new; a named source only.
	code, out, _ = trawl(t, "--data", data, "--config", cfg, "fetch", "--json", "--source", "hitweekly")
	if code != exitOK {
		t.Fatalf("second fetch of the feed = exit %d", code)
	}
	rep = fetch.Report{}
	json.Unmarshal([]byte(out), &rep)
	if len(rep.Sources) != 1 || rep.NotModified != 2 || rep.Fetched != 0 || rep.Sources[0].Ingest.Unchanged != 2 {
		t.Errorf("second fetch report %+v; want 2 not modified", rep)
	}
	if n := hits("/news/epr-live"); n != 2 {
		t.Errorf("article requested %d times over two runs; want 2", n)
	}

	code, out, stderr = trawl(t, "--data", data, "--config", cfg, "sources")
	if code != exitOK {
		t.Fatalf("sources = exit %d, %s", code, stderr)
	}
	for _, want := range []string{"NAME", "hitweekly", "feed", "news", srv.URL + "/feed.xml", "example-board", "board-paper", "example-board: problems at the last run:", "/papers/missing.pdf: HTTP 404 Not Found"} {
		if !strings.Contains(out, want) {
			t.Errorf("sources printed:\n%s\nwant %q", out, want)
		}
	}
	code, out, _ = trawl(t, "--data", data, "--config", cfg, "sources", "--json")
	var sts []fetch.Status
	if err := json.Unmarshal([]byte(out), &sts); code != exitOK || err != nil || len(sts) != 2 {
		t.Fatalf("sources --json = exit %d, %v:\n%s", code, err, out)
	}
	if sts[0].Documents != 2 || sts[0].Record == nil || sts[0].Record.LastSuccess.IsZero() || sts[1].Documents != 2 || sts[1].Record.Failed != 1 || !sts[1].Record.LastSuccess.IsZero() {
		t.Errorf("sources --json = %+v, records %+v %+v", sts, sts[0].Record, sts[1].Record)
	}
}

func TestFetchCommandErrors(t *testing.T) {
	data := t.TempDir()
	cfg := writeConfig(t, "[[sources]]\nname = \"a\"\ntype = \"feed\"\nurl = \"http://127.0.0.1:1/feed\"\nenabled = false\n")
	empty := writeConfig(t, "[fetch]\nrate = 2\n")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown source", []string{"--config", cfg, "fetch", "--source", "zz"}, exitUsage, `no such source "zz" (configured: a)`},
		{"all disabled", []string{"--config", cfg, "fetch"}, exitUsage, "every configured source is disabled"},
		{"no sources", []string{"--config", empty, "fetch"}, exitUsage, "no sources configured"},
		{"arguments", []string{"--config", cfg, "fetch", "x"}, exitUsage, "takes no arguments"},
		{"bad rate", []string{"--config", cfg, "fetch", "--rate", "-1"}, exitUsage, "--rate"},
		{"bad user agent flag", []string{"--config", cfg, "fetch", "--user-agent", "a\nb", "--source", "a"}, exitUsage, "fetch.user_agent"},
		{"sources without config", []string{"sources"}, exitOK, "no sources configured"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := trawl(t, append([]string{"--data", data}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("trawl %v = exit %d, %q; want exit %d saying %q", tt.args, code, stderr, tt.code, tt.msg)
			}
		})
	}

	l, err := corpus.Lock(data, "trawl run (test)")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if code, _, stderr := trawl(t, "--data", data, "--config", cfg, "fetch", "--source", "a"); code != exitLocked || !strings.Contains(stderr, "trawl run (test)") {
		t.Errorf("fetch under a held lock = exit %d, %q; want 4 naming the holder", code, stderr)
	}
}
