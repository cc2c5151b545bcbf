package index

import (
	"errors"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// FuzzParseQuery: no query makes parsing panic, and every failure is a
// QueryError pointing inside the query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"cerner go-live delay", `"rescue plan" +BT -Fujitsu`, "title:kingston~2 Moreca*",
		`field::text`, `"unclosed`, "trust_id:RAL year:>2008", "/reg.*exp/", "a^3 b~ c*", "(x)", "\\", "é\"", "+", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := parseQuery(q, docFields)
		if err == nil {
			return
		}
		if !errors.Is(err, ErrQuery) {
			t.Fatalf("parseQuery(%q) = %v; want an ErrQuery", q, err)
		}
		var qe *QueryError
		if errors.As(err, &qe) {
			if qe.Pos < 0 || qe.Pos >= len(qe.Query) {
				t.Fatalf("parseQuery(%q): position %d outside the query", q, qe.Pos)
			}
			if !strings.Contains(qe.Error(), "column") {
				t.Fatalf("parseQuery(%q): %q does not say where", q, qe.Error())
			}
		}
	})
}

// FuzzSnippets: snippets stay inside the text, on rune boundaries, with
// marks inside them, whatever the spans.
func FuzzSnippets(f *testing.F) {
	f.Add("The Royal Free went live with Cerner Millennium in June 2008.", 4, 14, 20, 24)
	f.Add("ééé ééé ééé", 1, 5, 7, 9)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		spans := []struct{ s, e int }{{a, b}, {c, d}}
		var in []spanT
		for _, s := range spans {
			in = append(in, spanT{Start: s.s, End: s.e})
		}
		for _, sn := range makeSnippets(text, in, 3, 40) {
			if sn.Start < 0 || sn.End > len(text) || sn.Start > sn.End || text[sn.Start:sn.End] != sn.Text {
				t.Fatalf("snippet %+v outside text %q", sn, text)
			}
			for _, m := range sn.Marks {
				if m.Start < 0 || m.End > len(sn.Text) || m.Start >= m.End {
					t.Fatalf("mark %+v outside snippet %q", m, sn.Text)
				}
			}
		}
	})
}

type spanT = corpus.Span
