package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReproducible regenerates the fixtures and compares them with the
// committed ones, byte for byte (the encrypted one has random salts and is
// only rewritten with -encrypt).
func TestReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("renders three scanned pages")
	}
	out := t.TempDir()
	if err := run(out, "", "", false); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join("..", "..", "..", "ingest", "pdfdoc", "testdata")
	n := 0
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		got, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		want, err := os.ReadFile(filepath.Join(committed, rel))
		if err != nil {
			t.Errorf("%s: %v (rerun go generate ./ingest/pdfdoc)", rel, err)
			return nil
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: mkpdf writes %d bytes that differ from the committed %d (rerun go generate ./ingest/pdfdoc)", rel, len(got), len(want))
		}
		if len(got) > 300<<10 {
			t.Errorf("%s: %d bytes; keep fixtures under 300 KB", rel, len(got))
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 8 {
		t.Errorf("mkpdf wrote %d fixtures; want 8", n)
	}
}

func BenchmarkScan(b *testing.B) {
	s := newSheet()
	s.body("The Trust went live with Millennium in June 2008.")
	for b.Loop() {
		s.scan(420, 1)
	}
}
