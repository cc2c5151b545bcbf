package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// indexedData builds a data directory holding a small store of the Royal
// Free story and returns it (not yet indexed).
func storeData(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	store, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := []struct {
		doc corpus.Document
		loc string
		ex  *index.Extraction
	}{
		{corpus.Document{Kind: corpus.KindNews, Format: corpus.FormatHTML, Title: "Rescue plan for Royal Free", Outlet: "E-Health Insider",
			URL: "http://www.digitalhealth.net/news/24279/rescue-plan-for-royal-free", Published: corpus.MonthDate(2008, time.November),
			Text: "The Royal Free Hampstead NHS Trust went live with Cerner Millennium in June 2008.\n\nA 90-day rescue plan with BT began on 6 October 2008."},
			"/c/rescue.html",
			&index.Extraction{Extractor: "extract/test", Entities: []index.Entity{
				{Type: "trust", Text: "Royal Free Hampstead NHS Trust", Norm: "Royal Free Hampstead NHS Trust", ID: "RAL", Current: "Royal Free London NHS Foundation Trust", CurrentID: "RAL", Start: 4, End: 34},
				{Type: "vendor", Text: "BT", Norm: "BT", ID: "bt"},
				{Type: "system", Text: "Cerner Millennium", Norm: "Cerner Millennium", ID: "cerner-millennium"}},
				Events: []index.Event{
					{Kind: "go-live", Date: "2008-06", Status: "actual", Trusts: []string{"Royal Free Hampstead NHS Trust"}, Systems: []string{"Cerner Millennium"},
						Sentence: "The Royal Free Hampstead NHS Trust went live with Cerner Millennium in June 2008.", Start: 0, End: 81},
					{Kind: "rescue", Date: "2008-10-06", Status: "actual", Trusts: []string{"Royal Free Hampstead NHS Trust"}, Vendors: []string{"BT"},
						Sentence: "A 90-day rescue plan with BT began on 6 October 2008.", Start: 83, End: 136}}}},
		{corpus.Document{Kind: corpus.KindBoardPaper, Format: corpus.FormatPDF, Title: "Trust Board: Millennium recovery", Outlet: "Royal Free Hampstead NHS Trust",
			Published: corpus.DayDate(2008, time.December, 4),
			Text:      "Trust Board\n\nThe Trust went live with Cerner Millennium in June 2008.",
			Pages:     []corpus.Span{{Start: 0, End: 13}, {Start: 13, End: 69}}},
			"/c/board.pdf",
			&index.Extraction{Extractor: "extract/test", Entities: []index.Entity{
				{Type: "trust", Text: "Trust", Norm: "Royal Free Hampstead NHS Trust", ID: "RAL", Current: "Royal Free London NHS Foundation Trust", CurrentID: "RAL"}},
				Events: []index.Event{{Kind: "go-live", Date: "2008-06", Status: "actual", Trusts: []string{"Royal Free Hampstead NHS Trust"}, Systems: []string{"Cerner Millennium"},
					Sentence: "The Trust went live with Cerner Millennium in June 2008.", Start: 13, End: 69}}}},
		{corpus.Document{Kind: corpus.KindNews, Format: corpus.FormatText, Title: "Kingston delays go-live", Published: corpus.MonthDate(2009, time.March),
			Text: "Kingston Hospital NHS Trust will not go live until the autumn."}, "/c/kingston.txt", nil},
	}
	err = store.Update(func(tx *corpus.Tx) error {
		for _, d := range docs {
			d.doc.ID = corpus.IDOf([]byte(d.doc.Title))
			if err := tx.Put(&d.doc); err != nil {
				return err
			}
			if err := tx.Attach(d.doc.ID, corpus.SourceState{Source: corpus.Source{Location: d.loc}}); err != nil {
				return err
			}
			if d.ex != nil {
				b, _ := json.Marshal(d.ex)
				if err := tx.PutExtraction(d.doc.ID, "extract/test", b); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	return data
}

func TestIndexCommand(t *testing.T) {
	data := storeData(t)
	code, out, stderr := trawl(t, "--data", data, "index", "--json")
	if code != exitOK {
		t.Fatalf("trawl index = exit %d: %s", code, stderr)
	}
	var rep struct {
		Run   index.UpdateStats `json:"run"`
		Index index.Stats       `json:"index"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("trawl index --json: %v\n%s", err, out)
	}
	if rep.Run.Indexed != 3 || rep.Run.Events != 3 || rep.Run.Bare != 1 || rep.Index.Docs != 3 || rep.Index.Events != 3 {
		t.Errorf("trawl index --json = %+v; want 3 documents (1 without extraction), 3 events", rep)
	}
	code, out, _ = trawl(t, "--data", data, "index", "--json")
	if code != exitOK || !strings.Contains(out, `"indexed": 0`) {
		t.Errorf("second trawl index = exit %d, %s; want nothing indexed", code, out)
	}
	if code, _, _ := trawl(t, "--data", data, "--quiet", "index", "--rebuild"); code != exitOK {
		t.Errorf("trawl index --rebuild = exit %d", code)
	}

	lock, err := corpus.Lock(data, "test")
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = trawl(t, "--data", data, "index")
	lock.Unlock()
	if code != exitLocked {
		t.Errorf("trawl index while locked = exit %d (%s); want %d", code, stderr, exitLocked)
	}
}

func TestSearchTimelineExportCommands(t *testing.T) {
	data := storeData(t)
	if code, _, stderr := trawl(t, "--data", data, "search", "x"); code != exitFatal || !strings.Contains(stderr, "trawl index") {
		t.Errorf("search before index: exit %d, %q; want exit 1 saying to run trawl index", code, stderr)
	}
	if code, _, stderr := trawl(t, "--data", data, "index"); code != exitOK {
		t.Fatalf("trawl index: %s", stderr)
	}
	for _, tt := range []struct {
		name    string
		args    []string
		code    int
		want    []string // in stdout
		notWant []string
		errWant string
	}{
		{"words", []string{"search", "rescue plan"}, exitOK, []string{"Rescue plan for Royal Free", "November 2008", "E-Health Insider", "**rescue** **plan**"}, []string{"1 November"}, ""},
		{"pdf page", []string{"search", "went live"}, exitOK, []string{"Trust Board: Millennium recovery", "/c/board.pdf (page 2)", "4 December 2008"}, nil, ""},
		{"trust filter", []string{"search", "--trust", "Royal Free", "--sort", "date"}, exitOK, []string{"2 documents match", "trusts: Royal Free London NHS Foundation Trust (RAL) 2"}, []string{"Kingston"}, ""},
		{"bare document", []string{"search", "Kingston"}, exitOK, []string{"Kingston delays go-live", "March 2009"}, nil, ""},
		{"bad query", []string{"search", "title:>x"}, exitUsage, nil, nil, "column 7"},
		{"bad kind", []string{"search", "--kind", "blog"}, exitUsage, nil, nil, "want news, board-paper or report"},
		{"bad date", []string{"search", "--from", "2008-13"}, exitUsage, nil, nil, "--from"},
		{"bad sort", []string{"search", "--sort", "score"}, exitUsage, nil, nil, "relevance or date"},
		{"timeline", []string{"timeline", "--trust", "RAL"}, exitOK, []string{"June 2008  go-live (actual)", "6 October 2008  rescue", "“The Trust went live with Cerner Millennium in June 2008.”", "/c/board.pdf page 2", "http://www.digitalhealth.net/news/24279/rescue-plan-for-royal-free"}, []string{"1 June"}, ""},
		{"timeline kinds", []string{"timeline", "--kind", "rescue"}, exitOK, []string{"1 events from 1 reports", "rescue"}, []string{"go-live"}, ""},
		{"timeline bad kind", []string{"timeline", "--kind", "launch"}, exitUsage, nil, nil, "want go-live"},
		{"export csv", []string{"export", "--what", "events", "--trust", "Royal Free"}, exitOK, []string{"event_id,doc_id,seq,date,edtf", "2008-06", "2008-10-06"}, nil, ""},
		{"export timelinejs", []string{"export", "--what", "timeline", "--format", "timelinejs"}, exitOK, []string{`"start_date":{"year":2008,"month":6}`, `"display_date":"June 2008"`}, nil, ""},
		{"export bad format", []string{"export", "--what", "documents", "--format", "timelinejs"}, exitUsage, nil, nil, "timelinejs exports events or timeline"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := trawl(t, append([]string{"--data", data}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("trawl %v = exit %d (stderr %q); want %d", tt.args, code, stderr, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("trawl %v output lacks %q:\n%s", tt.args, w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("trawl %v output holds %q:\n%s", tt.args, w, out)
				}
			}
			if !strings.Contains(stderr, tt.errWant) {
				t.Errorf("trawl %v stderr = %q; want %q", tt.args, stderr, tt.errWant)
			}
		})
	}

	// --json is for scripts.
	code, out, _ := trawl(t, "--data", data, "search", "--json", "millennium")
	var res index.SearchResult
	if err := json.Unmarshal([]byte(out), &res); code != exitOK || err != nil || res.Total != 2 || len(res.Facets) == 0 {
		t.Errorf("search --json = exit %d, %v, %+v; want 2 hits with facets", code, err, res)
	}
	// -o writes the file whole.
	path := filepath.Join(t.TempDir(), "tl.json")
	if code, _, stderr := trawl(t, "--data", data, "export", "--what", "timeline", "--format", "json", "-o", path); code != exitOK {
		t.Fatalf("export -o: exit %d %s", code, stderr)
	}
	raw, err := os.ReadFile(path)
	var entries []index.TimelineEntry
	if err != nil || json.Unmarshal(raw, &entries) != nil || len(entries) != 2 || len(entries[0].Sources) != 2 {
		t.Errorf("export -o %s = %d entries (%v); want 2, the go-live with 2 sources:\n%s", path, len(entries), err, raw)
	}
}

func TestIndexHelp(t *testing.T) {
	for _, cmd := range []string{"index", "search", "timeline", "export"} {
		code, out, _ := trawl(t, cmd, "--help")
		if code != exitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "EXIT CODES") {
			t.Errorf("trawl %s --help: exit %d, lacks examples or exit codes:\n%s", cmd, code, out)
		}
	}
}
