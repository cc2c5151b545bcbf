package index

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestSnapshot(t *testing.T) {
	f := loadFixture(t, "testdata/search/london-cerner/docs.json")
	store := openStore(t)
	putDocs(t, store, f.docs)
	dir := filepath.Join(t.TempDir(), "index")
	w := openIndex(t, dir, Options{})
	if _, err := w.Update(context.Background(), store, nil); err != nil {
		t.Fatal(err)
	}
	// A writer holds the index: a snapshot waits, then says so.
	if err := Snapshot(dir, filepath.Join(t.TempDir(), "busy"), 50*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("snapshot of an index being written: %v; want ErrBusy", err)
	}
	w.Close()
	snap := filepath.Join(t.TempDir(), "snap")
	if err := Snapshot(dir, snap, time.Second); err != nil {
		t.Fatal(err)
	}
	x := openIndex(t, snap, Options{ReadOnly: true})
	// The snapshot does not hold the index: a writer opens it and updates.
	w2 := openIndex(t, dir, Options{})
	if _, err := w2.Update(context.Background(), store, nil); err != nil {
		t.Fatal(err)
	}
	w2.Close()
	orig := openIndex(t, dir, Options{ReadOnly: true})
	a, err := x.Search(context.Background(), SearchRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	b, err := orig.Search(context.Background(), SearchRequest{Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if a.Total == 0 || a.Total != b.Total || x.Seq() != orig.Seq() {
		t.Errorf("snapshot: %d documents at %d; index: %d at %d", a.Total, x.Seq(), b.Total, orig.Seq())
	}
	if err := Snapshot(filepath.Join(t.TempDir(), "none"), filepath.Join(t.TempDir(), "s"), time.Second); !errors.Is(err, ErrNoIndex) {
		t.Errorf("snapshot of no index: %v; want ErrNoIndex", err)
	}
}
