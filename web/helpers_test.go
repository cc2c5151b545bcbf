package web

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/index"
	"github.com/nhs-trawl/trawl/ingest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is the store and index of the sample corpus, built once for the
// package's tests by TestMain.
type fixture struct {
	dir       string // temporary directory of everything
	corpusDir string // the copy of the corpus that was ingested
	store     *corpus.Store
	x         *index.Index
	ex        *extract.Extractor
	srv       *Server
}

var fx *fixture

func TestMain(m *testing.M) {
	flag.Parse()
	var err error
	fx, err = buildFixture()
	if err != nil {
		fmt.Fprintln(os.Stderr, "web tests: build fixture:", err)
		os.Exit(1)
	}
	code := m.Run()
	fx.x.Close()
	fx.store.Close()
	os.RemoveAll(fx.dir)
	os.Exit(code)
}

// buildFixture ingests a copy of ../testdata/corpus plus testdata/hostile
// (documents whose title and text hold markup), extracts and indexes it.
// The rescue-plan article's page carries no date; the copy gets a sidecar
// giving its month (November 2008), as 'make demo' gives it on the command
// line, so that its relative dates ("6 October") resolve.
func buildFixture() (*fixture, error) {
	dir, err := os.MkdirTemp("", "trawl-web-test-")
	if err != nil {
		return nil, err
	}
	f := &fixture{dir: dir, corpusDir: filepath.Join(dir, "corpus")}
	if err := os.CopyFS(f.corpusDir, os.DirFS("../testdata/corpus")); err != nil {
		return nil, fmt.Errorf("copy corpus: %w", err)
	}
	if err := os.CopyFS(filepath.Join(f.corpusDir, "hostile"), os.DirFS("testdata/hostile")); err != nil {
		return nil, fmt.Errorf("copy hostile: %w", err)
	}
	side := filepath.Join(f.corpusDir, "news", "ehi-24279-rescue-plan-for-royal-free.meta.json")
	if _, err := os.Stat(side); os.IsNotExist(err) {
		if err := os.WriteFile(side, []byte(`{"published": "2008-11"}`), 0o644); err != nil {
			return nil, err
		}
	}
	ctx := context.Background()
	f.store, err = corpus.Open(filepath.Join(dir, "data"), corpus.Options{KeepOpen: true, NoSync: true})
	if err != nil {
		return nil, err
	}
	ing := ingest.New(f.store, ingest.DefaultRegistry(ingest.RegistryOptions{}), ingest.Options{})
	if _, err := ing.Run(ctx, []string{f.corpusDir}); err != nil && !errorsIsPartial(err) {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	f.ex, err = extract.New(extract.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := f.ex.UpdateStore(ctx, f.store, extract.StoreOptions{}); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	idxDir := filepath.Join(dir, "data", "index")
	w, err := index.Open(idxDir, index.Options{Gazetteer: f.ex.Gazetteer()})
	if err != nil {
		return nil, err
	}
	if _, err := w.Update(ctx, f.store, nil); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	f.x, err = index.Open(idxDir, index.Options{ReadOnly: true, Gazetteer: f.ex.Gazetteer()})
	if err != nil {
		return nil, err
	}
	f.srv, err = New(Options{Store: f.store, Index: f.x, Gazetteer: f.ex.Gazetteer()})
	return f, err
}

func errorsIsPartial(err error) bool { return errors.Is(err, corpus.ErrPartial) }

// get runs a GET request against h and returns the status, headers and
// body.
func get(t testing.TB, h http.Handler, target string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Result().Header, string(body)
}

// docID finds the ID of the ingested document whose location ends with
// suffix.
func docID(t testing.TB, suffix string) string {
	t.Helper()
	var id string
	err := fx.store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error {
			for _, s := range d.Sources {
				if strings.HasSuffix(s.Location, suffix) {
					id = d.ID
				}
			}
			return nil
		})
	})
	if err != nil || id == "" {
		t.Fatalf("no document at *%s (err %v)", suffix, err)
	}
	return id
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
