package corpus

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/golang/snappy"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the store's layout.
const SchemaVersion = "1"

// ErrNotFound says a document is not in the store.
var ErrNotFound = errors.New("not in the store")

// ErrPartial says a stage finished but some inputs were rejected or failed.
// Commands turn it into exit code 3.
var ErrPartial = errors.New("some inputs were rejected")

// ErrBusy says the store file stayed locked by another process for longer
// than the store's timeout.
var ErrBusy = errors.New("store is busy")

var (
	bucketMeta       = []byte("meta")       // "schema" -> SchemaVersion
	bucketDocs       = []byte("docs")       // id -> JSON Document without Text and Sources
	bucketText       = []byte("text")       // id -> snappy(Text)
	bucketSources    = []byte("sources")    // location -> JSON sourceRecord
	bucketDocSources = []byte("docsources") // id \x00 location -> ""
	bucketRejects    = []byte("rejects")    // location -> JSON Rejection
	bucketChanges    = []byte("changes")    // seq (uint64 BE) -> JSON Change
	bucketExtract    = []byte("extract")    // id -> version \x00 snappy(result JSON)
	bucketState      = []byte("state")      // namespace \x00 key -> bytes of later stages (fetch state...)
	allBuckets       = [][]byte{bucketMeta, bucketDocs, bucketText, bucketSources, bucketDocSources, bucketRejects, bucketChanges, bucketExtract, bucketState}
)

// Store is the document store of a data directory: a bbolt file at
// DIR/store.db. Each View or Update opens the file, runs one transaction and
// closes it again, so that readers (any number, shared lock) and the one
// writer (exclusive lock, see Lock) take turns between transactions rather
// than for a whole run. A transaction either commits whole or not at all,
// so a killed process never leaves a half-written document.
type Store struct {
	path    string
	timeout time.Duration
	noSync  bool
	db      *bolt.DB // kept open when Options.KeepOpen

	// mapped holds the read-only files open for a View, with the bytes
	// of each mapping that hold data, for ReleaseMapped.
	mappedMu sync.Mutex
	mapped   map[*bolt.DB]mapping
}

// Options tune a Store.
type Options struct {
	// Timeout is how long a transaction waits for the file lock (default 30s).
	Timeout time.Duration
	// KeepOpen keeps the file open and locked until Close, for benchmarks
	// and tests that run many small transactions.
	KeepOpen bool
	// NoSync skips fsync: only for tests and benchmarks.
	NoSync bool
}

// Open prepares the store in dir, creating dir and the store file when
// missing, and checks the schema.
func Open(dir string, opts Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	s := &Store{path: filepath.Join(dir, "store.db"), timeout: opts.Timeout, noSync: opts.NoSync}
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	_, statErr := os.Stat(s.path)
	if opts.KeepOpen || errors.Is(statErr, os.ErrNotExist) {
		db, err := s.open(false)
		if err != nil {
			return nil, err
		}
		err = db.Update(func(tx *bolt.Tx) error { return initBuckets(tx) })
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: %w", s.path, err)
		}
		if opts.KeepOpen {
			s.db = db
		} else if err := db.Close(); err != nil {
			return nil, fmt.Errorf("open store %s: %w", s.path, err)
		}
	}
	if err := s.View(func(tx *Tx) error {
		v := tx.tx.Bucket(bucketMeta).Get([]byte("schema"))
		if string(v) != SchemaVersion {
			return fmt.Errorf("store schema %q; this trawl reads %q", v, SchemaVersion)
		}
		return nil
	}); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func initBuckets(tx *bolt.Tx) error {
	for _, b := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	m := tx.Bucket(bucketMeta)
	if m.Get([]byte("schema")) == nil {
		return m.Put([]byte("schema"), []byte(SchemaVersion))
	}
	return nil
}

// Path is the store file.
func (s *Store) Path() string { return s.path }

