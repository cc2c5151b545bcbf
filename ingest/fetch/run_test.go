package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest"
)

// world is a news site with two feeds, a trust with a board-meetings page,
// and another host the trust links to.
type world struct {
	news, trust, other *site
}

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func newWorld(t *testing.T) *world {
	w := &world{news: newSite(t), trust: newSite(t), other: newSite(t)}
	n := w.news
	n.file("/feed/rss.xml", "news/rss.xml", "application/rss+xml; charset=utf-8")
	n.file("/feed/atom.xml", "news/atom.xml", "application/atom+xml")
	n.file("/news/2011/06/royal-free-cerner-go-live", "news/royal-free-cerner-go-live.html", "text/html; charset=utf-8")
	n.file("/news/2012/02/system-c-medway-deal", "news/system-c-medway-deal.html", "text/html; charset=utf-8")
	n.file("/news/2010/11/bt-rio-south", "news/bt-rio-south.html", "text/html")
	n.handle("/news/old-address", func(rw http.ResponseWriter, r *http.Request) {
		http.Redirect(rw, r, "/news/2010/10/new-address", http.StatusMovedPermanently)
	})
	n.file("/news/2010/10/new-address", "news/new-address.html", "text/html")

	tr := w.trust
	tr.subst["{{OTHER}}"] = w.other.srv.URL
	tr.file("/robots.txt", "trust/robots.txt", "text/plain")
	tr.file("/board/meetings.html", "trust/board-meetings.html", "text/html")
	tr.file("/papers/2010/board-minutes-2010-03.pdf", "trust/board-minutes-2010-03.pdf", "application/pdf")
	tr.file("/board/papers/2010/minutes.docx", "trust/minutes.docx", "application/octet-stream")
	tr.file("/papers/2010/ceo-report.html", "trust/ceo-report.html", "text/html")
	tr.handle("/papers/2010/risk-register.pdf", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		rw.Write([]byte("<html><body><h1>Page not found</h1><p>Sorry, we moved things around.</p></body></html>"))
	})
	tr.file("/private/remuneration-committee.pdf", "trust/board-minutes-2010-03.pdf", "application/pdf")
	w.other.file("/reports/ig-annual-report-2010.pdf", "other/ig-annual-report-2010.pdf", "application/pdf")
	return w
}

func (w *world) config(clock *fakeClock) Config {
	return Config{
		Options: testOptions(clock),
		Sources: []Source{
			{Name: "hitweekly", Type: TypeFeed, Kind: corpus.KindNews, URL: w.news.srv.URL + "/feed/rss.xml", Publisher: "Health IT Weekly", Enabled: true},
			{Name: "ehi-atom", Type: TypeFeed, Kind: corpus.KindNews, URL: w.news.srv.URL + "/feed/atom.xml", Enabled: true},
			{Name: "example-board", Type: TypePage, Kind: corpus.KindBoardPaper, URL: w.trust.srv.URL + "/board/meetings.html",
				Pattern: regexp.MustCompile(`(?i)\.(pdf|docx|html?)([?#]|$)`), SameHost: true, Publisher: "Example Hospitals NHS Foundation Trust", Trust: "RXX", Enabled: true},
			{Name: "off", Type: TypeFeed, URL: w.news.srv.URL + "/feed/none.xml", Enabled: false},
		},
	}
}

func byName(rep Report) map[string]SourceReport {
	out := map[string]SourceReport{}
	for _, s := range rep.Sources {
		out[s.Name] = s
	}
	return out
}

// cacheFiles lists the files under the cache, hidden ones included, with
// their modification times.
func cacheFiles(t *testing.T, root string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			out[rel] = fi.ModTime()
		}
		return nil
	})
	return out
}

