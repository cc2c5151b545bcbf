package temporal

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

type goldDoc struct {
	ID      string      `json:"id"`
	RefDate corpus.Date `json:"ref_date"`
}

type goldLine struct {
	Doc      string `json:"doc"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Norm     string `json:"norm"`
	Optional bool   `json:"optional"`
	Relative bool   `json:"relative"`
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Floors for the dev set (three E-Health Insider articles, see testdata).
// Measured: TP 20, FP 0, FN 0 (P, R, F1 and relative recall 1.00) on date
// norms; the floors allow one line of the 20 to go wrong.
const (
	floorP   = 0.95
	floorR   = 0.95
	floorF1  = 0.95
	floorRel = 0.93
)

// TestGoldDev scores date norms against the dev gold with the eval README's
// rules: sets of (doc, norm); optional lines neither required nor penalised.
func TestGoldDev(t *testing.T) {
	dir := filepath.Join("testdata", "dev")
	docs := readJSONL[goldDoc](t, filepath.Join(dir, "docs.jsonl"))
	gold := readJSONL[goldLine](t, filepath.Join(dir, "gold.jsonl"))
	tg := New()
	tp, fp, fn, relReq, relHit := 0, 0, 0, 0, 0
	for _, d := range docs {
		b, err := os.ReadFile(filepath.Join(dir, "docs", d.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		required, optional := map[string]bool{}, map[string]bool{}
		relative := map[string]bool{}
		for _, g := range gold {
			if g.Doc != d.ID || g.Type != "date" {
				continue
			}
			if g.Optional {
				optional[g.Norm] = true
			} else {
				required[g.Norm] = true
				relative[g.Norm] = relative[g.Norm] || g.Relative
			}
		}
		pred := map[string]string{}
		for _, m := range tg.Tag(string(b), d.RefDate) {
			if _, ok := pred[m.Value]; !ok {
				pred[m.Value] = m.Text
			}
		}
		var notes []string
		for v, text := range pred {
			switch {
			case required[v]:
				tp++
			case optional[v]:
			default:
				fp++
				notes = append(notes, "FP "+v+" "+text)
			}
		}
		for v := range required {
			if relative[v] {
				relReq++
			}
			if _, ok := pred[v]; !ok {
				fn++
				notes = append(notes, "FN "+v)
			} else if relative[v] {
				relHit++
			}
		}
		sort.Strings(notes)
		for _, n := range notes {
			t.Logf("doc %s (ref %s): %s", d.ID, d.RefDate, n)
		}
	}
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	rel := ratio(relHit, relReq)
	t.Logf("dev dates: TP %d FP %d FN %d  P %.3f R %.3f F1 %.3f  relative recall %.3f", tp, fp, fn, p, r, f1, rel)
	if p < floorP || r < floorR || f1 < floorF1 || rel < floorRel {
		t.Errorf("dev date scores P %.3f R %.3f F1 %.3f rel %.3f below floors %.2f/%.2f/%.2f/%.2f",
			p, r, f1, rel, floorP, floorR, floorF1, floorRel)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