// Close releases a store opened with KeepOpen; otherwise it does nothing.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}

func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o644, &bolt.Options{
		Timeout:      s.timeout,
		ReadOnly:     readOnly,
		NoSync:       s.noSync,
		FreelistType: bolt.FreelistMapType,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w: still locked by another process after %s", s.path, ErrBusy, s.timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", s.path, err)
	}
	return db, nil
}

func (s *Store) with(readOnly bool, fn func(db *bolt.DB) error) error {
	if s.db != nil {
		return fn(s.db)
	}
	db, err := s.open(readOnly)
	if err != nil {
		return err
	}
	if readOnly {
		// A read-only file is mapped once, at open, and never remapped:
		// its pages can be released while it is open (ReleaseMapped). It
		// leaves the register before it is closed, so never unmapped
		// while registered.
		s.track(db)
		defer s.untrack(db) // only if fn panics: untracked before Close below
	}
	err = fn(db)
	if readOnly {
		s.untrack(db)
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close store %s: %w", s.path, cerr)
	}
	return err
}

// mapping is where an open read-only store file is mapped: the start and
// the bytes that hold data.
type mapping struct {
	addr uintptr
	size int64
}

func (s *Store) track(db *bolt.DB) {
	var size int64
	if err := db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil }); err != nil || size <= 0 {
		return
	}
	m := mapping{addr: db.Info().Data, size: size} // Info reads the mapping: only while open
	s.mappedMu.Lock()
	if s.mapped == nil {
		s.mapped = map[*bolt.DB]mapping{}
	}
	s.mapped[db] = m
	s.mappedMu.Unlock()
}

func (s *Store) untrack(db *bolt.DB) {
	s.mappedMu.Lock()
	delete(s.mapped, db)
	s.mappedMu.Unlock()
}

// ReleaseMapped drops the pages of the store file that read-only
// transactions have mapped from this process's resident set: the kernel's
// page cache keeps them, and a later read maps them again. A long read
// over a big store otherwise holds every page it touched until it ends.
// It returns the bytes of mapping released (0 where the system has no
// madvise).
func (s *Store) ReleaseMapped() (int64, error) {
	s.mappedMu.Lock()
	defer s.mappedMu.Unlock() // a file is not closed, so not unmapped, meanwhile
	var n int64
	for _, m := range s.mapped {
		if err := dropMapped(m.addr, m.size); err != nil {
			return n, fmt.Errorf("release store pages: %w", err)
		}
		n += m.size
	}
	return n, nil
}

// View runs fn in a read-only transaction.
func (s *Store) View(fn func(*Tx) error) error {
	return s.with(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
	})
}

// Update runs fn in a read-write transaction that commits when fn returns
// nil and rolls back otherwise. The caller should hold the writer lock.
func (s *Store) Update(fn func(*Tx) error) error {
	return s.with(false, func(db *bolt.DB) error {
		return db.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
	})
}

// Tx is a store transaction. It must not be used after its function returns
// nor from other goroutines.
type Tx struct {
	tx    *bolt.Tx
	walks map[string]time.Time // Walked roots, read once per transaction
}

// sourceRecord is what the sources bucket keeps per location.
type sourceRecord struct {
	DocID string `json:"doc"`
	Source
	SidecarSize    int64     `json:"sidecar_size,omitempty"`
	SidecarModTime time.Time `json:"sidecar_mtime,omitzero"`
}

// SourceState is what the store knows of a location, for deciding from
// (size, mtime) alone whether a file must be read again.
type SourceState struct {
	Source
	DocID          string
	SidecarSize    int64
	SidecarModTime time.Time
}

// ChangeOp is what happened to a document.
type ChangeOp string

// Change operations.
const (
	ChangePut    ChangeOp = "put"
	ChangeDelete ChangeOp = "delete"
)

