package eval

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func g(doc, typ, norm string) Entity { return Entity{Doc: doc, Type: typ, Norm: norm, Text: norm} }

func opt(e Entity) Entity { e.Optional = true; return e }
func rel(e Entity) Entity { e.Relative = true; return e }

func p(doc, typ, norm string) Prediction { return Prediction{Doc: doc, Type: typ, Norm: norm} }

type counts struct{ tp, fp, fn int }

func TestScoreEntities(t *testing.T) {
	for _, tt := range []struct {
		name    string
		gold    []Entity
		pred    []Prediction
		aliases AliasMap
		typ     string
		want    counts
	}{
		{"exact match", []Entity{g("a", "trust", "X NHS Trust")}, []Prediction{p("a", "trust", "X NHS Trust")}, nil, "trust", counts{1, 0, 0}},
		{"missed", []Entity{g("a", "trust", "X NHS Trust")}, nil, nil, "trust", counts{0, 0, 1}},
		{"wrong norm is fp and fn", []Entity{g("a", "trust", "X NHS Trust")}, []Prediction{p("a", "trust", "Y NHS Trust")}, nil, "trust", counts{0, 1, 1}},
		{"case and apostrophe variants match", []Entity{g("a", "trust", "St Mary's NHS Trust")}, []Prediction{p("a", "trust", "THE ST MARY’S NHS TRUST.")}, nil, "trust", counts{1, 0, 0}},
		{"duplicates count once", []Entity{g("a", "org", "Department of Health"), g("a", "org", "department of health")},
			[]Prediction{p("a", "org", "Department of Health"), p("a", "org", "The Department of Health"), p("a", "org", "DEPARTMENT OF HEALTH")}, nil, "org", counts{1, 0, 0}},
		{"optional found is not a tp", []Entity{opt(g("a", "vendor", "Cerner"))}, []Prediction{p("a", "vendor", "Cerner")}, nil, "vendor", counts{0, 0, 0}},
		{"optional missed is not a fn", []Entity{opt(g("a", "vendor", "Cerner"))}, nil, nil, "vendor", counts{0, 0, 0}},
		{"required and optional lines of one key: required", []Entity{opt(g("a", "vendor", "BT")), g("a", "vendor", "BT")}, nil, nil, "vendor", counts{0, 0, 1}},
		{"implied without optional is required, as score.py", []Entity{{Doc: "a", Type: "vendor", Norm: "Cerner", Implied: true}}, nil, nil, "vendor", counts{0, 0, 1}},
		{"same norm, other doc", []Entity{g("a", "trust", "X NHS Trust"), g("b", "trust", "Z")}, []Prediction{p("b", "trust", "X NHS Trust")}, nil, "trust", counts{0, 1, 2}},
		{"doc without gold entities ignored", []Entity{g("a", "trust", "X NHS Trust")}, []Prediction{p("c", "trust", "Y")}, nil, "trust", counts{0, 0, 1}},
		{"type mismatch", []Entity{g("a", "org", "NHS London")}, []Prediction{p("a", "trust", "NHS London")}, nil, "org", counts{0, 0, 1}},
		{"type mismatch is a fp of the predicted type", []Entity{g("a", "org", "NHS London")}, []Prediction{p("a", "trust", "NHS London")}, nil, "trust", counts{0, 1, 0}},
		{"money to the unit", []Entity{g("a", "money", "GBP 7200000")}, []Prediction{p("a", "money", "gbp 7,200,000.40")}, nil, "money", counts{1, 0, 0}},
		{"money half to even", []Entity{g("a", "money", "GBP 2")}, []Prediction{p("a", "money", "GBP 2.5"), p("a", "money", "GBP 3.5")}, nil, "money", counts{1, 1, 0}},
		{"money currency differs", []Entity{g("a", "money", "GBP 100")}, []Prediction{p("a", "money", "USD 100")}, nil, "money", counts{0, 1, 1}},
		{"dates exact", []Entity{g("a", "date", "2008-06")}, []Prediction{p("a", "date", "2008-6"), p("a", "date", " 2008-06 ")}, nil, "date", counts{1, 1, 0}},
		{"dates not case folded", []Entity{g("a", "date", "2009-autumn")}, []Prediction{p("a", "date", "2009-Autumn")}, nil, "date", counts{0, 1, 1}},
		{"alias map", []Entity{g("a", "trust", "Barts and The London NHS Trust")}, []Prediction{p("a", "trust", "Barts Health NHS Trust")},
			AliasMap{"trust": {"Barts Health NHS Trust": "Barts and The London NHS Trust"}}, "trust", counts{1, 0, 0}},
		{"alias map is exact and per type", []Entity{g("a", "trust", "Barts and The London NHS Trust")}, []Prediction{p("a", "trust", "barts health nhs trust")},
			AliasMap{"trust": {"Barts Health NHS Trust": "Barts and The London NHS Trust"}, "org": {"barts health nhs trust": "Barts and The London NHS Trust"}}, "trust", counts{0, 1, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(&Set{Entities: tt.gold}, &Predictions{Entities: tt.pred}, tt.aliases)
			s := r.Entities.Types[tt.typ]
			if got := (counts{s.TP, s.FP, s.FN}); got != tt.want {
				t.Errorf("%s TP/FP/FN = %v; want %v", tt.typ, got, tt.want)
			}
			var fp, fn int
			for _, m := range r.Misses {
				if m.Type != tt.typ {
					continue
				}
				switch m.Error {
				case "fp":
					fp++
				case "fn":
					fn++
				}
			}
			if fp != tt.want.fp || fn != tt.want.fn {
				t.Errorf("%s misses: %d fp, %d fn listed; want %d, %d: %+v", tt.typ, fp, fn, tt.want.fp, tt.want.fn, r.Misses)
			}
		})
	}
}