func TestRunFeedsAndBoardPage(t *testing.T) {
	w := newWorld(t)
	store := openStore(t)
	clock := newFakeClock()
	cfg := w.config(clock)
	ctx := context.Background()

	rep, err := Run(ctx, store, cfg, nil)
	if !errors.Is(err, corpus.ErrPartial) {
		t.Fatalf("Run = %v; want ErrPartial (a wrong content type and a 404)", err)
	}
	got := byName(rep)
	if _, ok := got["off"]; ok || len(rep.Sources) != 3 {
		t.Errorf("ran %d sources, %v; want the 3 enabled", len(rep.Sources), got)
	}
	for _, tt := range []struct {
		name string
		want Counts
	}{
		{"hitweekly", Counts{Found: 2, Fetched: 2}},
		{"ehi-atom", Counts{Found: 2, Fetched: 2}},
		{"example-board", Counts{Found: 6, Fetched: 3, Failed: 2, Robots: 1}},
	} {
		if got[tt.name].Counts != tt.want {
			t.Errorf("source %s: counts %+v; want %+v (failures %v)", tt.name, got[tt.name].Counts, tt.want, got[tt.name].Failures)
		}
	}
	reasons := map[string]string{}
	for _, f := range got["example-board"].Failures {
		reasons[f.URL[strings.LastIndex(f.URL, "/")+1:]] = f.Reason
	}
	if r := reasons["risk-register.pdf"]; !strings.Contains(r, "wrong content type") || !strings.Contains(r, "HTML body for a pdf") {
		t.Errorf("risk-register.pdf (HTML served for a PDF): reason %q; want a wrong content type", r)
	}
	if r := reasons["agenda.PDF?version=2"]; !strings.Contains(r, "404") {
		t.Errorf("agenda.PDF: reason %q; want the 404", r)
	}
	if n := len(w.trust.requests("/papers/2010/agenda.PDF")); n != 1 {
		t.Errorf("a 404 was requested %d times; want 1 (never retried)", n)
	}
	if n := len(w.trust.requests("/private/remuneration-committee.pdf")); n != 0 {
		t.Errorf("a URL disallowed by robots.txt was requested %d times", n)
	}
	if n := len(w.other.allRequests()); n != 0 {
		t.Errorf("another host was requested %d times with same_host on", n)
	}

	// The cache: documents with sidecars; no failed body stored.
	root := cfg.CacheRoot(store)
	files := cacheFiles(t, root)
	var docs []string
	for rel := range files {
		if !strings.HasSuffix(rel, ingest.SidecarSuffix) && !strings.Contains(rel, indexDir) {
			docs = append(docs, rel)
			if _, ok := files[rel+ingest.SidecarSuffix]; !ok {
				t.Errorf("%s has no sidecar", rel)
			}
		}
		if strings.Contains(rel, "risk-register") {
			t.Errorf("%s stored: a wrong content type must not be", rel)
		}
	}
	sort.Strings(docs)
	if len(docs) != 7 {
		t.Errorf("cached %d documents %v; want 7", len(docs), docs)
	}
	wantExt := map[string]string{"board-minutes-2010-03": ".pdf", "minutes": ".docx", "ceo-report": ".html", "royal-free-cerner-go-live": ".html", "new-address": "", "old-address": ".html"}
	for _, d := range docs {
		base := filepath.Base(d)
		stem := base[:strings.LastIndex(base, "-")]
		if ext, ok := wantExt[stem]; ok && filepath.Ext(base) != ext {
			t.Errorf("%s: extension %q; want %q", d, filepath.Ext(base), ext)
		}
	}

	// Sidecars carry the feed's metadata and provenance.
	sc := readSidecarOf(t, root, "hitweekly", "system-c-medway-deal")
	if sc.Title != "Trust signs £12m deal with System C for Medway PAS" || sc.Published != "2012-02-08" || sc.Source != "Health IT Weekly" ||
		sc.Kind != "news" || sc.URL != w.news.srv.URL+"/news/2012/02/system-c-medway-deal?utm_source=rss" || sc.SourceURL != cfg.Sources[0].URL ||
		sc.FetchedAt != "2024-03-07T21:00:00Z" && !strings.HasPrefix(sc.FetchedAt, "2024-03-07T21:") || sc.HTTPETag == "" || sc.HTTPLastModified != "Tue, 15 Jun 2011 10:00:00 GMT" {
		t.Errorf("RSS item sidecar = %+v", sc)
	}
	sc = readSidecarOf(t, root, "ehi-atom", "bt-rio-south")
	if strings.Join(sc.Authors, "; ") != "Rebecca Todd; Fiona Barr" || sc.Published != "2010-11-02" || sc.Source != "EHI Intelligence" {
		t.Errorf("Atom entry sidecar = %+v; want two authors, the date, the feed's title as source", sc)
	}
	sc = readSidecarOf(t, root, "ehi-atom", "old-address")
	if sc.URL != w.news.srv.URL+"/news/2010/10/new-address" || sc.FinalURL != sc.URL {
		t.Errorf("redirected entry: url %q, final_url %q; want the final URL", sc.URL, sc.FinalURL)
	}
	sc = readSidecarOf(t, root, "example-board", "board-minutes-2010-03")
	if sc.Kind != "board-paper" || sc.Trust != "RXX" || sc.Source != "Example Hospitals NHS Foundation Trust" || sc.SourceURL != cfg.Sources[2].URL {
		t.Errorf("board paper sidecar = %+v", sc)
	}

	// Ingest puts them in the store.
	reg := ingest.DefaultRegistry(ingest.RegistryOptions{})
	if err := Ingest(ctx, store, reg, cfg, &rep, ingest.Options{}); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	stored := map[string]*corpus.Document{}
	store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error { stored[d.URL] = d; return nil })
	})
	if len(stored) != 7 {
		t.Errorf("stored %d documents; want 7", len(stored))
	}
	if d := stored[w.news.srv.URL+"/news/2011/06/royal-free-cerner-go-live"]; d == nil || d.Outlet != "Health IT Weekly" || d.Published.String() != "2011-06-14" ||
		d.Kind != corpus.KindNews || len(d.Sources) != 1 || d.Sources[0].Name != "hitweekly" {
		t.Errorf("stored article = %+v", d)
	}
	if d := stored[w.trust.srv.URL+"/papers/2010/ceo-report.html"]; d == nil || d.Kind != corpus.KindBoardPaper {
		t.Errorf("stored board paper = %+v", d)
	}

	// Second run: everything answers 304, nothing is rewritten, and ingest
	// reads nothing.
	requestsBefore := len(w.trust.requests("/papers/2010/board-minutes-2010-03.pdf"))
	clock.Sleep(ctx, 24*time.Hour)
	rep2, err := Run(ctx, store, cfg, nil)
	if !errors.Is(err, corpus.ErrPartial) {
		t.Fatalf("second Run = %v; want ErrPartial", err)
	}
	if rep2.Fetched != 0 || rep2.NotModified != 7 || rep2.Failed != 2 || rep2.Robots != 1 {
		t.Errorf("second run counts %+v; want 7 not modified, 0 fetched", rep2.Counts)
	}
	reqs := w.trust.requests("/papers/2010/board-minutes-2010-03.pdf")
	if len(reqs) != requestsBefore+1 || reqs[len(reqs)-1].IfNoneMatch == "" {
		t.Errorf("second run requests of the PDF %+v; want one more, with If-None-Match", reqs)
	}
	if after := cacheFiles(t, root); !sameTimes(files, after) {
		t.Errorf("second run rewrote the cache:\nbefore %v\nafter  %v", files, after)
	}
	if err := Ingest(ctx, store, reg, cfg, &rep2, ingest.Options{}); err != nil {
		t.Fatalf("second Ingest: %v", err)
	}
	for _, s := range rep2.Sources {
		if s.Ingest == nil || s.Ingest.Read != 0 || s.Ingest.Unchanged != s.Ingest.Files {
			t.Errorf("second ingest of %s: %+v; want everything unchanged", s.Name, s.Ingest)
		}
	}

	// A changed document is fetched and re-ingested; the rest stay.
	w.trust.handle("/papers/2010/ceo-report.html", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		rw.Write([]byte("<html><head><title>Chief executive's report (revised)</title></head><body><p>Revised on 26 March 2010: the surplus is now £1.4m.</p></body></html>"))
	})
	rep3, _ := Run(ctx, store, cfg, []string{"example-board"})
	if len(rep3.Sources) != 1 || rep3.Fetched != 1 || rep3.NotModified != 2 {
		t.Errorf("third run (one page changed) counts %+v; want 1 fetched, 2 not modified", rep3.Counts)
	}
	if err := Ingest(ctx, store, reg, cfg, &rep3, ingest.Options{}); !errors.Is(err, corpus.ErrPartial) && err != nil {
		t.Fatalf("third Ingest: %v", err)
	}
	if st := rep3.Sources[0].Ingest; st == nil || st.Changed != 1 || st.Unchanged != 2 {
		t.Errorf("third ingest %+v; want 1 changed, 2 unchanged", st)
	}

	// What the store remembers: URL state and the source's record.
	states, err := URLStates(store)
	if err != nil {
		t.Fatal(err)
	}
	risk := states[w.trust.srv.URL+"/papers/2010/risk-register.pdf"]
	if risk.Failures != 3 || !strings.Contains(risk.LastError, "wrong content type") || risk.Status != 200 {
		t.Errorf("state of the failing URL = %+v; want 3 failures in a row", risk)
	}
	moved := states[w.news.srv.URL+"/news/old-address"]
	if moved.FinalURL != w.news.srv.URL+"/news/2010/10/new-address" || moved.ETag == "" || moved.LastSuccess.IsZero() {
		t.Errorf("state of the redirected URL = %+v", moved)
	}
	sts, err := Statuses(store, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		switch st.Name {
		case "example-board":
			if st.Documents != 3 || st.Record == nil || st.Record.LastRun.IsZero() || !st.Record.LastSuccess.IsZero() || len(st.Record.Errors) != 2 {
				t.Errorf("status of example-board = %+v, record %+v; want 3 documents, a last run, no success, 2 errors", st, st.Record)
			}
		case "hitweekly":
			if st.Documents != 2 || st.Record == nil || st.Record.LastSuccess.IsZero() {
				t.Errorf("status of hitweekly = %+v; want 2 documents and a last success", st)
			}
		case "off":
			if st.Record != nil || st.Documents != 0 {
				t.Errorf("status of a source never run = %+v", st)
			}
		}
	}
}

