package index

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureDoc is a document of a test corpus: docs.json holds a list. IDs
// are derived from names (corpus.IDOf(name)), offsets of entities and event
// sentences from the text when left zero.
type fixtureDoc struct {
	Name       string          `json:"name"`
	Location   string          `json:"location"`
	Doc        corpus.Document `json:"doc"`
	Extraction *Extraction     `json:"extraction"`
}

// fixture is a loaded test corpus: names to IDs and back.
type fixture struct {
	docs  []fixtureDoc
	ids   map[string]string // name -> id
	names map[string]string // id -> name
}

func loadFixture(t testing.TB, path string) *fixture {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ids: map[string]string{}, names: map[string]string{}}
	if err := json.Unmarshal(raw, &f.docs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i := range f.docs {
		fd := &f.docs[i]
		fd.Doc.ID = corpus.IDOf([]byte(fd.Name))
		f.ids[fd.Name] = fd.Doc.ID
		f.names[fd.Doc.ID] = fd.Name
		if x := fd.Extraction; x != nil {
			x.DocID = fd.Doc.ID
			text := fd.Doc.Text
			for j := range x.Entities {
				e := &x.Entities[j]
				if e.Start == 0 && e.End == 0 {
					if k := strings.Index(text, e.Text); k >= 0 {
						e.Start, e.End = k, k+len(e.Text)
					}
				}
			}
			for j := range x.Events {
				ev := &x.Events[j]
				if ev.Start == 0 && ev.End == 0 {
					k := strings.Index(text, ev.Sentence)
					if k < 0 {
						t.Fatalf("%s: %s: event sentence %q not in text", path, fd.Name, ev.Sentence)
					}
					ev.Start, ev.End = k, k+len(ev.Sentence)
				}
			}
		}
	}
	return f
}

// name returns the fixture name of a document ID (or the ID).
func (f *fixture) name(id string) string {
	if n, ok := f.names[id]; ok {
		return n
	}
	return id
}

// put writes fixture documents into a store.
func putDocs(t testing.TB, store *corpus.Store, docs []fixtureDoc) {
	t.Helper()
	err := store.Update(func(tx *corpus.Tx) error {
		for i := range docs {
			fd := docs[i]
			d := fd.Doc
			if err := tx.Put(&d); err != nil {
				return err
			}
			loc := fd.Location
			if loc == "" {
				loc = "/corpus/" + fd.Name
			}
			st := corpus.SourceState{Source: corpus.Source{Location: loc, Size: int64(len(d.Text)),
				ModTime: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), FirstSeen: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}}
			if err := tx.Attach(d.ID, st); err != nil {
				return err
			}
			if fd.Extraction != nil {
				data, err := json.Marshal(fd.Extraction)
				if err != nil {
					return err
				}
				if err := tx.PutExtraction(d.ID, "extract/test", data); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("put fixture documents: %v", err)
	}
}

// openStore opens a new store in a temporary directory.
func openStore(t testing.TB) *corpus.Store {
	t.Helper()
	s, err := corpus.Open(t.TempDir(), corpus.Options{KeepOpen: true, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// buildIndex indexes a fixture corpus and returns the index.
func buildIndex(t testing.TB, f *fixture) (*Index, *corpus.Store) {
	t.Helper()
	store := openStore(t)
	putDocs(t, store, f.docs)
	x := openIndex(t, filepath.Join(t.TempDir(), "index"), Options{})
	if _, err := x.Update(context.Background(), store, nil); err != nil {
		t.Fatalf("Update: %v", err)
	}
	return x, store
}

func openIndex(t testing.TB, dir string, opts Options) *Index {
	t.Helper()
	if opts.Gazetteer == nil {
		resolverT(t)
		opts.Gazetteer = testGaz
	}
	x, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func mustDate(t testing.TB, s string) corpus.Date {
	t.Helper()
	d, err := corpus.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
