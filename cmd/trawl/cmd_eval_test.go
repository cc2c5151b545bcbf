package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/extract/eval"
)

const devGold = "../../testdata/eval/dev"

// tinyGold writes a two-document gold set whose gold lists a trust no
// extractor can find, so that it has at least one false negative.
func tinyGold(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"docs.jsonl": `{"id": "t1", "published": "2008-10-07", "ref_date": "2008-10-07", "kind": "news"}` + "\n" +
			`{"id": "t2", "published": null, "published_approx": null, "ref_date": "2009-03", "kind": "news"}` + "\n",
		"docs/t2.txt": "The contract went to BT last month.\n",
		"docs/t1.txt": "Kingston Hospital NHS Trust went live with Cerner Millennium on 6 October 2008, " +
			"at a cost of £7.2m, BT said.\n",
		"gold.jsonl": `{"doc": "t1", "type": "trust", "norm": "Kingston Hospital NHS Trust", "text": "Kingston Hospital NHS Trust"}` + "\n" +
			`{"doc": "t1", "type": "trust", "norm": "Nowhere Mentioned NHS Trust", "text": "-"}` + "\n" +
			`{"doc": "t1", "type": "date", "norm": "2008-10-06", "text": "6 October 2008"}` + "\n" +
			`{"doc": "t1", "type": "money", "norm": "GBP 7200000", "text": "£7.2m"}` + "\n" +
			`{"doc": "t2", "type": "vendor", "norm": "BT", "text": "BT"}` + "\n",
		"events.jsonl":      `{"doc": "t1", "date": "2008-10-06", "kind": "go-live", "trusts": ["Kingston Hospital NHS Trust"], "summary": "Kingston goes live"}` + "\n",
		"floors-high.json":  `{"trust": 1.0, "money": 0.0}`,
		"floors-low.json":   `{"trust": 0.0, "events": 0.0}`,
		"floors-bad.json":   `{"trusts": 0.9}`,
		"floors-range.json": `{"trust": 1.5}`,
		"aliases.json":      `{"trust": {"Kingston Hospital NHS Trust": "Nowhere Mentioned NHS Trust"}}`,
		"aliases-bad.json":  `["not", "a", "map"]`,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalUsage(t *testing.T) {
	gold := tinyGold(t)
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no dir", []string{"eval"}, exitUsage, "one gold set directory"},
		{"two dirs", []string{"eval", gold, gold}, exitUsage, "one gold set directory"},
		{"missing dir", []string{"eval", filepath.Join(gold, "nope")}, exitUsage, "not a directory"},
		{"unknown floor", []string{"eval", "--floors", filepath.Join(gold, "floors-bad.json"), gold}, exitUsage, `unknown floor "trusts"`},
		{"floor out of range", []string{"eval", "--floors", filepath.Join(gold, "floors-range.json"), gold}, exitUsage, "from 0 to 1"},
		{"missing floors", []string{"eval", "--floors", filepath.Join(gold, "nope.json"), gold}, exitUsage, "--floors"},
		{"bad alias map", []string{"eval", "--alias-map", filepath.Join(gold, "aliases-bad.json"), gold}, exitUsage, "--alias-map"},
		{"not a gold set", []string{"eval", t.TempDir()}, exitFatal, "docs.jsonl"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := trawl(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("trawl %v = exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestEvalTable(t *testing.T) {
	gold := tinyGold(t)
	code, out, stderr := trawl(t, "eval", "--show-errors", gold)
	if code != exitOK {
		t.Fatalf("trawl eval = exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"type            P      R     F1    TP    FP    FN",
		"trust ", "org ", "vendor ", "system ", "person ", "money ", "date ", "micro ",
		"relative dates resolved: ", "events strict ", "events date_only ",
		"t1     2008-10-07  published         2008-10-07\n",
		"t2     unknown     -                 2009-03 *\n", // no date given; ref_date differs
		"trust   fn  Nowhere Mentioned NHS Trust",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trawl eval --show-errors output lacks %q:\n%s", want, out)
		}
	}
	// Without --show-errors, no errors.
	_, plain, _ := trawl(t, "eval", gold)
	if strings.Contains(plain, "Nowhere Mentioned") {
		t.Errorf("trawl eval lists errors without --show-errors:\n%s", plain)
	}
	// Deterministic.
	_, again, _ := trawl(t, "eval", "--show-errors", gold)
	if again != out {
		t.Errorf("two runs of trawl eval differ:\n%s\n----\n%s", out, again)
	}
}

func TestEvalJSON(t *testing.T) {
	gold := tinyGold(t)
	for _, showErrors := range []bool{false, true} {
		args := []string{"eval", "--json", gold}
		if showErrors {
			args = []string{"eval", "--json", "--show-errors", gold}
		}
		code, out, stderr := trawl(t, args...)
		if code != exitOK {
			t.Fatalf("trawl %v = exit %d: %s", args, code, stderr)
		}
		var got eval.Evaluation
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("trawl %v: %v\n%s", args, err, out)
		}
		trust := got.Entities.Types["trust"]
		if trust.Gold != 2 || trust.FN < 1 || got.Events == nil || len(got.Docs) != 2 || got.Docs[1].Given != "" || !got.Docs[1].Differs {
			t.Errorf("trawl %v: trust %+v, events %v, docs %+v; want 2 gold trusts, a miss, events, the second doc undated", args, trust, got.Events, got.Docs)
		}
		if hasMisses := len(got.Misses) > 0; hasMisses != showErrors {
			t.Errorf("trawl %v: %d misses in JSON; want them only with --show-errors", args, len(got.Misses))
		}
	}
}

func TestEvalFloors(t *testing.T) {
	gold := tinyGold(t)
	code, out, stderr := trawl(t, "eval", "--floors", filepath.Join(gold, "floors-high.json"), gold)
	if code != exitFatal || !strings.Contains(stderr, "1 below floor: trust F1") || !strings.Contains(out, "BELOW trust F1") {
		t.Errorf("eval under a failed floor = exit %d, stderr %q, out:\n%s\nwant exit 1 naming trust", code, stderr, out)
	}
	if strings.Contains(stderr, "money") {
		t.Errorf("a met floor reported as failed: %s", stderr)
	}
	code, out, stderr = trawl(t, "eval", "--floors", filepath.Join(gold, "floors-low.json"), gold)
	if code != exitOK || !strings.Contains(out, "floors: 2 checked, 0 below") {
		t.Errorf("eval over met floors = exit %d, stderr %q, out:\n%s", code, stderr, out)
	}
}

func TestEvalAliasMap(t *testing.T) {
	gold := tinyGold(t)
	score := func(args ...string) eval.TypeScore {
		t.Helper()
		code, out, stderr := trawl(t, append([]string{"eval", "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("trawl eval %v = exit %d: %s", args, code, stderr)
		}
		var got eval.Evaluation
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		return got.Entities.Types["trust"]
	}
	plain := score(gold)
	aliased := score("--alias-map", filepath.Join(gold, "aliases.json"), gold)
	// The alias map turns the found Kingston into the unfindable trust.
	if plain.TP != 1 || plain.FN != 1 || aliased.TP != 1 || aliased.FN != 1 {
		t.Errorf("trust without aliases %+v, with %+v; want 1 TP each, the other gold trust missed", plain, aliased)
	}
}

func TestEvalSavePred(t *testing.T) {
	gold := tinyGold(t)
	dir := filepath.Join(t.TempDir(), "pred")
	if code, _, stderr := trawl(t, "eval", "--save-pred", dir, gold); code != exitOK {
		t.Fatalf("trawl eval --save-pred = exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "entities.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	preds, err := eval.ReadPredictions(f)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range preds {
		found = found || (p.Doc == "t1" && p.Type == "trust" && p.Norm == "Kingston Hospital NHS Trust")
	}
	if !found {
		t.Errorf("saved predictions lack Kingston Hospital NHS Trust: %+v", preds)
	}
	if _, err := os.Stat(filepath.Join(dir, "events.jsonl")); err != nil {
		t.Error(err)
	}
}

func TestEvalDevSet(t *testing.T) {
	code, out, stderr := trawl(t, "eval", devGold)
	if code != exitOK {
		t.Fatalf("trawl eval %s = exit %d: %s", devGold, code, stderr)
	}
	for _, want := range []string{"3 documents", "004    2012-01-19  published", "000    2009-03     published_approx"} {
		if !strings.Contains(out, want) {
			t.Errorf("trawl eval %s output lacks %q:\n%s", devGold, want, out)
		}
	}
}

func TestEvalHelp(t *testing.T) {
	code, out, _ := trawl(t, "eval", "--help")
	for _, want := range []string{"EXIT CODES", "--floors", "--alias-map", "--show-errors", "ref_date"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("trawl eval --help (exit %d) lacks %q:\n%s", code, want, out)
		}
	}
}