// Change is one entry of the store's change log, which later stages read to
// bring themselves up to date incrementally.
type Change struct {
	Seq uint64   `json:"seq"`
	ID  string   `json:"id"`
	Op  ChangeOp `json:"op"`
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("decode record %q: %w", key, err)
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// Source returns what the store knows of a location.
func (t *Tx) Source(loc string) (SourceState, bool, error) {
	var r sourceRecord
	ok, err := getJSON(t.tx.Bucket(bucketSources), []byte(loc), &r)
	if !ok || err != nil {
		return SourceState{}, false, err
	}
	if !r.Missing {
		if w := t.lastWalk(loc); w.After(r.LastSeen) {
			r.LastSeen = w
		}
	}
	return SourceState{Source: r.Source, DocID: r.DocID, SidecarSize: r.SidecarSize, SidecarModTime: r.SidecarModTime}, true, nil
}

// Rejection returns the rejection recorded for a location.
func (t *Tx) Rejection(loc string) (Rejection, bool, error) {
	var r Rejection
	ok, err := getJSON(t.tx.Bucket(bucketRejects), []byte(loc), &r)
	return r, ok, err
}

// Has reports whether a document is stored.
func (t *Tx) Has(id string) bool {
	return t.tx.Bucket(bucketDocs).Get([]byte(id)) != nil
}

// ForEachID calls fn with every document ID in ID order.
func (t *Tx) ForEachID(fn func(id string) error) error {
	return t.tx.Bucket(bucketDocs).ForEach(func(k, _ []byte) error { return fn(string(k)) })
}

// Meta returns a document's metadata and structure, with its sources but
// without its text.
func (t *Tx) Meta(id string) (*Document, error) {
	var d Document
	ok, err := getJSON(t.tx.Bucket(bucketDocs), []byte(id), &d)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	if !ok {
		return nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	d.Sources, err = t.sourcesOf(id)
	return &d, err
}

// Document returns a whole document, text included.
func (t *Tx) Document(id string) (*Document, error) {
	d, err := t.Meta(id)
	if err != nil {
		return nil, err
	}
	raw := t.tx.Bucket(bucketText).Get([]byte(id))
	text, err := snappy.Decode(nil, raw)
	if err != nil {
		return nil, fmt.Errorf("document %s: text: %w", id, err)
	}
	d.Text = string(text)
	return d, nil
}

// ForEachMeta calls fn with the metadata of every document, in ID order.
func (t *Tx) ForEachMeta(fn func(*Document) error) error {
	return t.ForEachID(func(id string) error {
		d, err := t.Meta(id)
		if err != nil {
			return err
		}
		return fn(d)
	})
}

// FindIDs returns the stored IDs that start with prefix, in order (for
// short IDs typed by a person).
func (t *Tx) FindIDs(prefix string, max int) []string {
	var ids []string
	c := t.tx.Bucket(bucketDocs).Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = c.Next() {
		ids = append(ids, string(k))
		if len(ids) == max {
			break
		}
	}
	return ids
}

func (t *Tx) sourcesOf(id string) ([]Source, error) {
	var out []Source
	prefix := []byte(id + "\x00")
	c := t.tx.Bucket(bucketDocSources).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		st, ok, err := t.Source(string(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, st.Source)
		}
	}
	return out, nil
}

// Put stores a document (its text, metadata and structure; d.Sources is
// ignored) and logs the change. It replaces a stored document of the same ID
// and drops the extraction stored for it.
func (t *Tx) Put(d *Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	meta := *d
	meta.Text, meta.Sources = "", nil
	if err := putJSON(t.tx.Bucket(bucketDocs), []byte(d.ID), &meta); err != nil {
		return fmt.Errorf("put document %s: %w", d.ID, err)
	}
	if err := t.tx.Bucket(bucketText).Put([]byte(d.ID), snappy.Encode(nil, []byte(d.Text))); err != nil {
		return fmt.Errorf("put document %s: %w", d.ID, err)
	}
	// What was extracted from the old version (its date may have been
	// resolved against another published date) is stale.
	if err := t.tx.Bucket(bucketExtract).Delete([]byte(d.ID)); err != nil {
		return fmt.Errorf("put document %s: %w", d.ID, err)
	}
	return t.logChange(d.ID, ChangePut)
}

func (t *Tx) logChange(id string, op ChangeOp) error {
	b := t.tx.Bucket(bucketChanges)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return putJSON(b, k[:], Change{Seq: seq, ID: id, Op: op})
}

// Changes calls fn with the change log entries after seq, in order.
func (t *Tx) Changes(after uint64, fn func(Change) error) error {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], after+1)
	c := t.tx.Bucket(bucketChanges).Cursor()
	for key, v := c.Seek(k[:]); key != nil; key, v = c.Next() {
		var ch Change
		if err := json.Unmarshal(v, &ch); err != nil {
			return fmt.Errorf("change %x: %w", key, err)
		}
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a document, its text and its source links, and logs the
// change.
func (t *Tx) Delete(id string) error {
	if !t.Has(id) {
		return nil
	}
	prefix := []byte(id + "\x00")
	ds := t.tx.Bucket(bucketDocSources)
	var locs []string
	c := ds.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		locs = append(locs, string(k[len(prefix):]))
	}
	for _, loc := range locs {
		if err := ds.Delete([]byte(id + "\x00" + loc)); err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketSources).Delete([]byte(loc)); err != nil {
			return err
		}
	}
	if err := t.tx.Bucket(bucketDocs).Delete([]byte(id)); err != nil {
		return err
	}
	if err := t.tx.Bucket(bucketText).Delete([]byte(id)); err != nil {
		return err
	}
	if err := t.tx.Bucket(bucketExtract).Delete([]byte(id)); err != nil {
		return err
	}
	return t.logChange(id, ChangeDelete)
}

