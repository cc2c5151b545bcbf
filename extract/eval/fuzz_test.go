package eval

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzKey(f *testing.F) {
	for _, tt := range keyTests {
		f.Add(tt.typ, tt.norm)
	}
	f.Fuzz(func(t *testing.T, typ, norm string) {
		k := Key(typ, norm)
		if got := Key(typ, " \t"+norm+"\u00a0\n"); got != k {
			t.Errorf("Key(%q, %q) = %q, but with surrounding space %q", typ, norm, k, got)
		}
		if !utf8.ValidString(norm) {
			return
		}
		if !utf8.ValidString(k) {
			t.Errorf("Key(%q, %q) = %q: invalid UTF-8", typ, norm, k)
		}
		if nameType(typ) {
			if strings.Contains(k, "  ") || strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.HasSuffix(k, ".") || strings.HasPrefix(k, ".") {
				t.Errorf("Key(%q, %q) = %q: untrimmed or double space", typ, norm, k)
			}
			if strings.ContainsAny(k, "&’‘–") {
				t.Errorf("Key(%q, %q) = %q: unnormalised punctuation", typ, norm, k)
			}
		}
	})
}

func BenchmarkScore(b *testing.B) {
	set, err := Load(devDir)
	if err != nil {
		b.Fatal(err)
	}
	var p Predictions
	for _, ps := range predSets(set) {
		if ps.name != "noisy" {
			continue
		}
		for _, l := range ps.entities {
			n, _ := l["norm"].(string)
			d, _ := l["doc"].(string)
			ty, _ := l["type"].(string)
			p.Entities = append(p.Entities, Prediction{Doc: d, Type: ty, Norm: n})
		}
		for _, e := range set.Events {
			p.Events = append(p.Events, EventPrediction{Doc: e.Doc, Date: e.Date, Kind: e.Kind, Trusts: e.Trusts})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Score(set, &p, nil)
	}
}
