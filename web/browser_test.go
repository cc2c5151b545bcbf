package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nhs-trawl/trawl/index"
)

const chromiumPath = "/usr/bin/chromium"

// shown is what the browser reads of a timeline entry.
type shownEntry struct {
	Date    string   `json:"date"`
	Kind    string   `json:"kind"`
	Sources []string `json:"sources"`
	Quotes  []string `json:"quotes"`
}

// TestBrowser drives headless Chromium through the pages a journalist
// uses: search, a facet, a document, the timeline. Screenshots go to
// $TRAWL_SCREENSHOTS when set (kept), else to a temporary directory.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test skipped: no Chromium at %s (apt-get install chromium chromium-driver)", chromiumPath)
	}
	ts := httptest.NewServer(fx.srv) // listens on 127.0.0.1
	defer ts.Close()
	shots := os.Getenv("TRAWL_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	// The whole test, browser included, ends within a minute.
	ctx, cancelT := context.WithTimeout(bctx, 60*time.Second)
	defer cancelT()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(shots, name+".png")
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot %s", p)
	}
	location := func() string { return run(t, ctx, "location", chromedp.Location()) }

	// 1. The search page, then a search for Cerner.
	do("open search page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	if title := run(t, ctx, "title", chromedp.Title()); !strings.Contains(title, "trawl") {
		t.Errorf("title of / = %q; want it to name trawl", title)
	}
	do("search Cerner",
		chromedp.SendKeys(chromedp.CSS("#q"), "Cerner"),
		chromedp.Submit(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS("mark.hl")))
	loc := location()
	total := run(t, ctx, "summary", chromedp.Text(chromedp.CSS(".summary .total")))
	hits := run(t, ctx, "hits", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".hit h3 a")].map(a => a.textContent)`))
	marked := run(t, ctx, "marks", chromedp.Evaluate[[]string](`[...document.querySelectorAll("mark.hl")].map(m => m.textContent.toLowerCase())`))
	shot("1-search")
	if !strings.Contains(loc, "q=Cerner") {
		t.Errorf("URL after searching = %q; want q=Cerner in it (shareable)", loc)
	}
	if !containsSub(hits, "Next London Cerner go-live delayed") {
		t.Errorf("hits for Cerner = %q; want the article \"Next London Cerner go-live delayed until autumn\"", hits)
	}
	if !contains(marked, "cerner") {
		t.Errorf("marked words = %q; want \"Cerner\" marked in the snippets", marked)
	}
	if !strings.Contains(total, "documents") {
		t.Errorf("summary = %q; want a count of documents", total)
	}

	// 2. A facet: the Royal Free narrows the search.
	do("click trust facet",
		chromedp.Click(`//section[@data-facet="trusts"]//a[contains(., "Royal Free")]`),
		chromedp.WaitVisible(chromedp.CSS(".chips")))
	loc = location()
	chips := run(t, ctx, "chips", chromedp.Text(chromedp.CSS(".chips")))
	hits2 := run(t, ctx, "hits", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".hit h3 a")].map(a => a.textContent)`))
	shot("2-facet")
	if !strings.Contains(loc, "trust=RAL") || !strings.Contains(loc, "q=Cerner") {
		t.Errorf("URL after the facet = %q; want q=Cerner and trust=RAL", loc)
	}
	if !strings.Contains(chips, "Royal Free London NHS Foundation Trust") {
		t.Errorf("active filters = %q; want the trust by its name", chips)
	}
	if len(hits2) == 0 || len(hits2) > len(hits) {
		t.Errorf("hits after the facet = %q; want some, no more than before (%d)", hits2, len(hits))
	}

	// 3. A document: the rescue plan, entities marked, events listed.
	do("open document",
		chromedp.Navigate(ts.URL+"/?q=rescue+plan&trust=RAL"),
		chromedp.WaitVisible(chromedp.CSS(".hit")),
		chromedp.Click(`//h3/a[contains(., "Rescue plan for Royal Free")]`),
		chromedp.WaitVisible(chromedp.CSS("#text")))
	h1 := run(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1")))
	trusts := run(t, ctx, "trusts", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#text mark.ent-trust")].map(m => m.textContent)`))
	events := run(t, ctx, "events", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".docevents li")].map(li => li.textContent.replace(/\s+/g, " "))`))
	shot("3-document")
	if h1 != "Rescue plan for Royal Free" {
		t.Errorf("document h1 = %q; want \"Rescue plan for Royal Free\"", h1)
	}
	if !containsSub(trusts, "Royal Free") {
		t.Errorf("trusts marked in the text = %q; want the Royal Free", trusts)
	}
	if !containsSub(events, "6 October 2008") {
		t.Errorf("events of the document = %q; want the rescue of 6 October 2008", events)
	}

	// 4. The timeline of the Royal Free, from the form.
	do("timeline",
		chromedp.Click(`//nav/a[.="Timeline"]`),
		chromedp.WaitVisible(chromedp.CSS(`input[name="trust"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="trust"]`), "Royal Free"),
		chromedp.Click(chromedp.CSS(`form.tlform button`)),
		chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	loc = location()
	shown := run(t, ctx, "entries", chromedp.Evaluate[[]shownEntry](`[...document.querySelectorAll("ol.timeline > li")].map(li => ({
		date: li.querySelector(".when .date").textContent.trim(),
		kind: li.querySelector(".ekind").textContent.trim(),
		sources: [...li.querySelectorAll(".cite .by a:first-child")].map(a => a.textContent.trim()),
		quotes: [...li.querySelectorAll(".cite blockquote")].map(q => q.textContent.trim())}))`))
	exports := run(t, ctx, "exports", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".summary .links a")].map(a => a.getAttribute("href"))`))
	shot("4-timeline")
	if !strings.Contains(loc, "trust=Royal+Free") {
		t.Errorf("timeline URL = %q; want trust=Royal+Free", loc)
	}
	want := []struct{ date, kind, source string }{
		{"2008", "go-live", "Next London Cerner go-live delayed until autumn"},
		{"October 2008", "suspension", "Rescue plan for Royal Free"},
		{"6 October 2008", "rescue", "Rescue plan for Royal Free"},
	}
	for _, w := range want {
		if !hasEntry(shown, w.date, w.kind, w.source) {
			t.Errorf("timeline lacks the %s of %s citing %q; shown:\n%s", w.kind, w.date, w.source, dumpEntries(shown))
		}
	}
	// Every entry the index has for the trust is shown with all its
	// sources.
	tl, err := fx.x.Timeline(context.Background(), index.TimelineRequest{Filter: index.Filter{Trusts: []string{"Royal Free"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != len(tl.Entries) {
		t.Errorf("timeline shows %d entries; the index has %d:\n%s", len(shown), len(tl.Entries), dumpEntries(shown))
	}
	for i := 0; i < len(shown) && i < len(tl.Entries); i++ {
		e := tl.Entries[i]
		if shown[i].Date != e.DisplayDate || shown[i].Kind != e.Kind || len(shown[i].Sources) != len(e.Sources) {
			t.Errorf("entry %d shows %s %s with %d sources; want %s %s with %d", i, shown[i].Date, shown[i].Kind,
				len(shown[i].Sources), e.DisplayDate, e.Kind, len(e.Sources))
		}
	}
	if !containsSub(exports, "format=csv") || !containsSub(exports, "format=timelinejs") {
		t.Errorf("export links = %q; want csv and timelinejs", exports)
	}

	// 5. The trust's page, from a timeline entry: its names over time and
	// its documents per year.
	do("entity",
		chromedp.Click(`//span[@class="who"]/a[contains(., "Royal Free")]`),
		chromedp.WaitVisible(chromedp.CSS("ul.bars")))
	h1 = run(t, ctx, "h1", chromedp.Text(chromedp.CSS("h1")))
	names := run(t, ctx, "names", chromedp.Text(chromedp.CSS(".names")))
	years := run(t, ctx, "years", chromedp.Evaluate[[]string](`[...document.querySelectorAll("ul.bars .y")].map(y => y.textContent)`))
	shot("5-entity")
	if h1 != "Royal Free London NHS Foundation Trust" || !strings.Contains(names, "Royal Free Hampstead NHS Trust") {
		t.Errorf("entity page: h1 %q, names %q; want the trust under its current and former names", h1, names)
	}
	if !contains(years, "2008") {
		t.Errorf("entity page years = %q; want 2008", years)
	}
}

// run runs one chromedp action and returns its value, failing the test on
// error.
func run[T any](t *testing.T, ctx context.Context, step string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return v
}

func hasEntry(es []shownEntry, date, kind, source string) bool {
	for _, e := range es {
		if strings.Contains(e.Date, date) && e.Kind == kind && containsSub(e.Sources, source) && len(e.Quotes) == len(e.Sources) {
			return true
		}
	}
	return false
}

func dumpEntries(es []shownEntry) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "  %s %s %q\n", e.Date, e.Kind, e.Sources)
	}
	return b.String()
}

func containsSub(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