// Attach records that st.Location holds document id (which must be stored).
// When the location held another document before, that link is dropped, and
// a document left with no location is deleted. A rejection recorded for the
// location is cleared.
func (t *Tx) Attach(id string, st SourceState) error {
	if !t.Has(id) {
		return fmt.Errorf("attach %s: document %s: %w", st.Location, id, ErrNotFound)
	}
	old, ok, err := t.Source(st.Location)
	if err != nil {
		return err
	}
	if ok && old.DocID != id {
		if err := t.detach(old.DocID, st.Location); err != nil {
			return err
		}
	}
	if ok && !old.FirstSeen.IsZero() {
		st.FirstSeen = old.FirstSeen
	}
	rec := sourceRecord{DocID: id, Source: st.Source, SidecarSize: st.SidecarSize, SidecarModTime: st.SidecarModTime}
	rec.Missing = false
	if err := putJSON(t.tx.Bucket(bucketSources), []byte(st.Location), &rec); err != nil {
		return err
	}
	if err := t.tx.Bucket(bucketDocSources).Put([]byte(id+"\x00"+st.Location), nil); err != nil {
		return err
	}
	return t.tx.Bucket(bucketRejects).Delete([]byte(st.Location))
}

// detach drops the link between a document and a location, deleting the
// document when no location holds it any more.
func (t *Tx) detach(id, loc string) error {
	ds := t.tx.Bucket(bucketDocSources)
	if err := ds.Delete([]byte(id + "\x00" + loc)); err != nil {
		return err
	}
	prefix := []byte(id + "\x00")
	if k, _ := ds.Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
		return nil // another location still holds it
	}
	return t.Delete(id)
}

// Touch records that an unchanged location was seen again. Its record is
// written only when it was flagged missing: the time it was seen comes from
// the walk of its folder (see Walked), so that a run over 100,000 unchanged
// files writes nothing per file.
func (t *Tx) Touch(loc string, when time.Time) error {
	b := t.tx.Bucket(bucketSources)
	var r sourceRecord
	ok, err := getJSON(b, []byte(loc), &r)
	if !ok || err != nil || !r.Missing {
		return err
	}
	r.LastSeen, r.Missing = when, false
	return putJSON(b, []byte(loc), &r)
}

