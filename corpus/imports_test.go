package corpus

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestImportsNothingOfOurs keeps corpus the leaf of the pipeline: data flows
// ingest → corpus → extract → index, and corpus depends on none of them.
func TestImportsNothingOfOurs(t *testing.T) {
	const module = "github.com/nhs-trawl/trawl"
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); strings.HasPrefix(p, module) {
				t.Errorf("%s imports %s; corpus must import no package of ours", e.Name(), p)
			}
		}
	}
}