func sameTimes(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

func readSidecarOf(t *testing.T, root, source, stem string) *ingest.Sidecar {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(root, source, "*", stem+"-*"+ingest.SidecarSuffix))
	if len(matches) != 1 {
		t.Fatalf("sidecar of %s/%s: found %v", source, stem, matches)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var sc ingest.Sidecar
	if err := json.Unmarshal(b, &sc); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.ReadSidecar(b); err != nil {
		t.Errorf("%s: ingest rejects it: %v", matches[0], err)
	}
	return &sc
}

func TestPageOtherHosts(t *testing.T) {
	w := newWorld(t)
	store := openStore(t)
	cfg := w.config(newFakeClock())
	cfg.Sources[2].SameHost = false
	cfg.Sources[2].Pattern = regexp.MustCompile(`(?i)\.pdf$`)
	rep, _ := Run(context.Background(), store, cfg, []string{"example-board"})
	if got := rep.Sources[0].Counts; got.Found != 4 || got.Fetched != 2 || got.Failed != 1 || got.Robots != 1 {
		t.Errorf("same_host off, PDFs only: counts %+v; want 4 found, 2 fetched, 1 failed, 1 disallowed", got)
	}
	if n := len(w.other.requests("/reports/ig-annual-report-2010.pdf")); n != 1 {
		t.Errorf("the other host's paper was requested %d times; want 1", n)
	}
}

func TestSelect(t *testing.T) {
	cfg := Config{Sources: []Source{{Name: "a", Enabled: true}, {Name: "b"}, {Name: "c", Enabled: true}}}
	for _, tt := range []struct {
		names []string
		want  string
		err   string
	}{
		{nil, "a c", ""},
		{[]string{"b"}, "b", ""},
		{[]string{"c", "a", "c"}, "c a", ""},
		{[]string{"zz"}, "", `no such source "zz" (configured: a, b, c)`},
	} {
		got, err := Select(cfg, tt.names)
		var names []string
		for _, s := range got {
			names = append(names, s.Name)
		}
		if strings.Join(names, " ") != tt.want || (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) {
			t.Errorf("Select(%v) = %v, %v; want %s, %q", tt.names, names, err, tt.want, tt.err)
		}
	}
}

func TestFolderSource(t *testing.T) {
	store := openStore(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "note.txt"), []byte("Board minutes\n\nThe board met on 3 May 2012 and approved the EPR business case."), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Sources: []Source{{Name: "papers", Type: TypeFolder, Kind: corpus.KindBoardPaper, Path: dir, Enabled: true}}}
	rep, err := Run(context.Background(), store, cfg, nil)
	if err != nil || len(rep.Sources) != 1 || rep.Sources[0].Dir != dir {
		t.Fatalf("Run over a folder source = %+v, %v", rep, err)
	}
	if err := Ingest(context.Background(), store, ingest.DefaultRegistry(ingest.RegistryOptions{}), cfg, &rep, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	sts, _ := Statuses(store, cfg)
	if rep.Sources[0].Ingest.New != 1 || len(sts) != 1 || sts[0].Documents != 1 {
		t.Errorf("folder source: ingest %+v, status %+v; want 1 document", rep.Sources[0].Ingest, sts)
	}
}
