package corpus

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func ok(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testDoc(text string) *Document {
	return &Document{ID: IDOf([]byte(text)), Kind: KindNews, Format: FormatText, Title: "T " + text, Text: text, Reader: "text/1", Published: MonthDate(2009, 3)}
}

func src(loc string, size int64) SourceState {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return SourceState{Source: Source{Location: loc, Size: size, ModTime: now, FirstSeen: now, LastSeen: now}}
}

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{NoSync: true})
	ok(t, err)
	return s
}

func TestStorePutAttachRoundTrip(t *testing.T) {
	s := openTest(t)
	d := testDoc("hello world")
	d.Pages = []Span{{0, 5}, {6, 11}}
	d.Meeting = &Meeting{Date: DayDate(2008, 11, 26), Items: []AgendaItem{{Number: "7", Title: "EPR", Start: 6}}}
	ok(t, s.Update(func(tx *Tx) error {
		if err := tx.Put(d); err != nil {
			return err
		}
		return tx.Attach(d.ID, src("/a/x.txt", 11))
	}))
	ok(t, s.View(func(tx *Tx) error {
		got, err := tx.Document(d.ID)
		if err != nil {
			return err
		}
		if got.Text != d.Text || got.Title != d.Title || got.Published != d.Published || got.Meeting.Items[0].Title != "EPR" || len(got.Pages) != 2 {
			t.Errorf("Document() = %+v; want %+v", got, d)
		}
		if len(got.Sources) != 1 || got.Sources[0].Location != "/a/x.txt" {
			t.Errorf("Sources = %+v; want one at /a/x.txt", got.Sources)
		}
		if ids := tx.FindIDs(d.ID[:6], 10); len(ids) != 1 || ids[0] != d.ID {
			t.Errorf("FindIDs(%s) = %v", d.ID[:6], ids)
		}
		return tx.Check()
	}))
}

func TestStoreSourcesAndOrphans(t *testing.T) {
	s := openTest(t)
	a, b := testDoc("version one"), testDoc("version two")
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.Put(a))
		ok(t, tx.Attach(a.ID, src("/x/1.txt", 11)))
		ok(t, tx.Attach(a.ID, src("/x/copy.txt", 11))) // same bytes, second path
		return nil
	}))
	// /x/1.txt changes to version two: a stays, held by the copy.
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.Put(b))
		return tx.Attach(b.ID, src("/x/1.txt", 11))
	}))
	ok(t, s.View(func(tx *Tx) error {
		if !tx.Has(a.ID) || !tx.Has(b.ID) {
			t.Errorf("after change: has a %v, b %v; want both", tx.Has(a.ID), tx.Has(b.ID))
		}
		return tx.Check()
	}))
	// The copy changes too: a has no source left and goes.
	ok(t, s.Update(func(tx *Tx) error { return tx.Attach(b.ID, src("/x/copy.txt", 11)) }))
	ok(t, s.View(func(tx *Tx) error {
		if tx.Has(a.ID) {
			t.Errorf("orphaned document %s still stored", a.ID[:8])
		}
		d, err := tx.Meta(b.ID)
		ok(t, err)
		if len(d.Sources) != 2 {
			t.Errorf("b sources = %d; want 2", len(d.Sources))
		}
		return tx.Check()
	}))
	// Missing keeps the document; Remove of both drops it.
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.MarkMissing("/x/1.txt"))
		st, _, _ := tx.Source("/x/1.txt")
		if !st.Missing {
			t.Errorf("MarkMissing did not flag the source")
		}
		ok(t, tx.Remove("/x/1.txt"))
		ok(t, tx.Remove("/x/copy.txt"))
		return nil
	}))
	var ops []string
	ok(t, s.View(func(tx *Tx) error {
		if tx.Has(b.ID) {
			t.Errorf("document kept after its last source was removed")
		}
		return tx.Changes(0, func(c Change) error {
			ops = append(ops, string(c.Op)+" "+c.ID[:4])
			return nil
		})
	}))
	want := []string{"put " + a.ID[:4], "put " + b.ID[:4], "delete " + a.ID[:4], "delete " + b.ID[:4]}
	if strings.Join(ops, ",") != strings.Join(want, ",") {
		t.Errorf("changes = %v; want %v", ops, want)
	}
}

