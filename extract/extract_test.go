package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// One extractor for the package's tests: New loads the gazetteer and the
// NER model, which is what a run does once.
var testX = sync.OnceValues(func() (*Extractor, error) { return New(Options{}) })

func extractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := testX()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestSentences(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"One. Two!  Three?", []string{"One.", "Two!", "Three?"}},
		{"Mr. Way said it cost £7.2m. The trust agreed.", []string{"Mr. Way said it cost £7.2m.", "The trust agreed."}},
		{"He said: “It failed.” Then it went live.", []string{"He said: “It failed.”", "Then it went live."}},
		{"J. Smith and Dr. A. Jones met on 6 Oct. 2008 in St. Mary's.", []string{"J. Smith and Dr. A. Jones met on 6 Oct. 2008 in St. Mary's."}},
		{"Version 3.5 of e.g. the site nhs.uk went live. Next", []string{"Version 3.5 of e.g. the site nhs.uk went live.", "Next"}},
		{"Heading\nFirst line of text. second sentence lower", []string{"Heading", "First line of text. second sentence lower"}},
		{"Item | Cost\nEPR | £7.2m\n\n  Para.  ", []string{"Item | Cost", "EPR | £7.2m", "Para."}},
		{"", nil},
	} {
		var got []string
		for _, s := range Sentences(tt.in) {
			got = append(got, tt.in[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sentences(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// entity finds the first entity of a type and norm in a result.
func entity(r Result, typ EntityType, norm string) (Entity, bool) {
	for _, e := range r.Entities {
		if e.Type == typ && strings.EqualFold(e.Norm, norm) {
			return e, true
		}
	}
	return Entity{}, false
}

func TestExtractEntities(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct {
		name      string
		text      string
		published corpus.Date
		want      []string // "type|norm" that must be found
		not       []string // "type|norm" that must not
		check     func(t *testing.T, r Result)
	}{
		{
			name: "trust named as at the document date", published: corpus.MonthDate(2008, 11),
			text: "The Royal Free's board met. Problems have cost the Royal Free Hampstead NHS Trust £7.2m.",
			want: []string{"trust|Royal Free Hampstead NHS Trust", "money|GBP 7200000"},
			check: func(t *testing.T, r Result) {
				e, _ := entity(r, Trust, "Royal Free Hampstead NHS Trust")
				if e.ID != "RAL" || e.Count != 2 || e.Current != "Royal Free London NHS Foundation Trust" {
					t.Errorf("trust = %+v; want id RAL, 2 mentions, current name Royal Free London NHS Foundation Trust", e)
				}
			},
		},
		{
			name: "same trust after its rename", published: corpus.YearDate(2015),
			text: "The Royal Free said its new system went live.",
			want: []string{"trust|Royal Free London NHS Foundation Trust"},
		},
		{
			name: "trust the gazetteer lacks, by its shape", published: corpus.YearDate(2009),
			text: "The Upper Wessex Valley Hospitals NHS Trust signed a contract with Cerner.",
			want: []string{"trust|Upper Wessex Valley Hospitals NHS Trust", "vendor|Cerner"},
		},
		{
			name: "system with version and its vendor", published: corpus.YearDate(2008),
			text: "It was the first to receive the Cerner Millennium LC1 release from BT.",
			want: []string{"system|Cerner Millennium", "vendor|BT"},
			check: func(t *testing.T, r Result) {
				e, _ := entity(r, System, "Cerner Millennium")
				if e.Version != "LC1" || e.VendorID != "cerner" {
					t.Errorf("system = %+v; want version LC1, vendor cerner", e)
				}
			},
		},
		{
			name: "person with role and employer", published: corpus.MonthDate(2008, 11),
			text: "In a November board paper, Andrew Way, the Royal Free’s chief executive, says the plan works. Way added that it would take time.",
			want: []string{"person|Andrew Way", "date|2008-11"},
			not:  []string{"person|Way added"},
			check: func(t *testing.T, r Result) {
				e, _ := entity(r, Person, "Andrew Way")
				if e.Role != "chief executive" || e.Affiliation != "Royal Free Hampstead NHS Trust" || e.Count != 2 {
					t.Errorf("person = %+v; want chief executive of Royal Free Hampstead NHS Trust, 2 mentions", e)
				}
			},
		},
		{
			name: "role before the name; outlet is not a person", published: corpus.DayDate(2012, 1, 19),
			text: "Conservative MP Richard Bacon told E-Health Insider this morning that deployments must stop.",
			want: []string{"person|Richard Bacon", "date|2012-01-19"},
			not:  []string{"person|E-Health Insider"},
		},
		{
			name: "money range and rate", published: corpus.YearDate(2010),
			text: "The contract is worth £10m-£12m, plus £2,500 per month for support.",
			want: []string{"money|GBP 10000000", "money|GBP 12000000", "money|GBP 2500"},
			check: func(t *testing.T, r Result) {
				if e, _ := entity(r, Money, "GBP 2500"); e.Per != "month" {
					t.Errorf("money = %+v; want per month", e)
				}
			},
		},
		{
			name: "unknown document date leaves relative dates alone",
			text: "The system went live last June and will be upgraded in 2010.",
			want: []string{"date|2010"},
			not:  []string{"date|2008-06"},
			check: func(t *testing.T, r Result) {
				if len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "unknown") {
					t.Errorf("notes = %q; want a note that the date is unknown", r.Notes)
				}
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := &corpus.Document{ID: corpus.IDOf([]byte(tt.text)), Kind: corpus.KindNews, Text: tt.text, Published: tt.published}
			r := x.Extract(d)
			for _, w := range tt.want {
				typ, norm, _ := strings.Cut(w, "|")
				if _, ok := entity(r, EntityType(typ), norm); !ok {
					t.Errorf("missing %s; got %s", w, summary(r))
				}
			}
			for _, w := range tt.not {
				typ, norm, _ := strings.Cut(w, "|")
				if _, ok := entity(r, EntityType(typ), norm); ok {
					t.Errorf("found %s; it must not be", w)
				}
			}
			for _, e := range r.Entities {
				if e.Text != tt.text[e.Start:e.End] {
					t.Errorf("entity %s %q: text[%d:%d] = %q", e.Type, e.Text, e.Start, e.End, tt.text[e.Start:e.End])
				}
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

func summary(r Result) string {
	var parts []string
	for _, e := range r.Entities {
		parts = append(parts, string(e.Type)+"|"+e.Norm)
	}
	return strings.Join(parts, ", ")
}

func TestExtractEvents(t *testing.T) {
	x := extractor(t)
	text := "Kingston Hospital NHS Trust had been examining going live with Cerner Millennium by April, but says it is now clear this will not happen until the autumn.\n\n" +
		"Problems caused by the system have so far cost the Royal Free Hampstead NHS Trust £7.2m."
	d := &corpus.Document{ID: "x", Kind: corpus.KindNews, Text: text, Published: corpus.MonthDate(2009, 3)}
	r := x.Extract(d)
	got := map[string]Event{}
	for _, e := range r.Events {
		got[e.Kind+" "+e.Date] = e
		if text[e.Start:e.End] != e.Sentence {
			t.Errorf("event sentence %q is not text[%d:%d]", e.Sentence, e.Start, e.End)
		}
	}
	// The cost sentence has no date of its own but holds as of publication
	// ("have so far cost"), so it is dated by the publication month.
	if len(r.Events) != 3 {
		t.Errorf("events = %+v; want the delay, the planned go-live and the cost", r.Events)
	}
	if e := got["cost 2009-03"]; e.DateBasis != "publication" || len(e.Money) != 1 || e.Money[0] != "GBP 7200000" {
		t.Errorf("cost event = %+v; want GBP 7200000 dated by publication", e)
	}
	for key, want := range map[string]struct{ status, trust string }{
		"delay 2009-04":       {"missed", "Kingston Hospital NHS Trust"},
		"go-live 2009-autumn": {"planned", "Kingston Hospital NHS Trust"},
	} {
		e, ok := got[key]
		if !ok || e.Status != want.status || len(e.Trusts) != 1 || e.Trusts[0] != want.trust {
			t.Errorf("event %s = %+v (found %v); want status %s, trust %s", key, e, ok, want.status, want.trust)
		}
	}
}

// TestGolden compares the extraction of the dev documents with golden
// files; go test ./extract -update rewrites them.
func TestGolden(t *testing.T) {
	x := extractor(t)
	docs, _ := filepath.Glob("../testdata/eval/dev/docs/*.txt")
	if len(docs) == 0 {
		t.Fatal("no dev documents")
	}
	refs := map[string]corpus.Date{"000": corpus.MonthDate(2009, 3), "001": corpus.MonthDate(2008, 11), "004": corpus.DayDate(2012, 1, 19)}
	for _, p := range docs {
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(&corpus.Document{ID: id, Kind: corpus.KindNews, Text: string(text), Published: refs[id]})
		got, _ := json.MarshalIndent(r, "", "  ")
		golden := filepath.Join("testdata", "golden", id+".json")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./extract -update)", err)
		}
		if string(want) != string(got)+"\n" {
			t.Errorf("%s: extraction differs from %s (go test ./extract -update rewrites it after a deliberate change)", id, golden)
		}
	}
}

// TestDeterministic: the same document gives byte-identical results,
// whatever runs beside it.
func TestDeterministic(t *testing.T) {
	x := extractor(t)
	text, _ := os.ReadFile("../testdata/eval/dev/docs/004.txt")
	d := &corpus.Document{ID: "d", Kind: corpus.KindNews, Text: string(text), Published: corpus.DayDate(2012, 1, 19)}
	first, _ := json.Marshal(x.Extract(d))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if b, _ := json.Marshal(x.Extract(d)); string(b) != string(first) {
					t.Error("extraction differs between runs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	for _, p := range []string{"../testdata/eval/dev/docs/001.txt", "../testdata/corpus/minutes/ashdown-epr-update-2019-05.txt"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b[:min(len(b), 1500)]))
		}
	}
	f.Add("Mr. A B, the X's chief executive, said £5m-£ last June NHS Trust Trust.")
	// prose's model is left out: loading it in every instrumented fuzz
	// worker takes longer than the fuzz run; its wrapper recovers panics.
	x, err := New(Options{NoNER: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		r := x.Extract(&corpus.Document{Text: s, Published: corpus.MonthDate(2009, 3)})
		for _, n := range r.Notes {
			if strings.Contains(n, "failed") {
				t.Fatalf("extraction panicked: %s", n)
			}
		}
		for _, e := range r.Entities {
			if e.Start < 0 || e.End > len(s) || e.Start > e.End || s[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v has bad offsets", e)
			}
		}
		for _, e := range r.Events {
			if e.Start < 0 || e.End > len(s) || s[e.Start:e.End] != e.Sentence {
				t.Fatalf("event %+v has bad offsets", e)
			}
		}
	})
}

// TestUnseen runs the extractor on texts written after it, in kinds the dev
// set lacks (board minutes, an audit report), and checks what a reader
// would need from them.
func TestUnseen(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct {
		file      string
		published corpus.Date
		kind      corpus.Kind
		want      []string // "type|norm" or "type|norm|role"
		events    []string // "kind date status"
	}{
		{"minutes.txt", corpus.DayDate(2010, 5, 27), corpus.KindBoardPaper,
			[]string{"person|Ian Carruthers|Chairman", "person|Jane Collins|Chief Executive", "person|Mark Hutchinson|Director of Informatics",
				"trust|University Hospitals of Morecambe Bay NHS Foundation Trust", "system|Lorenzo", "vendor|CSC", "org|NHS North West",
				"money|GBP 1300000", "money|GBP 2400000", "money|GBP 640000", "date|FY2010-11", "date|FY2009-10", "date|2010-04", "date|2010-09", "date|2010-06"},
			[]string{"delay 2010-04 missed", "go-live 2010-09 planned", "cost FY2010-11 "}},
		{"nao.txt", corpus.DayDate(2011, 5, 18), corpus.KindNews,
			[]string{"org|National Audit Office", "org|Public Accounts Committee", "org|Department of Health", "person|Amyas Morse|head",
				"person|Richard Bacon|MP", "money|GBP 12700000000", "money|GBP 896000000", "vendor|Fujitsu", "vendor|BT",
				"trust|Nuffield Orthopaedic Centre NHS Trust", "system|Cerner Millennium", "date|2005-12", "date|2008-05"},
			[]string{"go-live 2005-12 actual", "go-live 2010-06 actual", "cost 2011-05-18 "}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata", "unseen", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := x.Extract(&corpus.Document{ID: tt.file, Kind: tt.kind, Text: string(text), Published: tt.published})
			for _, w := range tt.want {
				parts := strings.Split(w, "|")
				e, ok := entity(r, EntityType(parts[0]), parts[1])
				switch {
				case !ok:
					t.Errorf("missing %s; got %s", w, summary(r))
				case len(parts) == 3 && e.Role != parts[2]:
					t.Errorf("%s: role %q; want %q", parts[1], e.Role, parts[2])
				}
			}
			got := map[string]bool{}
			for _, e := range r.Events {
				got[e.Kind+" "+e.Date+" "+e.Status] = true
			}
			for _, w := range tt.events {
				if !got[w] {
					t.Errorf("missing event %q; got %v", w, got)
				}
			}
		})
	}
}
