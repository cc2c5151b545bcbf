package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Prediction is one predicted entity in score.py's input format.
type Prediction struct {
	Doc  string `json:"doc"`
	Type string `json:"type"`
	Norm string `json:"norm"`
	Text string `json:"text,omitempty"` // the surface form, for error listings; not scored
}

// EventPrediction is one predicted event in score.py's input format. Only
// Doc, Date, Kind and Trusts are scored.
type EventPrediction struct {
	Doc      string   `json:"doc"`
	Date     string   `json:"date"`
	Kind     string   `json:"kind"`
	Status   string   `json:"status,omitempty"`
	Trusts   []string `json:"trusts"`
	Vendors  []string `json:"vendors,omitempty"`
	Systems  []string `json:"systems,omitempty"`
	Money    []string `json:"money,omitempty"`
	Sentence string   `json:"sentence,omitempty"`
}

// Predictions are what an extractor found in a gold set's documents. The
// order of Events matters: events are matched greedily, gold events in file
// order each taking the first unused matching prediction, as score.py does.
type Predictions struct {
	Entities []Prediction
	Events   []EventPrediction
}

// AliasMap maps predicted norms onto gold norms before comparing, per type,
// as score.py's --alias-map: {"trust": {"Barts Health NHS Trust": "Barts and
// The London NHS Trust"}}. Lookups use the norm exactly as predicted, and
// apply to entities only.
type AliasMap map[string]map[string]string

// PRF is a precision, recall and F1 with their counts.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(tp, fp, fn int) PRF {
	s := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// TypeScore is the score of one entity type.
type TypeScore struct {
	PRF
	Gold     int `json:"gold"`     // required (doc, norm) pairs
	Optional int `json:"optional"` // optional (doc, norm) pairs
}

// RelativeRecall is the recall of the required relative dates.
type RelativeRecall struct {
	TP     int     `json:"tp"`
	Gold   int     `json:"gold"`
	Recall float64 `json:"recall"`
}

// EntityScores are the entity scores: per type, micro-averaged over all
// types, and the recall of relative dates. As JSON it has score.py's layout:
// {"trust": {...}, ..., "micro": {...}, "date_relative_recall": {...}}.
type EntityScores struct {
	Types         map[string]TypeScore
	Micro         PRF
	RelativeDates RelativeRecall
}

// MarshalJSON writes score.py's layout, types in score.py's order.
func (e EntityScores) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	put := func(k string, v any) error {
		j, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:", k)
		b.Write(j)
		return nil
	}
	for _, t := range Types {
		if err := put(t, e.Types[t]); err != nil {
			return nil, err
		}
	}
	if err := put("micro", e.Micro); err != nil {
		return nil, err
	}
	if err := put("date_relative_recall", e.RelativeDates); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *EntityScores) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	e.Types = map[string]TypeScore{}
	for k, v := range m {
		var err error
		switch k {
		case "micro":
			err = json.Unmarshal(v, &e.Micro)
		case "date_relative_recall":
			err = json.Unmarshal(v, &e.RelativeDates)
		default:
			var t TypeScore
			err = json.Unmarshal(v, &t)
			e.Types[k] = t
		}
		if err != nil {
			return fmt.Errorf("entity scores %s: %w", k, err)
		}
	}
	return nil
}

// EventScores are the event scores: "strict" matches doc, date, kind and
// trusts; "date_only" matches doc and date.
type EventScores struct {
	Strict   PRF `json:"strict"`
	DateOnly PRF `json:"date_only"`
}

// Scores are score.py's numbers. Events is nil when the gold set has no
// events file.
type Scores struct {
	Entities EntityScores `json:"entities"`
	Events   *EventScores `json:"events,omitempty"`
}

// Miss is an entity error: a false positive (a predicted norm neither
// required nor optional) or a false negative (a required norm not
// predicted).
type Miss struct {
	Error string `json:"error"` // "fp" or "fn"
	Doc   string `json:"doc"`
	Type  string `json:"type"`
	Norm  string `json:"norm"`           // as predicted (after the alias map), or as in the gold
	Text  string `json:"text,omitempty"` // the predicted or gold surface form
}

