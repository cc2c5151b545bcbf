package money

import (
	"bufio"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/unseen/*.want from the current output")

// goldLine is the part of a gold.jsonl line the money test reads.
type goldLine struct {
	Doc      string `json:"doc"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Norm     string `json:"norm"`
	Optional bool   `json:"optional"`
	ByteSpan []int  `json:"byte_span"`
}

// moneyKey is how the reference scorer compares money norms: the currency
// and the value rounded to the unit.
func moneyKey(norm string) string {
	cur, amt, ok := strings.Cut(strings.TrimSpace(norm), " ")
	if !ok {
		return norm
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(amt, ",", ""), 64)
	if err != nil {
		return norm
	}
	return strings.ToUpper(cur) + " " + strconv.FormatFloat(math.RoundToEven(f), 'f', 0, 64)
}

// Floors for the dev set; raise them when the extractor gets better.
const (
	goldPrecisionFloor = 0.9
	goldRecallFloor    = 0.9
)

func TestGoldDev(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "dev", "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	required := map[string]bool{} // doc + "\t" + key
	optional := map[string]bool{}
	var spans []goldLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var g goldLine
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("gold.jsonl: %v", err)
		}
		if g.Type != "money" {
			continue
		}
		k := g.Doc + "\t" + moneyKey(g.Norm)
		if g.Optional {
			optional[k] = true
		} else {
			required[k] = true
		}
		if len(g.ByteSpan) == 2 {
			spans = append(spans, g)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Glob(filepath.Join("testdata", "dev", "*.txt"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no dev documents: %v", err)
	}
	predicted := map[string]bool{}
	found := map[string][]Amount{}
	for _, path := range docs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := strings.TrimSuffix(filepath.Base(path), ".txt")
		text := string(b)
		got := Find(text)
		checkOffsets(t, text, got)
		found[doc] = got
		for _, a := range got {
			for _, n := range a.Norms() {
				predicted[doc+"\t"+moneyKey(n)] = true
			}
		}
	}
	tp, fp, fn := 0, 0, 0
	for k := range predicted {
		switch {
		case required[k]:
			tp++
		case optional[k]:
		default:
			fp++
			t.Logf("false positive: %s", k)
		}
	}
	for k := range required {
		if !predicted[k] {
			fn++
			t.Logf("missed: %s", k)
		}
	}
	p, r := ratio(tp, tp+fp), ratio(tp, tp+fn)
	t.Logf("money on dev: TP %d FP %d FN %d precision %.3f recall %.3f", tp, fp, fn, p, r)
	if p < goldPrecisionFloor || r < goldRecallFloor {
		t.Errorf("money precision %.3f recall %.3f; floors %.2f %.2f", p, r, goldPrecisionFloor, goldRecallFloor)
	}
	// Each gold span is the start of a mention we found.
	for _, g := range spans {
		ok := false
		for _, a := range found[g.Doc] {
			if a.Start <= g.ByteSpan[0] && g.ByteSpan[1] <= a.End {
				ok = true
			}
		}
		if !ok && !g.Optional {
			t.Errorf("doc %s: gold %q at %v not inside any amount found", g.Doc, g.Text, g.ByteSpan)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestUnseen checks paragraphs written for this test in the styles of a
// trust board paper, an NAO report and a news story, with hand-checked
// expectations in testdata/unseen/*.want (one show() line per amount).
func TestUnseen(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "unseen", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no unseen texts: %v", err)
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		got := Find(text)
		checkOffsets(t, text, got)
		var lines []string
		for _, a := range got {
			lines = append(lines, show(a))
		}
		out := strings.Join(lines, "\n") + "\n"
		wantPath := strings.TrimSuffix(path, ".txt") + ".want"
		if *update {
			if err := os.WriteFile(wantPath, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(wantPath)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("Find(%s) =\n%s\nwant\n%s", path, out, want)
		}
	}
}
