package eval

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nhs-trawl/trawl/extract"
)

var keyTests = []struct {
	typ, norm, want string
}{
	// Names: case, apostrophes, dashes, &, leading The, spacing, dots.
	{"trust", "Royal Free Hampstead NHS Trust", "royal free hampstead nhs trust"},
	{"trust", "  ROYAL FREE Hampstead NHS Trust ", "royal free hampstead nhs trust"},
	{"trust", "St Mary’s Hospital", "st mary's hospital"},
	{"trust", "St Mary‘s Hospital", "st mary's hospital"},
	{"trust", "Barts & The London NHS Trust", "barts and the london nhs trust"},
	{"trust", "Barts and The London NHS Trust", "barts and the london nhs trust"},
	{"trust", "Barts&The London", "barts and the london"},
	{"org", "The Department of Health", "department of health"},
	{"org", "the\tNational  Audit\nOffice", "national audit office"},
	{"org", "Theatre Trust", "theatre trust"}, // "the" must be a word
	{"org", "The", "the"},               // no space after it: kept
	{"org", "The The Band", "the band"}, // dropped once
	{"vendor", "Cerner Corp.", "cerner corp"},
	{"vendor", "... BT ...", "bt"},
	{"vendor", "Fujitsu–Services", "fujitsu-services"}, // en dash
	{"vendor", "Fujitsu—Services", "fujitsu—services"}, // em dash kept, as score.py
	{"system", "Cerner\u00a0Millennium", "cerner millennium"},
	{"system", "Cerner\u2009Millennium", "cerner millennium"},
	{"system", "Cerner\x1fMillennium", "cerner millennium"}, // Python's isspace
	{"person", "Hans Weiß", "hans weiss"},                   // full case folding
	{"person", "İlker", "i̇lker"},
	{"person", "ΣΊΣΥΦΟΣ", "σίσυφοσ"},
	{"person", "Ꭰ ꭰ", "Ꭰ Ꭰ"}, // Cherokee folds to capitals
	{"person", "ﬁnn", "finn"},
	{"person", " . ", ""},
	// Money: currency and value to the unit, half to even.
	{"money", "GBP 7200000", "GBP 7200000"},
	{"money", "gbp7,200,000", "GBP 7200000"},
	{"money", "GBP 7200000.5", "GBP 7200000"},
	{"money", "GBP 7200001.5", "GBP 7200002"},
	{"money", "GBP 0.49", "GBP 0"},
	{"money", "USD\u00a01000000000000000000000", "USD 1000000000000000000000"},
	{"money", " EUR 12.7 ", "EUR 13"},
	{"money", "GBP 7.2m", "GBP 7.2m"}, // other shapes compare as written
	{"money", "£7200000", "£7200000"}, // not a currency code
	{"money", "GBP .5", "GBP .5"},     // a digit must lead
	{"money", "GBP 5.", "GBP 5."},     // digits must follow the point
	{"money", "GB 500", "GB 500"},     // three letters
	{"money", "GBP -500", "GBP -500"}, // no sign
	{"money", "GBPX 500", "GBPX 500"}, // exactly three letters
	{"money", "gbp 1,,2", "GBP 12"},   // commas anywhere after the first digit
	{"money", "GBP 500 ", "GBP 500"},  // trimmed first
	{"money", "GBP ６", "GBP ６"},       // ASCII digits only
	{"money", "GBP 1" + zeros(400), "GBP 1" + zeros(400)},
	// Dates and other types: exact, trimmed.
	{"date", "2008-06", "2008-06"},
	{"date", " 2009-autumn\n", "2009-autumn"},
	{"date", "The 2008", "The 2008"},
	{"place", "The Strand", "The Strand"},
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func TestKey(t *testing.T) {
	for _, tt := range keyTests {
		if got := Key(tt.typ, tt.norm); got != tt.want {
			t.Errorf("Key(%q, %q) = %q; want %q", tt.typ, tt.norm, got, tt.want)
		}
	}
}

func TestTypesMatchExtractor(t *testing.T) {
	var ext []string
	for _, et := range extract.EntityTypes {
		ext = append(ext, string(et))
	}
	if !slices.Equal(Types, ext) {
		t.Errorf("eval.Types = %v; extract.EntityTypes = %v", Types, ext)
	}
}

// python returns the path of python3, or skips the test.
func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: agreement with testdata/score.py not checked (the Go golden tests still run)")
	}
	return p
}

// TestKeyAgreesWithPython runs score.py's key() over the key tests and more.
func TestKeyAgreesWithPython(t *testing.T) {
	py := python(t)
	var in [][2]string
	for _, tt := range keyTests {
		in = append(in, [2]string{tt.typ, tt.norm})
	}
	for _, s := range []string{"ǅemal", "ΐ", "ŉ", "ẞ", "Ǆ", "ǰ", "ﬀ", "K", "Å", "µ", "ſ", "\u1e9e", "Ⓐ", "𐐀", "ᏸ", "ꭰꭱ", "Ᏸ"} {
		in = append(in, [2]string{"person", "The " + s + " &Co."})
	}
	dir := t.TempDir()
	inPath := filepath.Join(dir, "keys.json")
	b, _ := json.Marshal(in)
	if err := os.WriteFile(inPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
sys.path.insert(0, "testdata")
import score
out = []
for t, n in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        k = score.key(t, n)
    except OverflowError:
        k = n.strip()
    out.append(k if isinstance(k, str) else "%s %d" % k)
print(json.dumps(out))
`
	cmd := exec.Command(py, "-c", script, inPath)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 key(): %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("python3 key() output %q: %v", out, err)
	}
	if len(want) != len(in) {
		t.Fatalf("python3 returned %d keys for %d norms", len(want), len(in))
	}
	for i, x := range in {
		if got := Key(x[0], x[1]); got != want[i] {
			t.Errorf("Key(%q, %q) = %q; score.py key() = %q", x[0], x[1], got, want[i])
		}
	}
}