// EventMiss is an event the strict matching left unmatched: a predicted
// event ("fp") or a gold event ("fn").
type EventMiss struct {
	Error  string   `json:"error"`
	Doc    string   `json:"doc"`
	Date   string   `json:"date"`
	Kind   string   `json:"kind"`
	Trusts []string `json:"trusts"`
	// DateOnly reports whether date-only matching matched it.
	DateOnly bool   `json:"date_only"`
	Text     string `json:"text,omitempty"` // the predicted sentence or the gold summary
}

// Report is a gold set's scores and the errors behind them, sorted by doc,
// type (score.py's order), error and norm.
type Report struct {
	Scores
	Misses      []Miss      `json:"misses,omitempty"`
	EventMisses []EventMiss `json:"event_misses,omitempty"`
}

type docKey struct{ doc, key string }

// Score scores predictions against a gold set exactly as score.py does.
// Only documents with gold entities are scored for entities, and only
// documents with gold events for events; predictions for other documents,
// of other types, or with an empty type are ignored.
func Score(set *Set, p *Predictions, aliases AliasMap) *Report {
	r := &Report{}
	r.Entities, r.Misses = scoreEntities(set.Entities, p.Entities, aliases)
	if set.HasEvents {
		var ev EventScores
		ev, r.EventMisses = scoreEvents(set.Events, p.Events)
		r.Events = &ev
	}
	return r
}

func scoreEntities(gold []Entity, pred []Prediction, aliases AliasMap) (EntityScores, []Miss) {
	docs := map[string]bool{}
	req := map[string]map[docKey]string{} // type -> key -> first gold norm
	opt := map[string]map[docKey]bool{}
	goldText := map[string]map[docKey]string{}
	relative := map[docKey]bool{}
	for _, g := range gold {
		docs[g.Doc] = true
		k := docKey{g.Doc, Key(g.Type, g.Norm)}
		if g.Optional {
			if opt[g.Type] == nil {
				opt[g.Type] = map[docKey]bool{}
			}
			opt[g.Type][k] = true
		} else {
			if req[g.Type] == nil {
				req[g.Type], goldText[g.Type] = map[docKey]string{}, map[docKey]string{}
			}
			if _, dup := req[g.Type][k]; !dup {
				req[g.Type][k], goldText[g.Type][k] = g.Norm, g.Text
			}
			if g.Type == "date" && g.Relative {
				relative[k] = true
			}
		}
	}
	got := map[string]map[docKey]Prediction{} // type -> key -> first prediction
	for _, q := range pred {
		if !isType(q.Type) || !docs[q.Doc] {
			continue
		}
		if a, ok := aliases[q.Type][q.Norm]; ok {
			q.Norm = a
		}
		k := docKey{q.Doc, Key(q.Type, q.Norm)}
		if got[q.Type] == nil {
			got[q.Type] = map[docKey]Prediction{}
		}
		if _, dup := got[q.Type][k]; !dup {
			got[q.Type][k] = q
		}
	}

	s := EntityScores{Types: map[string]TypeScore{}}
	var misses []Miss
	var tot [3]int
	for _, t := range Types {
		g, o, q := req[t], opt[t], got[t]
		tp, fp, fn := 0, 0, 0
		for k, p := range q {
			_, inReq := g[k]
			switch {
			case inReq:
				tp++
			case !o[k]:
				fp++
				misses = append(misses, Miss{Error: "fp", Doc: k.doc, Type: t, Norm: p.Norm, Text: p.Text})
			}
		}
		for k, norm := range g {
			if _, ok := q[k]; !ok {
				fn++
				misses = append(misses, Miss{Error: "fn", Doc: k.doc, Type: t, Norm: norm, Text: goldText[t][k]})
			}
		}
		s.Types[t] = TypeScore{PRF: newPRF(tp, fp, fn), Gold: len(g), Optional: len(o)}
		tot[0] += tp
		tot[1] += fp
		tot[2] += fn
	}
	s.Micro = newPRF(tot[0], tot[1], tot[2])
	s.RelativeDates.Gold = len(relative)
	for k := range relative {
		if _, ok := got["date"][k]; ok {
			s.RelativeDates.TP++
		}
	}
	if len(relative) > 0 {
		s.RelativeDates.Recall = float64(s.RelativeDates.TP) / float64(len(relative))
	}
	sortMisses(misses)
	return s, misses
}