func TestStoreRejectKeepsOldVersion(t *testing.T) {
	s := openTest(t)
	a := testDoc("good version")
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.Put(a))
		ok(t, tx.Attach(a.ID, src("/r/x.txt", 12)))
		return tx.Reject(Rejection{Location: "/r/x.txt", Reason: "corrupt", Size: 3})
	}))
	ok(t, s.View(func(tx *Tx) error {
		if !tx.Has(a.ID) {
			t.Errorf("a rejected new version lost the stored one")
		}
		r, found, err := tx.Rejection("/r/x.txt")
		if !found || err != nil || r.Reason != "corrupt" {
			t.Errorf("Rejection = %+v, %v, %v", r, found, err)
		}
		n := 0
		ok(t, tx.ForEachLocation("/r/", func(string, bool) error { n++; return nil }))
		if n != 2 {
			t.Errorf("ForEachLocation saw %d; want 2 (source and rejection)", n)
		}
		return nil
	}))
	// A good read attaches and clears the rejection.
	ok(t, s.Update(func(tx *Tx) error { return tx.Attach(a.ID, src("/r/x.txt", 12)) }))
	ok(t, s.View(func(tx *Tx) error {
		if _, found, _ := tx.Rejection("/r/x.txt"); found {
			t.Errorf("rejection kept after a good read")
		}
		return nil
	}))
}

func TestStoreExtraction(t *testing.T) {
	s := openTest(t)
	d := testDoc("text for extraction")
	ok(t, s.Update(func(tx *Tx) error {
		if err := tx.PutExtraction(d.ID, "extract/1", []byte("{}")); !errors.Is(err, ErrNotFound) {
			t.Errorf("PutExtraction before Put = %v; want ErrNotFound", err)
		}
		ok(t, tx.Put(d))
		ok(t, tx.Attach(d.ID, src("/e/x.txt", 19)))
		return tx.PutExtraction(d.ID, "extract/1", []byte(`{"entities":[]}`))
	}))
	ok(t, s.View(func(tx *Tx) error {
		v, data, found, err := tx.Extraction(d.ID)
		if !found || err != nil || v != "extract/1" || string(data) != `{"entities":[]}` || tx.ExtractionVersion(d.ID) != "extract/1" {
			t.Errorf("Extraction = %q, %q, %v, %v", v, data, found, err)
		}
		if tx.LastChange() != 2 {
			t.Errorf("LastChange = %d; want 2 (put, extraction)", tx.LastChange())
		}
		return nil
	}))
	ok(t, s.Update(func(tx *Tx) error { return tx.Remove("/e/x.txt") }))
	ok(t, s.View(func(tx *Tx) error {
		if _, _, found, _ := tx.Extraction(d.ID); found {
			t.Errorf("extraction kept after its document was deleted")
		}
		return nil
	}))
}

func TestStoreState(t *testing.T) {
	s := openTest(t)
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.PutState("fetch", "https://a/1", []byte(`{"etag":"x"}`)))
		ok(t, tx.PutState("fetch", "https://a/2", []byte(`2`)))
		ok(t, tx.PutState("fetchx", "https://a/1", []byte(`other`)))
		if err := tx.PutState("", "k", nil); err == nil {
			t.Errorf("PutState with an empty namespace succeeded")
		}
		return tx.PutState("fetch", "https://a/2", nil)
	}))
	ok(t, s.View(func(tx *Tx) error {
		v, found := tx.State("fetch", "https://a/1")
		if !found || string(v) != `{"etag":"x"}` {
			t.Errorf("State = %q, %v", v, found)
		}
		var keys []string
		ok(t, tx.ForEachState("fetch", func(k string, _ []byte) error { keys = append(keys, k); return nil }))
		if len(keys) != 1 || keys[0] != "https://a/1" {
			t.Errorf("ForEachState(fetch) keys = %v; want only https://a/1", keys)
		}
		return nil
	}))
}

func TestStorePutValidates(t *testing.T) {
	s := openTest(t)
	d := testDoc("x")
	d.Pages = []Span{{0, 99}}
	err := s.Update(func(tx *Tx) error { return tx.Put(d) })
	if err == nil {
		t.Fatal("Put of a document with a page outside its text succeeded")
	}
	ok(t, s.View(func(tx *Tx) error {
		if tx.Has(d.ID) {
			t.Errorf("failed transaction left the document behind")
		}
		return nil
	}))
}