// walksNamespace is the state namespace of walked roots.
const walksNamespace = "corpus.walked"

// Walked records that root (a file, or a folder ending in the path
// separator) was walked at when: every location under it that is not
// flagged missing was seen then.
func (t *Tx) Walked(root string, when time.Time) error {
	v, err := when.UTC().MarshalText()
	if err != nil {
		return err
	}
	if t.walks != nil {
		t.walks[root] = when
	}
	return t.PutState(walksNamespace, root, v)
}

// lastWalk returns when the latest walk covering loc happened: of loc itself
// or of a folder holding it.
func (t *Tx) lastWalk(loc string) time.Time {
	if t.walks == nil {
		t.walks = map[string]time.Time{}
		_ = t.ForEachState(walksNamespace, func(root string, v []byte) error {
			var when time.Time
			if when.UnmarshalText(v) == nil {
				t.walks[root] = when
			}
			return nil
		})
	}
	var last time.Time
	if w, ok := t.walks[loc]; ok {
		last = w
	}
	for i := len(loc) - 1; i > 0 && len(t.walks) > 0; i-- {
		if loc[i-1] != '/' && loc[i-1] != '\\' {
			continue
		}
		if w, ok := t.walks[loc[:i]]; ok && w.After(last) {
			last = w
		}
	}
	return last
}

// MarkMissing flags a location that is gone from disk; its document stays.
func (t *Tx) MarkMissing(loc string) error {
	b := t.tx.Bucket(bucketSources)
	var r sourceRecord
	ok, err := getJSON(b, []byte(loc), &r)
	if !ok || err != nil || r.Missing {
		return err
	}
	r.Missing = true
	return putJSON(b, []byte(loc), &r)
}

// Remove forgets a location: its link, and its document when no other
// location holds it; also any rejection recorded for it.
func (t *Tx) Remove(loc string) error {
	st, ok, err := t.Source(loc)
	if err != nil {
		return err
	}
	if ok {
		if err := t.tx.Bucket(bucketSources).Delete([]byte(loc)); err != nil {
			return err
		}
		if err := t.detach(st.DocID, loc); err != nil {
			return err
		}
	}
	return t.tx.Bucket(bucketRejects).Delete([]byte(loc))
}

// Reject records a rejected input. A document the location held before (an
// earlier, good version of the file) stays: nothing stored is lost to a bad
// file.
func (t *Tx) Reject(r Rejection) error {
	return putJSON(t.tx.Bucket(bucketRejects), []byte(r.Location), &r)
}