func TestPRFAndMicro(t *testing.T) {
	gold := []Entity{g("a", "trust", "A"), g("a", "trust", "B"), g("a", "org", "C"), g("a", "date", "2008")}
	pred := []Prediction{p("a", "trust", "A"), p("a", "trust", "X"), p("a", "org", "C"), p("a", "person", "P Q")}
	s := Score(&Set{Entities: gold}, &Predictions{Entities: pred}, nil).Entities
	for _, tt := range []struct {
		name string
		got  PRF
		want PRF
	}{
		{"trust", s.Types["trust"].PRF, PRF{TP: 1, FP: 1, FN: 1, Precision: 0.5, Recall: 0.5, F1: 0.5}},
		{"org", s.Types["org"].PRF, PRF{TP: 1, Precision: 1, Recall: 1, F1: 1}},
		{"person (no gold)", s.Types["person"].PRF, PRF{FP: 1}},
		{"date (nothing found)", s.Types["date"].PRF, PRF{FN: 1}},
		{"vendor (nothing at all)", s.Types["vendor"].PRF, PRF{}},
		{"micro", s.Micro, PRF{TP: 2, FP: 2, FN: 2, Precision: 0.5, Recall: 0.5, F1: 0.5}},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %+v; want %+v", tt.name, tt.got, tt.want)
		}
	}
	if got := newPRF(1, 0, 2); math.Abs(got.F1-0.5) > 1e-12 || got.Precision != 1 || math.Abs(got.Recall-1.0/3) > 1e-12 {
		t.Errorf("newPRF(1, 0, 2) = %+v; want P 1, R 1/3, F1 0.5", got)
	}
}

func TestRelativeRecall(t *testing.T) {
	gold := []Entity{
		rel(g("a", "date", "2008-06")), rel(g("a", "date", "2009-autumn")), g("a", "date", "2010"),
		opt(rel(g("a", "date", "2008-W09"))), // optional: not counted
		rel(g("b", "date", "2008-06")),
	}
	pred := []Prediction{p("a", "date", "2008-06"), p("a", "date", "2010"), p("a", "date", "2008-W09"), p("b", "date", "2008-07")}
	got := Score(&Set{Entities: gold}, &Predictions{Entities: pred}, nil).Entities.RelativeDates
	if want := (RelativeRecall{TP: 1, Gold: 3, Recall: 1.0 / 3}); got != want {
		t.Errorf("relative dates = %+v; want %+v", got, want)
	}
	none := Score(&Set{Entities: []Entity{g("a", "date", "2010")}}, &Predictions{}, nil).Entities.RelativeDates
	if none != (RelativeRecall{}) {
		t.Errorf("relative dates without gold = %+v; want zero", none)
	}
}

