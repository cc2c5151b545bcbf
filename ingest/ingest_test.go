package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// fakeReader is a func-field mock of format.Reader.
type fakeReader struct {
	name  string
	read  func(ctx context.Context, in format.Input) (*corpus.Document, error)
	calls atomic.Int64
}

func (f *fakeReader) Name() string { return f.name }
func (f *fakeReader) Read(ctx context.Context, in format.Input) (*corpus.Document, error) {
	f.calls.Add(1)
	return f.read(ctx, in)
}

// textReader reads .txt files as their own text; "BAD" content is rejected,
// "PANIC" panics, "HANG" ignores its context, "FAULT" is a machine fault.
func textReader() *fakeReader {
	return &fakeReader{name: "fake/1", read: func(ctx context.Context, in format.Input) (*corpus.Document, error) {
		s := string(in.Data)
		switch {
		case strings.HasPrefix(s, "BAD"):
			return nil, format.Reject(format.ErrCorrupt, "bad marker")
		case strings.HasPrefix(s, "PANIC"):
			panic("reader bug")
		case strings.HasPrefix(s, "HANG"):
			time.Sleep(2 * time.Second)
		case strings.HasPrefix(s, "FAULT"):
			return nil, errors.New("disk on fire")
		}
		if err := format.CheckSize(in); err != nil {
			return nil, err
		}
		return &corpus.Document{Format: corpus.FormatText, Text: s, Reader: "fake/1"}, nil
	}}
}

type fixture struct {
	t     *testing.T
	dir   string
	store *corpus.Store
	rd    *fakeReader
	opts  Options
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := corpus.Open(t.TempDir(), corpus.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	return &fixture{t: t, dir: t.TempDir(), store: st, rd: textReader(), opts: Options{Workers: 2, Now: func() time.Time { return clock }}}
}

func (fx *fixture) write(name, content string) string {
	fx.t.Helper()
	p := filepath.Join(fx.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fx.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		fx.t.Fatal(err)
	}
	return p
}

func (fx *fixture) run(paths ...string) (Stats, error) {
	fx.t.Helper()
	reg := NewRegistry()
	reg.Register(fx.rd, ".txt")
	if len(paths) == 0 {
		paths = []string{fx.dir}
	}
	return New(fx.store, reg, fx.opts).Run(context.Background(), paths)
}

func (fx *fixture) check() {
	fx.t.Helper()
	if err := fx.store.View(func(tx *corpus.Tx) error { return tx.Check() }); err != nil {
		fx.t.Fatalf("store check: %v", err)
	}
}

func (fx *fixture) docs() map[string][]string {
	out := map[string][]string{}
	fx.store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error {
			for _, s := range d.Sources {
				rel, _ := filepath.Rel(fx.dir, s.Location)
				if s.Missing {
					rel += "(missing)"
				}
				out[d.Title] = append(out[d.Title], rel)
			}
			return nil
		})
	})
	return out
}

func TestIngestIncremental(t *testing.T) {
	fx := newFixture(t)
	fx.write("a.txt", "Alpha document\n\ntext")
	fx.write("sub/b.txt", "Beta document")
	fx.write("sub/copy-of-a.txt", "Alpha document\n\ntext")
	fx.write("bad.txt", "BAD file")
	fx.write("notes.xyz", "unsupported")
	fx.write(".hidden/c.txt", "hidden")

	st, err := fx.run()
	if !errors.Is(err, corpus.ErrPartial) {
		t.Fatalf("first run error = %v; want ErrPartial for the bad file", err)
	}
	if st.Files != 4 || st.New != 2 || st.Duplicates != 1 || st.Rejected != 1 || st.Skipped != 1 {
		t.Errorf("first run stats = %+v; want 4 files, 2 new, 1 duplicate, 1 rejected, 1 skipped", st)
	}
	fx.check()
	docs := fx.docs()
	if len(docs) != 2 || len(docs["Alpha document"]) != 2 {
		t.Errorf("docs = %v; want Alpha with 2 sources and Beta", docs)
	}

	// Unchanged inputs: decided from (path, size, mtime) alone. Rewrite a's
	// bytes behind trawl's back at the same size and mtime: if it read the
	// file, it would notice.
	a := filepath.Join(fx.dir, "a.txt")
	fi, _ := os.Stat(a)
	fx.write("a.txt", "ALPHA DOCUMENT\n\nTEXT")
	os.Chtimes(a, fi.ModTime(), fi.ModTime())
	calls := fx.rd.calls.Load()
	st, err = fx.run()
	if err != nil {
		t.Fatalf("second run error = %v", err)
	}
	if st.Read != 0 || st.New != 0 || st.Unchanged != 4 || fx.rd.calls.Load() != calls {
		t.Errorf("second run stats = %+v, reader calls %d; want nothing read, 4 unchanged", st, fx.rd.calls.Load()-calls)
	}
	if _, ok := fx.docs()["Alpha document"]; !ok {
		t.Errorf("second run re-read an unchanged file")
	}
}

