// Package layering checks that packages import one another only along the
// pipeline: ingest → corpus → extract → index, with cmd and web on top.
package layering

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/nhs-trawl/trawl"

// allowed maps a top-level directory to the top-level directories of ours it
// may import (besides itself).
var allowed = map[string][]string{
	"corpus":   {},
	"ingest":   {"corpus"},
	"extract":  {"corpus"},
	"index":    {"corpus", "extract"},
	"web":      {"corpus", "ingest", "extract", "index"},
	"cmd":      {"corpus", "ingest", "extract", "index", "web", "internal"},
	"internal": {"corpus", "ingest", "extract", "index"},
}

func TestLayering(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		ok, known := allowed[top]
		if !known {
			t.Errorf("%s: top-level directory %q has no layering rule; add one", rel, top)
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module+"/") {
				continue
			}
			dep := strings.Split(strings.TrimPrefix(p, module+"/"), "/")[0]
			if dep == top || contains(ok, dep) {
				continue
			}
			t.Errorf("%s imports %s: %s may import only %v (data flows ingest → corpus → extract → index)", rel, p, top, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Errorf("checked only %d files; is the walk rooted right?", checked)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
