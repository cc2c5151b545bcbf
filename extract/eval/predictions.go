package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/nhs-trawl/trawl/extract"
)

// FromResult turns one document's extraction result into predictions for
// gold doc, in the result's order.
func FromResult(doc string, r extract.Result) Predictions {
	var p Predictions
	for _, e := range r.Entities {
		p.Entities = append(p.Entities, Prediction{Doc: doc, Type: string(e.Type), Norm: e.Norm, Text: e.Text})
	}
	for _, e := range r.Events {
		p.Events = append(p.Events, EventPrediction{
			Doc: doc, Date: e.Date, Kind: e.Kind, Status: e.Status,
			Trusts: nonNil(e.Trusts), Vendors: e.Vendors, Systems: e.Systems, Money: e.Money,
			Sentence: e.Sentence,
		})
	}
	return p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// rawPrediction reads a prediction line; a missing or null norm is skipped,
// as score.py skips it.
type rawPrediction struct {
	Doc  string  `json:"doc"`
	Type string  `json:"type"`
	Norm *string `json:"norm"`
	Text string  `json:"text"`
}

// ReadPredictions reads entity predictions in score.py's input format: one
// JSON object per line with "doc", "type" and "norm" (a string); other
// fields are ignored, blank lines and lines without a norm skipped.
func ReadPredictions(r io.Reader) ([]Prediction, error) {
	var raw []rawPrediction
	if err := decodeJSONL(r, "predictions", &raw); err != nil {
		return nil, err
	}
	var out []Prediction
	for _, p := range raw {
		if p.Norm == nil {
			continue
		}
		out = append(out, Prediction{Doc: p.Doc, Type: p.Type, Norm: *p.Norm, Text: p.Text})
	}
	return out, nil
}

// ReadEventPredictions reads event predictions in score.py's input format:
// one JSON object per line with "doc", "date", "kind" and "trusts".
func ReadEventPredictions(r io.Reader) ([]EventPrediction, error) {
	var out []EventPrediction
	if err := decodeJSONL(r, "event predictions", &out); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteJSONL writes one JSON object per line: predictions in score.py's
// input format.
func WriteJSONL[T any](w io.Writer, items []T) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadAliasMap reads an alias map file: {"TYPE": {"predicted norm": "gold
// norm", ...}, ...}.
func ReadAliasMap(path string) (AliasMap, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("alias map: %w", err)
	}
	var m AliasMap
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("alias map %s: %w (want {\"trust\": {\"predicted norm\": \"gold norm\"}, ...})", path, err)
	}
	return m, nil
}