func ev(doc, date, kind string, trusts ...string) Event {
	return Event{Doc: doc, Date: date, Kind: kind, Trusts: trusts}
}

func pe(doc, date, kind string, trusts ...string) EventPrediction {
	return EventPrediction{Doc: doc, Date: date, Kind: kind, Trusts: trusts}
}

func TestScoreEvents(t *testing.T) {
	for _, tt := range []struct {
		name           string
		gold           []Event
		pred           []EventPrediction
		strict, loose  counts
		strictMissesFN int
	}{
		{"exact", []Event{ev("a", "2008-06", "go-live", "X NHS Trust")}, []EventPrediction{pe("a", "2008-06", "go-live", "X NHS Trust")}, counts{1, 0, 0}, counts{1, 0, 0}, 0},
		{"trusts compared by key", []Event{ev("a", "2008-06", "go-live", "St Mary's NHS Trust")}, []EventPrediction{pe("a", "2008-06", "go-live", "the st mary’s nhs trust")}, counts{1, 0, 0}, counts{1, 0, 0}, 0},
		{"trusts overlap", []Event{ev("a", "2008-06", "go-live", "X", "Y")}, []EventPrediction{pe("a", "2008-06", "go-live", "Y", "Z")}, counts{1, 0, 0}, counts{1, 0, 0}, 0},
		{"trusts disjoint", []Event{ev("a", "2008-06", "go-live", "X")}, []EventPrediction{pe("a", "2008-06", "go-live", "Z")}, counts{0, 1, 1}, counts{1, 0, 0}, 1},
		{"both without trusts", []Event{ev("a", "2008-06", "other")}, []EventPrediction{pe("a", "2008-06", "other")}, counts{1, 0, 0}, counts{1, 0, 0}, 0},
		{"gold without trusts, predicted with", []Event{ev("a", "2008-06", "other")}, []EventPrediction{pe("a", "2008-06", "other", "X")}, counts{0, 1, 1}, counts{1, 0, 0}, 1},
		{"gold with trusts, predicted without", []Event{ev("a", "2008-06", "other", "X")}, []EventPrediction{pe("a", "2008-06", "other")}, counts{0, 1, 1}, counts{1, 0, 0}, 1},
		{"kind differs", []Event{ev("a", "2008-06", "go-live")}, []EventPrediction{pe("a", "2008-06", "delay")}, counts{0, 1, 1}, counts{1, 0, 0}, 1},
		{"date differs", []Event{ev("a", "2008-06", "go-live")}, []EventPrediction{pe("a", "2008-07", "go-live")}, counts{0, 1, 1}, counts{0, 1, 1}, 1},
		{"date exact, not trimmed", []Event{ev("a", "2008-06", "go-live")}, []EventPrediction{pe("a", "2008-06 ", "go-live")}, counts{0, 1, 1}, counts{0, 1, 1}, 1},
		{"doc differs", []Event{ev("a", "2008-06", "go-live"), ev("b", "2010", "other")}, []EventPrediction{pe("b", "2008-06", "go-live")}, counts{0, 1, 2}, counts{0, 1, 2}, 2},
		{"doc without gold events ignored", []Event{ev("a", "2008-06", "go-live")}, []EventPrediction{pe("c", "2008-06", "go-live")}, counts{0, 0, 1}, counts{0, 0, 1}, 1},
		{"one to one: a duplicate prediction is a fp", []Event{ev("a", "2008-06", "go-live")}, []EventPrediction{pe("a", "2008-06", "go-live"), pe("a", "2008-06", "go-live")}, counts{1, 1, 0}, counts{1, 1, 0}, 0},
		{"one to one: two gold, one prediction", []Event{ev("a", "2008-06", "go-live"), ev("a", "2008-06", "go-live")}, []EventPrediction{pe("a", "2008-06", "go-live")}, counts{1, 0, 1}, counts{1, 0, 1}, 1},
		// Greedy in file order, as score.py: each gold event takes the first
		// prediction it matches, even one a later gold event needed.
		{"greedy, order helps", []Event{ev("a", "2008-06", "go-live", "X", "Y"), ev("a", "2008-06", "go-live", "X")},
			[]EventPrediction{pe("a", "2008-06", "go-live", "Y"), pe("a", "2008-06", "go-live", "X")}, counts{2, 0, 0}, counts{2, 0, 0}, 0},
		{"greedy loses a match", []Event{ev("a", "2008-06", "go-live", "X", "Y"), ev("a", "2008-06", "go-live", "X")},
			[]EventPrediction{pe("a", "2008-06", "go-live", "X"), pe("a", "2008-06", "go-live", "Y")}, counts{1, 1, 1}, counts{2, 0, 0}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(&Set{Events: tt.gold, HasEvents: true}, &Predictions{Events: tt.pred}, nil)
			if r.Events == nil {
				t.Fatal("no event scores")
			}
			if got := (counts{r.Events.Strict.TP, r.Events.Strict.FP, r.Events.Strict.FN}); got != tt.strict {
				t.Errorf("strict TP/FP/FN = %v; want %v", got, tt.strict)
			}
			if got := (counts{r.Events.DateOnly.TP, r.Events.DateOnly.FP, r.Events.DateOnly.FN}); got != tt.loose {
				t.Errorf("date-only TP/FP/FN = %v; want %v", got, tt.loose)
			}
			fn, fp := 0, 0
			for _, m := range r.EventMisses {
				if m.Error == "fn" {
					fn++
				} else {
					fp++
				}
			}
			if fn != tt.strictMissesFN || fp != tt.strict.fp {
				t.Errorf("event misses: %d fn, %d fp; want %d, %d: %+v", fn, fp, tt.strictMissesFN, tt.strict.fp, r.EventMisses)
			}
		})
	}
}

