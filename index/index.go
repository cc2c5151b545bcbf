package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

// DefaultBatchBytes is the default size of an indexing batch, in bytes of
// record text (a document's text, title and fields, plus its events).
// BenchmarkBatchBytes on 1,000 generated documents of ~3.3 KB with three
// events each (2 shared cores, busy machine): one document per batch ~30
// docs/s (every batch is a segment to persist and merge), 1 MB ~300 docs/s,
// 4 MB ~460 docs/s, 16 MB ~490 docs/s. The rate is flat from 4 MB (about
// 1,000 documents of 600 words, 4,000 records with their events, bleve's
// usual advice) while a batch's memory (its analysed terms) keeps growing
// with its size, so 4 MB it is.
const DefaultBatchBytes = 4 << 20

// ErrNoIndex says the data directory has no index yet.
var ErrNoIndex = errors.New("no index: run 'trawl index' first")

// ErrMapping says the index was built by another version of trawl.
var ErrMapping = errors.New("index built with another mapping: run 'trawl index --rebuild'")

// Internal keys, kept in bleve's internal store and written inside the batch
// they describe.
const (
	keyMapping   = "trawl:mapping"
	keySeq       = "trawl:seq"
	keyTextBytes = "trawl:textbytes"
)

// What is indexed for each document (its number of events and bytes of
// text) is a stored field of its record, not an internal key: scorch copies
// every internal key into every snapshot it persists, so a key per document
// made each batch rewrite them all and a build quadratic (40,000 documents
// spent 29% of their CPU in it).

// writerConfig lets a batch return once it is searchable, before it is
// persisted, so that the next batch is analysed while the last is written.
// This keeps crash safety: scorch persists snapshots in order, each with the
// internal sequence of its batch, so the index on disk is always some prefix
// of the committed batches together with the sequence that ends it, and
// Close persists the rest.
//
// Merged segments are capped at 512 MB: a merge maps and reads its input
// segments whole, so the cap bounds the memory a merge holds (uncapped,
// merging a 100,000-document index reached GBs of resident pages).
var writerConfig = map[string]any{
	"unsafe_batch": true,
	"bolt_timeout": "10s",
	"scorchMergePlanOptions": map[string]any{
		"MaxSegmentFileSize": maxSegmentFileSize,
	},
}

const maxSegmentFileSize = 512 << 20

