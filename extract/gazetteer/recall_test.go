package gazetteer

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// recallFloor is the least share of the dev gold's trust, org, vendor and
// system lines the matcher must find. Known misses (2026-11-23): "NHS London
// Acute Programme Board", a named board the gazetteer lacks.
const recallFloor = 0.95

type goldLine struct {
	Doc      string `json:"doc"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Norm     string `json:"norm"`
	Optional bool   `json:"optional"`
	Implied  bool   `json:"implied"`
}

type goldDoc struct {
	ID        string  `json:"id"`
	RefDate   *string `json:"ref_date"`
	Published *string `json:"published"`
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
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
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

var goldTypes = map[string][]EntityType{
	"trust":  {TypeTrust, TypeSite},
	"org":    {TypeOrg},
	"vendor": {TypeVendor},
	"system": {TypeSystem},
}

// TestDevRecall measures, on the dev gold set, the share of required trust,
// org, vendor and system lines whose norm the matcher finds in the document:
// either a match's name at the document's date equals the norm, or the norm,
// looked up in the gazetteer at that date, is the entity a match found.
func TestDevRecall(t *testing.T) {
	_, m := loadT(t)
	dir := filepath.Join("testdata", "dev")
	docs := readJSONL[goldDoc](t, filepath.Join(dir, "docs.jsonl"))
	gold := readJSONL[goldLine](t, filepath.Join(dir, "gold.jsonl"))
	type found struct{ names, ids map[string]bool }
	byDoc := map[string]found{}
	dates := map[string]corpus.Date{}
	for _, d := range docs {
		var ref corpus.Date
		if d.RefDate != nil {
			ref = day(*d.RefDate)
		}
		dates[d.ID] = ref
		text, err := os.ReadFile(filepath.Join(dir, "docs", d.ID+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		f := found{names: map[string]bool{}, ids: map[string]bool{}}
		for _, mt := range m.Find(string(text), ref) {
			f.names[mt.Type.String()+"|"+Key(mt.Name)] = true
			f.ids[mt.Type.String()+"|"+mt.ID] = true
		}
		byDoc[d.ID] = f
	}
	hit, total := map[string]int{}, map[string]int{}
	var misses []string
	for _, g := range gold {
		types, ok := goldTypes[g.Type]
		if !ok || g.Optional || g.Implied {
			continue
		}
		total[g.Type]++
		f := byDoc[g.Doc]
		ok = false
		for _, typ := range types {
			if f.names[typ.String()+"|"+Key(g.Norm)] {
				ok = true
			}
		}
		if !ok {
			// Resolve the norm itself at the document's date.
			for _, mt := range m.Find(g.Norm, dates[g.Doc]) {
				if mt.Start == 0 && mt.End == len(g.Norm) && f.ids[mt.Type.String()+"|"+mt.ID] {
					ok = true
				}
			}
		}
		if ok {
			hit[g.Type]++
		} else {
			misses = append(misses, g.Doc+" "+g.Type+" "+g.Norm)
		}
	}
	sort.Strings(misses)
	all, allHit := 0, 0
	for _, typ := range []string{"trust", "org", "vendor", "system"} {
		all += total[typ]
		allHit += hit[typ]
		t.Logf("recall %-6s %d/%d", typ, hit[typ], total[typ])
	}
	for _, m := range misses {
		t.Logf("missed: %s", m)
	}
	r := float64(allHit) / float64(all)
	t.Logf("recall all    %d/%d = %.3f (floor %.2f)", allHit, all, r, recallFloor)
	if all == 0 || r < recallFloor {
		t.Errorf("dev recall = %.3f; want at least %.2f", r, recallFloor)
	}
}