func TestIngestChangedMissingPrune(t *testing.T) {
	fx := newFixture(t)
	fx.write("a.txt", "Version one")
	fx.write("b.txt", "Bee")
	if _, err := fx.run(); err != nil {
		t.Fatal(err)
	}
	// a changes: the new version replaces the old one, which had no other source.
	p := fx.write("a.txt", "Version two, longer")
	os.Chtimes(p, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	st, err := fx.run()
	if err != nil || st.New != 1 || st.Changed != 1 {
		t.Fatalf("changed run = %+v, %v; want 1 new, 1 changed", st, err)
	}
	docs := fx.docs()
	if _, ok := docs["Version one"]; ok || len(docs["Version two, longer"]) != 1 {
		t.Errorf("docs after change = %v; want only version two", docs)
	}
	fx.check()

	// b disappears: kept, flagged.
	os.Remove(filepath.Join(fx.dir, "b.txt"))
	st, err = fx.run()
	if err != nil || st.Missing != 1 {
		t.Fatalf("missing run = %+v, %v; want 1 missing", st, err)
	}
	if got := fx.docs()["Bee"]; len(got) != 1 || got[0] != "b.txt(missing)" {
		t.Errorf("Bee sources = %v; want b.txt flagged missing", got)
	}
	// A run over another folder does not touch this one's files.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "o.txt"), []byte("Other"), 0o644)
	fx.opts.Prune = true
	if _, err := fx.run(other); err != nil {
		t.Fatal(err)
	}
	if _, ok := fx.docs()["Bee"]; !ok {
		t.Errorf("pruning another folder removed this folder's missing file")
	}
	// --prune over this folder forgets it.
	st, err = fx.run()
	if err != nil || st.Missing != 1 {
		t.Fatalf("prune run = %+v, %v", st, err)
	}
	if _, ok := fx.docs()["Bee"]; ok {
		t.Errorf("Bee kept after --prune")
	}
	fx.check()
}

func TestIngestRejectedRetriedWhenChanged(t *testing.T) {
	fx := newFixture(t)
	p := fx.write("x.txt", "BAD at first")
	if st, err := fx.run(); !errors.Is(err, corpus.ErrPartial) || st.Rejected != 1 {
		t.Fatalf("run = %+v, %v; want 1 rejected and ErrPartial", st, err)
	}
	var reason string
	fx.store.View(func(tx *corpus.Tx) error {
		r, _, _ := tx.Rejection(p)
		reason = r.Reason
		return nil
	})
	if !strings.Contains(reason, "corrupt") || !strings.Contains(reason, "bad marker") {
		t.Errorf("recorded reason = %q; want the reader's reason", reason)
	}
	// Unchanged: not retried, and the exit stays clean.
	if st, err := fx.run(); err != nil || st.Read != 0 || st.Unchanged != 1 {
		t.Errorf("unchanged rejected run = %+v, %v; want not read", st, err)
	}
	fx.write("x.txt", "Fixed now, and longer")
	if st, err := fx.run(); err != nil || st.New != 1 {
		t.Errorf("fixed run = %+v, %v; want 1 new", st, err)
	}
	fx.store.View(func(tx *corpus.Tx) error {
		if _, found, _ := tx.Rejection(p); found {
			t.Errorf("rejection kept after the file was fixed")
		}
		return nil
	})
}

func TestIngestBadReadersDoNotStopTheBatch(t *testing.T) {
	fx := newFixture(t)
	fx.opts.Limits = format.DefaultLimits()
	fx.opts.Limits.Timeout = 200 * time.Millisecond
	fx.write("1-panic.txt", "PANIC")
	fx.write("2-hang.txt", "HANG")
	fx.write("3-fault.txt", "FAULT")
	fx.write("4-empty.txt", "")
	fx.write("5-good.txt", "Good one")
	st, err := fx.run()
	if !errors.Is(err, corpus.ErrPartial) {
		t.Fatalf("error = %v; want ErrPartial", err)
	}
	if st.New != 1 || st.Rejected != 3 || st.Failed != 1 {
		t.Errorf("stats = %+v; want 1 new, 3 rejected (panic, hang, empty), 1 failed (fault)", st)
	}
	reasons := map[string]string{}
	fx.store.View(func(tx *corpus.Tx) error {
		return tx.ForEachRejection(func(r corpus.Rejection) error {
			reasons[filepath.Base(r.Location)] = r.Reason
			return nil
		})
	})
	for file, want := range map[string]string{"1-panic.txt": "reader bug", "2-hang.txt": "timed out", "4-empty.txt": "empty"} {
		if !strings.Contains(reasons[file], want) {
			t.Errorf("reason for %s = %q; want it to say %q", file, reasons[file], want)
		}
	}
	if _, ok := reasons["3-fault.txt"]; ok {
		t.Errorf("a machine fault was recorded as a rejection; it must be retried")
	}
	if len(st.Problems) != 4 {
		t.Errorf("problems = %+v; want the 4 files with their reasons", st.Problems)
	}
	for _, p := range st.Problems {
		if filepath.Base(p.Path) == "3-fault.txt" != p.Failed || p.Reason == "" {
			t.Errorf("problem %+v: want a reason, and Failed only for the machine fault", p)
		}
	}
	// The fault is retried on the next run even though the file is unchanged.
	before := fx.rd.calls.Load()
	fx.run()
	if fx.rd.calls.Load() == before {
		t.Errorf("failed file not retried")
	}
}

func TestIngestSidecar(t *testing.T) {
	fx := newFixture(t)
	fx.write("paper.txt", "Some board paper")
	fx.write("paper.txt.meta.json", `{"title":"Trust Board, 26 November 2008","published":"2008-11-26","kind":"board-paper","source":"Royal Free"}`)
	fx.write("bad.txt", "Other")
	fx.write("bad.meta.json", `{"titel":"typo"}`)
	st, err := fx.run()
	if !errors.Is(err, corpus.ErrPartial) || st.New != 1 || st.Rejected != 1 || st.Sidecars != 2 {
		t.Fatalf("run = %+v, %v; want 1 new, 1 rejected for the bad sidecar", st, err)
	}
	var d *corpus.Document
	fx.store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(m *corpus.Document) error { d = m; return nil })
	})
	if d.Title != "Trust Board, 26 November 2008" || d.Published.String() != "2008-11-26" || d.PublishedSource != corpus.DateFromSidecar || d.Kind != corpus.KindBoardPaper || d.Outlet != "Royal Free" {
		t.Errorf("sidecar not applied: %+v", d)
	}
	// Changing only the sidecar re-reads the document.
	p := fx.write("paper.txt.meta.json", `{"title":"Renamed"}`)
	os.Chtimes(p, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	fx.run()
	fx.store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(m *corpus.Document) error { d = m; return nil })
	})
	if d.Title != "Renamed" {
		t.Errorf("title after sidecar change = %q; want Renamed", d.Title)
	}
}