// ForEachLocation calls fn for every known location under prefix (a file,
// or a folder ending in the path separator), sources and rejections alike,
// in order.
func (t *Tx) ForEachLocation(prefix string, fn func(loc string, rejected bool) error) error {
	for _, bk := range [][]byte{bucketSources, bucketRejects} {
		c := t.tx.Bucket(bk).Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
			if err := fn(string(k), bytes.Equal(bk, bucketRejects)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ForEachRejection calls fn with every rejection in location order.
func (t *Tx) ForEachRejection(fn func(Rejection) error) error {
	return t.tx.Bucket(bucketRejects).ForEach(func(k, v []byte) error {
		var r Rejection
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("rejection %q: %w", k, err)
		}
		return fn(r)
	})
}

// DeleteRejection forgets the rejection of a location.
func (t *Tx) DeleteRejection(loc string) error {
	return t.tx.Bucket(bucketRejects).Delete([]byte(loc))
}

// Check verifies the store's invariants: every source points at a stored
// document with text, every document has a source and text, and every link
// has both ends. It is what a crash must never break.
func (t *Tx) Check() error {
	src := t.tx.Bucket(bucketSources)
	ds := t.tx.Bucket(bucketDocSources)
	err := src.ForEach(func(k, v []byte) error {
		var r sourceRecord
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("source %s: %w", k, err)
		}
		if !t.Has(r.DocID) {
			return fmt.Errorf("source %s points at missing document %s", k, r.DocID)
		}
		if ds.Get([]byte(r.DocID+"\x00"+string(k))) == nil {
			return fmt.Errorf("source %s has no link from document %s", k, r.DocID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return t.ForEachID(func(id string) error {
		d, err := t.Document(id)
		if err != nil {
			return err
		}
		if len(d.Sources) == 0 {
			return fmt.Errorf("document %s has no source", id)
		}
		return d.Validate()
	})
}

// PutExtraction stores what a later stage extracted from a document, under
// the extractor's version, and logs a change so that indexes catch up. The
// store keeps the bytes as given (corpus knows nothing of their shape).
func (t *Tx) PutExtraction(id, version string, data []byte) error {
	if !t.Has(id) {
		return fmt.Errorf("put extraction %s: %w", id, ErrNotFound)
	}
	if strings.ContainsRune(version, 0) {
		return fmt.Errorf("put extraction %s: version %q holds a NUL byte", id, version)
	}
	v := append([]byte(version+"\x00"), snappy.Encode(nil, data)...)
	if err := t.tx.Bucket(bucketExtract).Put([]byte(id), v); err != nil {
		return fmt.Errorf("put extraction %s: %w", id, err)
	}
	return t.logChange(id, ChangePut)
}

// ExtractionVersion returns the version of the extraction stored for a
// document, "" when there is none, without decoding it.
func (t *Tx) ExtractionVersion(id string) string {
	v := t.tx.Bucket(bucketExtract).Get([]byte(id))
	if i := bytes.IndexByte(v, 0); i >= 0 {
		return string(v[:i])
	}
	return ""
}

// Extraction returns the stored extraction of a document and its version;
// found is false when there is none.
func (t *Tx) Extraction(id string) (version string, data []byte, found bool, err error) {
	v := t.tx.Bucket(bucketExtract).Get([]byte(id))
	i := bytes.IndexByte(v, 0)
	if i < 0 {
		return "", nil, false, nil
	}
	data, err = snappy.Decode(nil, v[i+1:])
	if err != nil {
		return "", nil, true, fmt.Errorf("extraction %s: %w", id, err)
	}
	return string(v[:i]), data, true, nil
}

// LastChange returns the sequence number of the newest change, 0 for none.
func (t *Tx) LastChange() uint64 {
	k, _ := t.tx.Bucket(bucketChanges).Cursor().Last()
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}

// State returns what a later stage stored under (namespace, key), such as
// the ETag of a fetched URL; found is false when nothing is.
func (t *Tx) State(namespace, key string) (val []byte, found bool) {
	v := t.tx.Bucket(bucketState).Get([]byte(namespace + "\x00" + key))
	if v == nil {
		return nil, false
	}
	return append([]byte(nil), v...), true
}

// PutState stores val under (namespace, key); a nil val deletes it.
func (t *Tx) PutState(namespace, key string, val []byte) error {
	if strings.ContainsRune(namespace, 0) || namespace == "" {
		return fmt.Errorf("put state: namespace %q: want a non-empty name without NUL", namespace)
	}
	k := []byte(namespace + "\x00" + key)
	if val == nil {
		return t.tx.Bucket(bucketState).Delete(k)
	}
	return t.tx.Bucket(bucketState).Put(k, val)
}

// ForEachState calls fn for every key of a namespace, in key order.
func (t *Tx) ForEachState(namespace string, fn func(key string, val []byte) error) error {
	prefix := []byte(namespace + "\x00")
	c := t.tx.Bucket(bucketState).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(string(k[len(prefix):]), v); err != nil {
			return err
		}
	}
	return nil
}
