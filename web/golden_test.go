package web

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// goldenDoc is a document of testdata/golden/fixture.json with a
// hand-written extraction, so that the golden pages test rendering, not
// the extractor. IDs are corpus.IDOf(name).
type goldenDoc struct {
	Name       string          `json:"name"`
	Location   string          `json:"location"`
	Doc        corpus.Document `json:"doc"`
	Extraction json.RawMessage `json:"extraction"`
}

var (
	goldenOnce sync.Once
	goldenSrv  *Server
	goldenErr  error
)

// goldenServer serves the golden fixture (built once).
func goldenServer(t *testing.T) *Server {
	t.Helper()
	goldenOnce.Do(func() { goldenSrv, goldenErr = buildGolden(filepath.Join(fx.dir, "golden")) })
	if goldenErr != nil {
		t.Fatalf("golden fixture: %v", goldenErr)
	}
	return goldenSrv
}

func buildGolden(dir string) (*Server, error) {
	raw, err := os.ReadFile("testdata/golden/fixture.json")
	if err != nil {
		return nil, err
	}
	var docs []goldenDoc
	if err := json.Unmarshal(raw, &docs); err != nil {
		return nil, err
	}
	store, err := corpus.Open(filepath.Join(dir, "data"), corpus.Options{NoSync: true})
	if err != nil {
		return nil, err
	}
	when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	err = store.Update(func(tx *corpus.Tx) error {
		for _, gd := range docs {
			d := gd.Doc
			d.ID = corpus.IDOf([]byte(gd.Name))
			if err := tx.Put(&d); err != nil {
				return err
			}
			st := corpus.SourceState{Source: corpus.Source{Location: gd.Location, Size: d.Size, ModTime: when, FirstSeen: when, LastSeen: when}}
			if err := tx.Attach(d.ID, st); err != nil {
				return err
			}
			var x map[string]any
			if err := json.Unmarshal(gd.Extraction, &x); err != nil {
				return err
			}
			x["id"] = d.ID
			data, err := json.Marshal(x)
			if err != nil {
				return err
			}
			if err := tx.PutExtraction(d.ID, "extract/test", data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	idxDir := filepath.Join(dir, "data", "index")
	w, err := index.Open(idxDir, index.Options{Gazetteer: fx.ex.Gazetteer()})
	if err != nil {
		return nil, err
	}
	if _, err := w.Update(context.Background(), store, nil); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	x, err := index.Open(idxDir, index.Options{ReadOnly: true, Gazetteer: fx.ex.Gazetteer()})
	if err != nil {
		return nil, err
	}
	return New(Options{Store: store, Index: x, Gazetteer: fx.ex.Gazetteer()})
}

// volatile matches the parts of pages that change from run to run.
var volatile = regexp.MustCompile(`in [0-9.]+ ms`)

func TestGoldenPages(t *testing.T) {
	srv := goldenServer(t)
	rescue, paper := corpus.IDOf([]byte("rescue")), corpus.IDOf([]byte("paper"))
	cases := []struct {
		name, url string
		status    int
	}{
		{"search-cerner", "/?q=Cerner", 200},
		{"search-facet", "/?q=cerner&trust=RAL&kind=board-paper", 200},
		{"search-home", "/", 200},
		{"search-bad-query", "/?q=%22go-live+delay", 400},
		{"doc-news", "/doc/" + rescue, 200},
		{"doc-pdf-pages", "/doc/" + paper, 200},
		{"entity-trust", "/entity/trust/RAL", 200},
		{"timeline-trust", "/timeline?trust=Royal+Free", 200},
		{"timeline-kinds", "/timeline?trust=RAL&kind=go-live&kind=rescue&from=2008&to=2008", 200},
		{"not-found", "/doc/" + corpus.IDOf([]byte("nothing")), 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, body := get(t, srv, c.url)
			if status != c.status {
				t.Errorf("GET %s: status %d; want %d", c.url, status, c.status)
			}
			got := volatile.ReplaceAllString(body, "in X ms")
			path := filepath.Join("testdata", "golden", c.name+".html")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./web -run TestGoldenPages -update)", err)
			}
			if got != string(want) {
				t.Errorf("GET %s differs from %s (run with -update and review the diff):\n%s", c.url, path, firstDiff(got, string(want)))
			}
			// Rendering is deterministic.
			if _, _, again := get(t, srv, c.url); volatile.ReplaceAllString(again, "in X ms") != got {
				t.Errorf("GET %s twice gave different pages", c.url)
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	gl, wl := splitLines(got), splitLines(want)
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return "line " + itoa(i+1) + ":\n got: " + g + "\nwant: " + w
		}
	}
	return ""
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func itoa(n int) string { return strconv.Itoa(n) }