// settle runs the merges bleve's merge plan calls for now, and waits for
// them. bleve merges in the background, and a run that closes the index
// stops its merger: nightly runs each left their batches' segments, and
// after three runs of 10,000 changed documents a 100,000-document index
// had 48 segments, and searches, facets and timelines took 1.5-1.9 times
// as long.
func (x *Index) settle(ctx context.Context) error {
	adv, err := x.idx.Advanced()
	if err != nil {
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	mo := mergeplan.DefaultMergePlanOptions // as writerConfig's
	mo.MaxSegmentFileSize = maxSegmentFileSize
	if err := sc.ForceMerge(ctx, &mo); err != nil {
		return err
	}
	return x.awaitPurge(ctx, 5*time.Second)
}

// awaitPurge waits, at most max, until the index folder holds no segment
// file but the current snapshot's. scorch deletes the files of segments
// merged away when its persister is next idle; a process that closed the
// index before then left them on disk until the next writer opened it
// (420 MB beside a 1,433 MB index after a 100,000-document run). Past max
// it gives up quietly: the next writer deletes them.
func (x *Index) awaitPurge(ctx context.Context, max time.Duration) error {
	deadline := time.Now().Add(max)
	for {
		r, err := x.reader()
		if err != nil {
			return err
		}
		live := 0
		if snap, ok := r.(*scorch.IndexSnapshot); ok {
			for _, ss := range snap.Segments() {
				if m, ok := ss.Segment().(mappedSegment); ok && m.Path() != "" {
					live++
				}
			}
		}
		r.Close()
		files, err := filepath.Glob(filepath.Join(x.dir, "store", "*.zap"))
		if err != nil || len(files) <= live || time.Now().After(deadline) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Options tune an Index.
type Options struct {
	// BatchBytes caps an indexing batch (default DefaultBatchBytes).
	BatchBytes int
	// ReadOnly opens an existing index for searching only.
	ReadOnly bool
	// Rebuild deletes the index and starts afresh (ignored when ReadOnly).
	Rebuild bool
	// Logger receives warnings about documents that index only partly.
	Logger *slog.Logger
	// Gazetteer resolves entity names in filters; loaded on first need when
	// nil.
	Gazetteer *gazetteer.Gazetteer
	// FacetCache counts search facets from columns of every document's
	// facet values, read once (about a second per 100,000 documents) and
	// held in memory (about 15 MB per 100,000): for servers. ReadOnly
	// indexes only, whose snapshot never changes.
	FacetCache bool
	// MappedLimit caps, while Update runs, the process's resident pages of
	// memory-mapped files (Linux): above it the index's segment pages are
	// dropped from the resident set (see ReleaseMapped). 0 means
	// DefaultMappedLimit; below 0, no cap.
	MappedLimit int64
}

// Index is a bleve index of a store's documents and events.
type Index struct {
	dir  string
	idx  bleve.Index
	opts Options
	seq  uint64

	resolveOnce sync.Once
	resolver    *Resolver
	resolveErr  error

	colsOnce sync.Once
	cols     *facetColumns
	colsErr  error

	dates  dateKeys   // event dates parsed, for every timeline
	types  typeFields // the fields of documents alone and of events alone
	schema schema     // how records become bleve documents (writers)

	splitParts  int // ranges a search is cut into (splitBounds): 0 for one per core on big indexes
	exportChunk int // records an ordered read holds at once: 0 for orderedChunk
}

// create makes an empty index at dir: it is built beside it and renamed into
// place whole, so a process killed while creating it never leaves a
// half-written index (bleve writes index_meta.json in several steps).
func create(dir string, m *mapping.IndexMappingImpl) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	tmp := dir + ".new"
	if err := os.RemoveAll(tmp); err != nil { // left by a killed run
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	// Created with synchronous batches: with unsafe_batch the mapping and
	// version written here may not be on disk when Close returns.
	idx, err := bleve.NewUsing(tmp, m, scorch.Name, scorch.Name, map[string]any{"unsafe_batch": false, "bolt_timeout": "10s"})
	if err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := idx.SetInternal([]byte(keyMapping), []byte(MappingVersion)); err != nil {
		idx.Close()
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	os.Remove(dir) // an empty directory is fine to replace
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("create index %s: %w", dir, err)
	}
	if d, err := os.Open(filepath.Dir(dir)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// PathIn is where a data directory keeps its index.
func PathIn(dataDir string) string { return filepath.Join(dataDir, "index") }

// Open opens the index in dir, creating it when missing (unless ReadOnly).
func Open(dir string, opts Options) (*Index, error) {
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = DefaultBatchBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	meta := filepath.Join(dir, "index_meta.json")
	_, statErr := os.Stat(meta)
	exists := statErr == nil
	if opts.Rebuild && !opts.ReadOnly && exists {
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("rebuild index %s: %w", dir, err)
		}
		exists = false
	}
	types, err := newTypeFields()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	x := &Index{dir: dir, opts: opts, dates: newDateKeys(), types: types}
	if !exists {
		if opts.ReadOnly {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrNoIndex)
		}
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return nil, fmt.Errorf("open index %s: directory holds files but no index; remove it or choose another", dir)
		}
		m, err := NewMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		if err := create(dir, m); err != nil {
			return nil, err
		}
	}
	cfg := map[string]any{"read_only": true, "bolt_timeout": "10s"}
	if !opts.ReadOnly {
		cfg = writerConfig
	}
	idx, err := bleve.OpenUsing(dir, cfg)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	x.idx = idx
	v, err := idx.GetInternal([]byte(keyMapping))
	if err != nil || string(v) != MappingVersion {
		idx.Close()
		return nil, fmt.Errorf("open index %s (mapping %q, want %q): %w", dir, v, MappingVersion, ErrMapping)
	}
	if x.seq, err = x.internalUint(keySeq); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if !opts.ReadOnly {
		// The schema is read from the index's own mapping, whose
		// analyzers (and their memo) its queries use too.
		m, ok := idx.Mapping().(*mapping.IndexMappingImpl)
		if !ok {
			idx.Close()
			return nil, fmt.Errorf("open index %s: mapping is a %T", dir, idx.Mapping())
		}
		if x.schema, err = newSchema(m); err != nil {
			idx.Close()
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
	}
	return x, nil
}

// Close closes the index.
func (x *Index) Close() error {
	if x.idx == nil {
		return nil
	}
	err := x.idx.Close()
	x.idx = nil
	return err
}

// Dir is the index directory.
func (x *Index) Dir() string { return x.dir }

// Seq is the last store change the index has applied.
func (x *Index) Seq() uint64 { return x.seq }

func (x *Index) internalUint(key string) (uint64, error) {
	v, err := x.idx.GetInternal([]byte(key))
	if err != nil || len(v) == 0 {
		return 0, err
	}
	n, err := strconv.ParseUint(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("internal %s=%q: %w", key, v, err)
	}
	return n, nil
}

// UpdateStats counts what an Update did.
type UpdateStats struct {
	Changes   int     `json:"changes"` // change log entries read
	Indexed   int     `json:"indexed"` // documents (re)indexed
	Deleted   int     `json:"deleted"` // documents removed
	Events    int     `json:"events"`  // event records written
	Bare      int     `json:"bare"`    // documents indexed without an extraction
	Batches   int     `json:"batches"` // batches committed
	Bytes     int64   `json:"bytes"`   // record bytes indexed
	TextBytes int64   `json:"text"`    // bytes of document text indexed
	Seq       uint64  `json:"seq"`     // last change applied
	Seconds   float64 `json:"seconds"` // wall time
	// ReadSeconds is the time spent reading the store and building
	// records; CommitSeconds the time bleve took to analyse, write and
	// persist the batches.
	ReadSeconds   float64 `json:"read_seconds"`
	CommitSeconds float64 `json:"commit_seconds"`
	// MergeSeconds is the time spent at the end merging segments as
	// bleve's merge plan asks, rather than leaving them unmerged.
	MergeSeconds float64 `json:"merge_seconds,omitempty"`
	// MappedReleases counts the times the segment files' resident pages
	// were dropped for Options.MappedLimit.
	MappedReleases int `json:"mapped_releases,omitempty"`
}

// pending is one document's work in a batch.
type pending struct {
	id        string
	seq       uint64
	doc       map[string]any // nil: delete
	events    []map[string]any
	text      int
	oldEvents int // events indexed for it before
}

var errBatchFull = errors.New("batch full")

// inFlight is how many batches Update hands to bleve at once. A batch is
// analysed on every core, then builds its segment on one: with two in
// flight one batch's analysis overlaps the other's segment build, and the
// store is read beside both.
const inFlight = 2

// heapHigh tells whether the objects the last collection found live fill
// more than half of the Go heap's soft limit (trawl --memory-limit): Update
// then waits for the batch in flight before handing bleve another, trading
// speed for memory. It once counted every object allocated, garbage too:
// under GOGC 400 that was above half the limit most of the time, and
// batches took turns that could have overlapped (a 30,000-article rebuild
// took 42.6 s instead of 39.8, medians of five, alternating).
func heapHigh() bool {
	limit := debug.SetMemoryLimit(-1)
	if limit == math.MaxInt64 {
		return false
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return false
	}
	return sample[0].Value.Uint64() > uint64(limit/2)
}

// flight is a batch handed to bleve.
type flight struct {
	seq       uint64     // the last change it applies
	done      chan error // bleve's answer: the batch is searchable
	persisted chan error // the batch is on disk
	seconds   float64    // time bleve took
}

// Update brings the index up to date with the store by following its change
// log from the last applied change. progress, when not nil, is called after
// each batch. When everything is persisted, it runs the merges bleve's plan
// calls for (settle), and throughout it holds the segment files' resident
// pages near Options.MappedLimit.
//
// Crash safety: batches run concurrently and may be applied in any order,
// so each records as the applied position only the last change of the
// batches known applied when it was submitted, and a final batch records the
// last change once all are applied. The index on disk is always some
// applied batches plus a position no later than any change they miss; a
// rerun repeats what lies past that position, and since records are keyed by
// document (and event number) a repeat replaces, never duplicates.
func (x *Index) Update(ctx context.Context, store *corpus.Store, progress func(UpdateStats)) (st UpdateStats, err error) {
	if x.opts.ReadOnly {
		return st, fmt.Errorf("update index %s: opened read-only", x.dir)
	}
	t0 := time.Now()
	limit := x.opts.MappedLimit
	if limit == 0 {
		limit = DefaultMappedLimit
	}
	// The store's pages too: reading every changed document and its
	// extraction maps as much of the store as it reads (240 MiB of a
	// 100,000-document store, seen in /proc/self/smaps, when only the
	// index's were released).
	stopWatch := corpus.WatchMapped(ctx, limit, corpus.MappedCheckEvery, func() error {
		if _, err := x.ReleaseMapped(); err != nil {
			return err
		}
		_, err := store.ReleaseMapped()
		return err
	})
	defer func() {
		st.Seconds = time.Since(t0).Seconds()
		st.Seq = x.seq
		var werr error
		if st.MappedReleases, werr = stopWatch(); werr != nil {
			x.opts.Logger.Warn("index: release mapped segment pages", "err", werr)
		}
	}()
	textBytes, err := x.internalUint(keyTextBytes)
	if err != nil {
		return st, err
	}
	// A document usually has several pending changes (its text put by ingest,
	// then its extraction): only the latest is indexed, whichever batch it
	// falls in. An earlier one is skipped safely: the latest lies beyond any
	// position saved before it is applied.
	latest := map[string]uint64{}
	// Into an empty index nothing needs replacing: each document is indexed
	// once per Update, so none of its records can be there yet.
	n, err := x.idx.DocCount()
	if err != nil {
		return st, fmt.Errorf("update index: %w", err)
	}
	fresh := n == 0
	err = store.View(func(tx *corpus.Tx) error {
		return tx.Changes(x.seq, func(ch corpus.Change) error {
			latest[ch.ID] = ch.Seq
			return nil
		})
	})
	if err != nil {
		return st, fmt.Errorf("update index: read store: %w", err)
	}

	applied := x.seq // every batch up to this change is applied
	var flights []*flight
	var persisted []chan error
	// land waits for the oldest batch in flight.
	land := func() error {
		f := flights[0]
		flights = flights[1:]
		if err := <-f.done; err != nil {
			return err
		}
		persisted = append(persisted, f.persisted)
		applied = f.seq
		st.Batches++
		st.CommitSeconds += f.seconds
		if progress != nil {
			st.Seq = applied
			progress(st)
		}
		return nil
	}
	submit := func(work []pending, seq uint64, seal bool) {
		f := &flight{seq: seq, done: make(chan error, 1), persisted: make(chan error, 1)}
		flights = append(flights, f)
		b := x.idx.NewBatch()
		pos := applied // what is known applied: this batch may land before others
		if seal {
			pos = seq
		}
		b.SetInternal([]byte(keySeq), []byte(strconv.FormatUint(pos, 10)))
		b.SetInternal([]byte(keyTextBytes), []byte(strconv.FormatUint(textBytes, 10)))
		b.SetPersistedCallback(func(err error) { f.persisted <- err })
		go func() {
			for _, p := range work {
				if err := p.add(b, x.schema); err != nil {
					f.done <- err
					return
				}
			}
			t := time.Now()
			err := x.idx.Batch(b)
			f.seconds = time.Since(t).Seconds()
			if err != nil {
				err = fmt.Errorf("update index: commit batch: %w", err)
			}
			f.done <- err
		}()
	}
	// On every way out: wait for the batches in flight, seal the position
	// when all went well, and wait until what was applied is on disk.
	// An interrupted Update (cancelled, or the store unreadable) seals what
	// it applied too; a batch bleve failed leaves the position where the
	// batches before it put it.
	defer func() {
		var lerr error
		for len(flights) > 0 {
			if e := land(); e != nil && lerr == nil {
				lerr = e
			}
		}
		if lerr == nil && applied != x.seq {
			submit(nil, applied, true)
			lerr = land()
		}
		if lerr == nil {
			x.seq = applied
		} else if err == nil {
			err = lerr
		}
		for _, ch := range persisted {
			if perr := <-ch; perr != nil && err == nil {
				err = fmt.Errorf("update index: persist: %w", perr)
			}
		}
		if err == nil && st.Batches > 0 {
			t := time.Now()
			if serr := x.settle(ctx); serr != nil {
				err = fmt.Errorf("update index: merge: %w", serr)
			}
			st.MergeSeconds = time.Since(t).Seconds()
		}
	}()

	next := x.seq // the store's change log is read from here
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		tRead := time.Now()
		var work []pending
		var last uint64
		size := 0
		seen := map[string]bool{}
		err := store.View(func(tx *corpus.Tx) error {
			return tx.Changes(next, func(ch corpus.Change) error {
				if seen[ch.ID] || ch.Seq < latest[ch.ID] {
					// This batch has read the document's latest state: later
					// changes of it (an extraction stored after the text) are
					// done, even past the size limit.
					st.Changes++
					last = ch.Seq
					return nil
				}
				if size >= x.opts.BatchBytes {
					return errBatchFull
				}
				st.Changes++
				last = ch.Seq
				seen[ch.ID] = true
				p, err := x.prepare(tx, ch)
				if err != nil {
					return err
				}
				p.seq = ch.Seq
				size += 64
				if p.doc != nil {
					size += recordBytes(p.doc)
					for _, e := range p.events {
						size += recordBytes(e)
					}
				}
				work = append(work, p)
				return nil
			})
		})
		if err != nil && !errors.Is(err, errBatchFull) {
			return st, fmt.Errorf("update index: read store: %w", err)
		}
		if last == 0 {
			return st, nil // nothing new
		}
		full := errors.Is(err, errBatchFull)
		for i := range work {
			p := &work[i]
			var oldEvents, oldText int
			if !fresh {
				if oldEvents, oldText, err = x.docInfo(p.id); err != nil {
					return st, err
				}
			}
			p.oldEvents = oldEvents
			textBytes -= min(textBytes, uint64(oldText))
			if p.doc == nil {
				st.Deleted++
				continue
			}
			p.doc[fIndexed] = strconv.Itoa(len(p.events)) + " " + strconv.Itoa(p.text)
			if _, ok := p.doc[fExtractor]; !ok {
				st.Bare++
			}
			st.Indexed++
			st.Events += len(p.events)
			st.TextBytes += int64(p.text)
			textBytes += uint64(p.text)
		}
		st.ReadSeconds += time.Since(tRead).Seconds()
		st.Bytes += int64(size)
		for len(flights) >= inFlight || (len(flights) > 0 && heapHigh()) {
			if err := land(); err != nil {
				return st, err
			}
		}
		submit(work, last, false)
		next = last
		if !full {
			return st, nil
		}
	}
}

// add puts a document's records (or its deletion) into a batch.
func (p *pending) add(b *bleve.Batch, s schema) error {
	if p.doc == nil {
		b.Delete(p.id)
		for i := 0; i < p.oldEvents; i++ {
			b.Delete(eventID(p.id, i))
		}
		return nil
	}
	put := func(id string, rec map[string]any) error {
		d, err := s.document(id, rec)
		if err == nil {
			err = b.IndexAdvanced(d)
		}
		return err
	}
	if err := put(p.id, p.doc); err != nil {
		return fmt.Errorf("index document %s: %w", p.id, err)
	}
	for i, e := range p.events {
		if err := put(eventID(p.id, i), e); err != nil {
			return fmt.Errorf("index document %s event %d: %w", p.id, i, err)
		}
	}
	for i := len(p.events); i < p.oldEvents; i++ {
		b.Delete(eventID(p.id, i))
	}
	return nil
}

// docInfo returns the number of events and bytes of text indexed for a
// document (zeros when it is not indexed).
func (x *Index) docInfo(id string) (events, text int, err error) {
	d, err := x.idx.Document(id)
	if err != nil || d == nil {
		return 0, 0, err
	}
	var v string
	d.VisitFields(func(f bleveindex.Field) {
		if f.Name() == fIndexed {
			v = string(f.Value())
		}
	})
	if v == "" {
		return 0, 0, fmt.Errorf("index record of %s has no %s field", id, fIndexed)
	}
	if _, err := fmt.Sscanf(v, "%d %d", &events, &text); err != nil {
		return 0, 0, fmt.Errorf("index record of %s %q: %w", id, v, err)
	}
	return events, text, nil
}

// prepare reads a changed document's current state from the store.
func (x *Index) prepare(tx *corpus.Tx, ch corpus.Change) (pending, error) {
	p := pending{id: ch.ID}
	d, err := tx.Document(ch.ID)
	if errors.Is(err, corpus.ErrNotFound) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	var res *Extraction
	_, data, found, err := tx.Extraction(ch.ID)
	switch {
	case err != nil:
		x.opts.Logger.Warn("index: extraction unreadable; indexing text only", "doc", ch.ID, "err", err)
	case found:
		var r Extraction
		if err := decodeExtraction(data, &r); err != nil {
			x.opts.Logger.Warn("index: extraction undecodable; indexing text only", "doc", ch.ID, "err", err)
		} else {
			res = &r
		}
	}
	p.doc = docRecord(d, res)
	p.events = eventRecords(d, res)
	p.text = len(d.Text)
	return p, nil
}

// Stats describes the index.
type Stats struct {
	Docs      uint64  `json:"docs"`
	Events    uint64  `json:"events"`
	Seq       uint64  `json:"seq"`
	TextBytes uint64  `json:"text_bytes"` // document text indexed over the index's life
	DiskBytes int64   `json:"disk_bytes"`
	PerMB     float64 `json:"disk_per_text_mb"` // disk bytes per MB of text (approximate after deletions)
}

// Stats counts the index's records and measures it on disk.
func (x *Index) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Seq: x.seq}
	var err error
	if s.TextBytes, err = x.internalUint(keyTextBytes); err != nil {
		return s, err
	}
	for _, t := range []struct {
		typ string
		n   *uint64
	}{{TypeDoc, &s.Docs}, {TypeEvent, &s.Events}} {
		q := bleve.NewTermQuery(t.typ)
		q.SetField(fType)
		req := bleve.NewSearchRequestOptions(q, 0, 0, false)
		res, err := x.idx.SearchInContext(ctx, req)
		if err != nil {
			return s, fmt.Errorf("index stats: %w", err)
		}
		*t.n = res.Total
	}
	s.DiskBytes = dirSize(x.dir)
	if s.TextBytes > 0 {
		s.PerMB = float64(s.DiskBytes) / (float64(s.TextBytes) / 1e6)
	}
	return s, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