func TestPlanReadsNothing(t *testing.T) {
	fx := newFixture(t)
	fx.write("a.txt", "A")
	fx.write("b.txt", "B")
	if _, err := fx.run(); err != nil {
		t.Fatal(err)
	}
	fx.write("c.txt", "C")
	p := fx.write("a.txt", "A changed")
	os.Chtimes(p, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	reg := NewRegistry()
	reg.Register(fx.rd, ".txt")
	calls := fx.rd.calls.Load()
	st, err := New(fx.store, reg, fx.opts).Plan([]string{fx.dir})
	if err != nil || st.Files != 3 || st.Unchanged != 1 || st.ToRead != 2 || fx.rd.calls.Load() != calls {
		t.Errorf("Plan = %+v, %v; want 3 files, 1 unchanged, 2 to read, nothing parsed", st, err)
	}
	if _, ok := fx.docs()["C"]; ok {
		t.Errorf("Plan stored a document")
	}
}

func TestIngestFileLimitWithoutReading(t *testing.T) {
	fx := newFixture(t)
	fx.opts.Limits = format.DefaultLimits()
	fx.opts.Limits.MaxFileBytes = 1000
	fx.write("huge.txt", strings.Repeat("x", 5000))
	st, err := fx.run()
	if !errors.Is(err, corpus.ErrPartial) || st.Rejected != 1 || st.Read != 0 {
		t.Errorf("run = %+v, %v; want rejected without reading", st, err)
	}
}

func TestIngestNoSuchPath(t *testing.T) {
	fx := newFixture(t)
	fx.write("a.txt", "A")
	st, err := fx.run(fx.dir, filepath.Join(fx.dir, "nope"))
	if !errors.Is(err, corpus.ErrPartial) || st.New != 1 || st.Failed != 1 {
		t.Errorf("run = %+v, %v; want the good path ingested and the missing one failed", st, err)
	}
}

func TestFinishDefaults(t *testing.T) {
	ing := New(nil, NewRegistry(), Options{})
	d := &corpus.Document{Format: corpus.FormatText, Text: "Royal Free board\n\nPublished: 14 March 2009\n\nBody."}
	ing.finish(d)
	if d.Kind != corpus.KindReport || d.Published.String() != "2009-03-14" || d.PublishedSource != corpus.DateFromDateline || d.Title != "Royal Free board" {
		t.Errorf("finish = kind %s, published %s from %s, title %q", d.Kind, d.Published, d.PublishedSource, d.Title)
	}
	h := &corpus.Document{Format: corpus.FormatHTML, Text: "No date here."}
	ing.finish(h)
	if h.Kind != corpus.KindNews || !h.Published.IsZero() || h.PublishedSource != "" {
		t.Errorf("finish(html) = kind %s, published %q from %q; want news, unknown", h.Kind, h.Published, h.PublishedSource)
	}
}