func sortMisses(ms []Miss) {
	typeRank := map[string]int{}
	for i, t := range Types {
		typeRank[t] = i
	}
	slices.SortFunc(ms, func(a, b Miss) int {
		if c := strings.Compare(a.Doc, b.Doc); c != 0 {
			return c
		}
		if c := typeRank[a.Type] - typeRank[b.Type]; c != 0 {
			return c
		}
		if c := strings.Compare(a.Error, b.Error); c != 0 {
			return c
		}
		if c := strings.Compare(a.Norm, b.Norm); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
}

func scoreEvents(gold []Event, pred []EventPrediction) (EventScores, []EventMiss) {
	docs := map[string]bool{}
	for _, g := range gold {
		docs[g.Doc] = true
	}
	var preds []EventPrediction
	for _, p := range pred {
		if docs[p.Doc] {
			preds = append(preds, p)
		}
	}
	strict, gUsed, pUsed := matchEvents(gold, preds, true)
	dateOnly, gDate, pDate := matchEvents(gold, preds, false)
	var misses []EventMiss
	for i, g := range gold {
		if !gUsed[i] {
			misses = append(misses, EventMiss{Error: "fn", Doc: g.Doc, Date: g.Date, Kind: g.Kind, Trusts: g.Trusts, DateOnly: gDate[i], Text: g.Summary})
		}
	}
	for i, p := range preds {
		if !pUsed[i] {
			misses = append(misses, EventMiss{Error: "fp", Doc: p.Doc, Date: p.Date, Kind: p.Kind, Trusts: p.Trusts, DateOnly: pDate[i], Text: p.Sentence})
		}
	}
	slices.SortStableFunc(misses, func(a, b EventMiss) int {
		if c := strings.Compare(a.Doc, b.Doc); c != 0 {
			return c
		}
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Error, b.Error); c != 0 {
			return c
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	return EventScores{Strict: strict, DateOnly: dateOnly}, misses
}

// matchEvents pairs gold and predicted events greedily, as score.py: each
// gold event in order takes the first unused prediction of the same doc and
// date and, when strict, the same kind and overlapping trusts (or none on
// either side).
func matchEvents(gold []Event, pred []EventPrediction, strict bool) (PRF, []bool, []bool) {
	gUsed, pUsed := make([]bool, len(gold)), make([]bool, len(pred))
	trusts := func(names []string) map[string]bool {
		m := map[string]bool{}
		for _, n := range names {
			m[Key("trust", n)] = true
		}
		return m
	}
	predTrusts := make([]map[string]bool, len(pred))
	for i, p := range pred {
		predTrusts[i] = trusts(p.Trusts)
	}
	tp := 0
	for gi, g := range gold {
		gt := trusts(g.Trusts)
		for pi, p := range pred {
			if pUsed[pi] || p.Doc != g.Doc || p.Date != g.Date {
				continue
			}
			if strict {
				if p.Kind != g.Kind {
					continue
				}
				pt := predTrusts[pi]
				if (len(gt) == 0) != (len(pt) == 0) {
					continue
				}
				if len(gt) > 0 && !overlap(gt, pt) {
					continue
				}
			}
			pUsed[pi], gUsed[gi] = true, true
			tp++
			break
		}
	}
	return newPRF(tp, len(pred)-tp, len(gold)-tp), gUsed, pUsed
}

func overlap(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