func TestAttachUnknownDocument(t *testing.T) {
	s := openTest(t)
	err := s.Update(func(tx *Tx) error { return tx.Attach(strings.Repeat("a", 64), src("/q", 1)) })
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Attach(unknown) = %v; want ErrNotFound", err)
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := Lock(dir, "trawl ingest")
	ok(t, err)
	_, err = Lock(dir, "trawl ingest")
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) || le.Holder.Command != "trawl ingest" || le.Holder.PID == 0 {
		t.Fatalf("second Lock = %v; want ErrLocked naming the holder", err)
	}
	ok(t, l.Unlock())
	l2, err := Lock(dir, "again")
	ok(t, err)
	ok(t, l2.Unlock())
}

func BenchmarkStorePut(b *testing.B) {
	s, err := Open(b.TempDir(), Options{KeepOpen: true, NoSync: true})
	ok(b, err)
	defer s.Close()
	text := strings.Repeat("The trust's board heard that the Cerner Millennium go-live was delayed. ", 60)
	b.SetBytes(int64(len(text)))
	for i := 0; b.Loop(); i++ {
		d := testDoc(text + string(rune('a'+i%26)) + time.Duration(i).String())
		ok(b, s.Update(func(tx *Tx) error {
			if err := tx.Put(d); err != nil {
				return err
			}
			return tx.Attach(d.ID, src("/bench/"+d.ID, int64(len(text))))
		}))
	}
}

// TestStoreWalked: a location's last-seen time is the latest of its own
// record and the walks of the folders (or the file) holding it, unless it
// is flagged missing; Touch writes only to unflag a location found back.
func TestStoreWalked(t *testing.T) {
	s := openTest(t)
	d := testDoc("walked")
	attached := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ok(t, s.Update(func(tx *Tx) error {
		ok(t, tx.Put(d))
		ok(t, tx.Attach(d.ID, src("/r/sub/a.txt", 6)))
		return tx.Attach(d.ID, src("/r/sub/b.txt", 6))
	}))
	lastSeen := func(loc string) time.Time {
		t.Helper()
		var got time.Time
		ok(t, s.View(func(tx *Tx) error {
			st, found, err := tx.Source(loc)
			if !found {
				t.Fatalf("Source(%s) not found", loc)
			}
			got = st.LastSeen
			return err
		}))
		return got
	}
	walk1 := attached.Add(24 * time.Hour)
	walk2 := attached.Add(48 * time.Hour)
	fileWalk := attached.Add(72 * time.Hour)
	steps := []struct {
		name  string
		apply func(tx *Tx) error
		want  map[string]time.Time
	}{
		{"before any walk", nil, map[string]time.Time{"/r/sub/a.txt": attached, "/r/sub/b.txt": attached}},
		{"walk of the top folder", func(tx *Tx) error { return tx.Walked("/r/", walk1) },
			map[string]time.Time{"/r/sub/a.txt": walk1, "/r/sub/b.txt": walk1}},
		{"a later walk of the subfolder", func(tx *Tx) error { return tx.Walked("/r/sub/", walk2) },
			map[string]time.Time{"/r/sub/a.txt": walk2, "/r/sub/b.txt": walk2}},
		{"an earlier root does not win", func(tx *Tx) error { return tx.Walked("/r/", walk1) },
			map[string]time.Time{"/r/sub/a.txt": walk2}},
		{"b gone: its time stays", func(tx *Tx) error { return tx.MarkMissing("/r/sub/b.txt") },
			map[string]time.Time{"/r/sub/b.txt": attached}},
		{"b back", func(tx *Tx) error { return tx.Touch("/r/sub/b.txt", fileWalk) },
			map[string]time.Time{"/r/sub/b.txt": fileWalk}},
		{"a walked as a file", func(tx *Tx) error { return tx.Walked("/r/sub/a.txt", fileWalk) },
			map[string]time.Time{"/r/sub/a.txt": fileWalk}},
		{"no prefix confusion", func(tx *Tx) error { return tx.Walked("/r/su", fileWalk.Add(time.Hour)) },
			map[string]time.Time{"/r/sub/b.txt": fileWalk}},
	}
	for _, step := range steps {
		if step.apply != nil {
			ok(t, s.Update(step.apply))
		}
		for loc, want := range step.want {
			if got := lastSeen(loc); !got.Equal(want) {
				t.Errorf("%s: LastSeen(%s) = %v; want %v", step.name, loc, got, want)
			}
		}
	}
	ok(t, s.View(func(tx *Tx) error {
		got, err := tx.Document(d.ID)
		if err != nil {
			return err
		}
		if len(got.Sources) != 2 || !got.Sources[0].LastSeen.Equal(fileWalk) {
			t.Errorf("Document sources = %+v; want a.txt last seen %v", got.Sources, fileWalk)
		}
		return nil
	}))
}