func TestNoEventsFile(t *testing.T) {
	r := Score(&Set{Entities: []Entity{g("a", "trust", "X")}}, &Predictions{Events: []EventPrediction{pe("a", "2008", "other")}}, nil)
	if r.Events != nil {
		t.Errorf("events scored without an events file: %+v", r.Events)
	}
	b, err := json.Marshal(r.Scores)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"events"`) {
		t.Errorf("scores JSON without events file mentions events: %s", b)
	}
}

func TestEntityScoresJSON(t *testing.T) {
	gold := []Entity{g("a", "trust", "A"), rel(g("a", "date", "2008-06"))}
	s := Score(&Set{Entities: gold}, &Predictions{Entities: []Prediction{p("a", "trust", "A")}}, nil).Entities
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix := `{"trust":{"tp":1,"fp":0,"fn":0,"precision":1,"recall":1,"f1":1,"gold":1,"optional":0},"org":`
	if !strings.HasPrefix(string(b), wantPrefix) || !strings.HasSuffix(string(b), `"date_relative_recall":{"tp":0,"gold":1,"recall":0}}`) {
		t.Errorf("EntityScores JSON = %s; want score.py's layout, types in order", b)
	}
	var back EntityScores
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("EntityScores JSON round trip = %+v; want %+v", back, s)
	}
}

func TestMissesSorted(t *testing.T) {
	gold := []Entity{g("b", "date", "2010"), g("a", "date", "2009"), g("a", "trust", "Z"), g("a", "trust", "A")}
	pred := []Prediction{{Doc: "b", Type: "trust", Norm: "Q", Text: "the Q"}, p("a", "money", "GBP 5")}
	r := Score(&Set{Entities: gold}, &Predictions{Entities: pred}, nil)
	var got []string
	for _, m := range r.Misses {
		got = append(got, m.Doc+" "+m.Type+" "+m.Error+" "+m.Norm+" "+m.Text)
	}
	want := []string{"a trust fn A A", "a trust fn Z Z", "a money fp GBP 5 ", "a date fn 2009 2009", "b trust fp Q the Q", "b date fn 2010 2010"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("misses = %q; want %q", got, want)
	}
}
