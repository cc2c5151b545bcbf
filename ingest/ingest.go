// Package ingest brings files into the corpus store: it walks folders,
// decides from (path, size, mtime) alone what is new or changed, reads those
// files with the format readers in parallel, and commits documents in
// batches, one transaction each, so that an interrupted run leaves a clean
// store and the next run completes the work.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Options control an ingest run.
type Options struct {
	Kind       corpus.Kind // force this kind on every document ("" to detect)
	SourceName string      // the --source name recorded with each location
	Prune      bool        // forget locations that are gone, instead of flagging them
	Limits     format.Limits
	Workers    int // readers in parallel (default: the number of CPUs)

	BatchDocs  int // documents per commit (default 64)
	BatchBytes int // text bytes per commit (default 32 MiB)

	Now      func() time.Time // the clock for first/last-seen times (default time.Now)
	Logger   *slog.Logger     // default: discard
	Progress func(Progress)   // called after each file; nil for none
}

// Progress is a running count for a progress display.
type Progress struct {
	Done, Total int
	Path        string
	Stats       Stats
}

// Stats counts what a run did.
type Stats struct {
	Files      int     `json:"files"`      // supported files found
	Unchanged  int     `json:"unchanged"`  // skipped: same size and mtime as stored
	Read       int     `json:"read"`       // files whose content was read
	Bytes      int64   `json:"bytes"`      // bytes read
	New        int     `json:"new"`        // documents stored for the first time
	Changed    int     `json:"changed"`    // known locations whose content changed
	Duplicates int     `json:"duplicates"` // files whose content was already stored under another location
	Rejected   int     `json:"rejected"`   // bad inputs, recorded with their reason
	Failed     int     `json:"failed"`     // faults not of the input (I/O errors, a missing program): retried next run
	Missing    int     `json:"missing"`    // known locations gone from disk (flagged, or forgotten with Prune)
	Skipped    int     `json:"skipped"`    // files of unsupported types
	Sidecars   int     `json:"sidecars"`   // files read with a sidecar
	ToRead     int     `json:"to_read"`    // new or changed files (what Plan reports; Run reads them)
	Seconds    float64 `json:"seconds"`
	// Problems lists the files rejected or failed in this run, with the
	// reason (at most MaxProblems of them; the counts above are complete).
	Problems []Problem `json:"problems,omitempty"`
}

// Problem is a file a run could not store.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Failed bool   `json:"failed,omitempty"` // a fault of the machine, retried next run (else a rejection of the input)
}

// MaxProblems caps Stats.Problems.
const MaxProblems = 1000

func (st *Stats) problem(path string, err error, failed bool) {
	if len(st.Problems) < MaxProblems {
		st.Problems = append(st.Problems, Problem{Path: path, Reason: err.Error(), Failed: failed})
	}
}

// Ingester runs ingest over a store with a registry of readers.
type Ingester struct {
	store *corpus.Store
	reg   *Registry
	opts  Options
}

// New returns an Ingester.
func New(store *corpus.Store, reg *Registry, opts Options) *Ingester {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.BatchDocs <= 0 {
		opts.BatchDocs = 64
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 32 << 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Limits == (format.Limits{}) {
		opts.Limits = format.DefaultLimits()
	}
	return &Ingester{store: store, reg: reg, opts: opts}
}

// file is one input found by the walk.
type file struct {
	path    string // absolute
	size    int64
	mtime   time.Time
	sidecar string // path of its sidecar, "" for none
	scSize  int64
	scMtime time.Time
	known   bool // the location was stored before (as a source or a rejection)
}

func (f *file) sameAs(size int64, mtime time.Time, scSize int64, scMtime time.Time) bool {
	return f.size == size && f.mtime.Equal(mtime) && f.scSize == scSize && f.scMtime.Equal(scMtime)
}

// result is what a worker made of a file.
type result struct {
	f      *file
	id     string
	doc    *corpus.Document // nil for a duplicate or an error
	dup    bool             // the content was stored before the run: not parsed
	err    error
	size   int64
	stored bool // set by apply: the document was new to the store
	again  bool // set by apply: a duplicate whose document went during the run, to parse
}

// Run ingests the files and folders in paths. It returns the run's stats and
// an error wrapping corpus.ErrPartial when some inputs were rejected or
// failed; any other error is fatal (the store could not be written).
func (ing *Ingester) Run(ctx context.Context, paths []string) (Stats, error) {
	start := time.Now()
	var st Stats
	log := ing.opts.Logger
	now := ing.opts.Now().UTC().Truncate(time.Second)

	roots, files, todo, back, known, err := ing.plan(paths, &st)
	if err != nil {
		return st, err
	}
	log.Info("ingest plan", "stage", "ingest", "files", len(files), "unchanged", st.Unchanged, "to_read", len(todo))

	if err := ing.readAndCommit(ctx, todo, known, now, &st); err != nil {
		return st, err
	}

	// Record the walk of each root (the time every file under it was seen),
	// unflag files found back unchanged, and flag (or forget) what is gone.
	seen := make(map[string]struct{}, len(files))
	for _, f := range files {
		seen[f.path] = struct{}{}
	}
	// What is gone is found in a read-only transaction: the store's
	// read-only pages are released under --mapped-limit, and a scan of every
	// location inside the write transaction held hundreds of MiB of the
	// writer's mapping resident at the end of a 100,000-document run. The
	// run's lock keeps the store as read until the write.
	type goneFiles struct{ gone, rejected []string }
	gone := make([]goneFiles, len(roots))
	err = ing.store.View(func(tx *corpus.Tx) error {
		for i, root := range roots {
			err := tx.ForEachLocation(root, func(loc string, rejected bool) error {
				if _, ok := seen[loc]; ok || (root != loc && !strings.HasPrefix(loc, root)) {
					return nil
				}
				seen[loc] = struct{}{} // once, should roots nest
				if rejected {
					gone[i].rejected = append(gone[i].rejected, loc)
				} else {
					gone[i].gone = append(gone[i].gone, loc)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("ingest: find missing files: %w", err)
	}
	err = ing.store.Update(func(tx *corpus.Tx) error {
		for _, loc := range back {
			if err := tx.Touch(loc, now); err != nil {
				return err
			}
		}
		for i, root := range roots {
			if err := tx.Walked(root, now); err != nil {
				return err
			}
			for _, loc := range gone[i].rejected {
				if err := tx.DeleteRejection(loc); err != nil {
					return err
				}
			}
			for _, loc := range gone[i].gone {
				st.Missing++
				if ing.opts.Prune {
					err = tx.Remove(loc)
				} else {
					err = tx.MarkMissing(loc)
				}
				if err != nil {
					return err
				}
				log.Info("gone from disk", "stage", "ingest", "path", loc, "pruned", ing.opts.Prune)
			}
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("ingest: record unchanged and missing files: %w", err)
	}
	st.Seconds = time.Since(start).Seconds()
	if st.Rejected+st.Failed > 0 {
		return st, fmt.Errorf("ingest: %d rejected, %d failed: %w", st.Rejected, st.Failed, corpus.ErrPartial)
	}
	return st, ctx.Err()
}

// Plan says what Run would do over paths without reading any file: the
// files found, those unchanged, and those it would read (ToRead).
func (ing *Ingester) Plan(paths []string) (Stats, error) {
	var st Stats
	_, _, _, _, _, err := ing.plan(paths, &st)
	return st, err
}

// plan walks paths and decides from (path, size, mtime) alone what must be
// read; it also returns the unchanged files that were flagged missing (back)
// and the IDs stored before the run.
func (ing *Ingester) plan(paths []string, st *Stats) (roots []string, files, todo []*file, back []string, known map[string]struct{}, err error) {
	roots, files, walkFailures := ing.walk(paths, st)
	st.Failed += walkFailures
	st.Files = len(files)
	known = map[string]struct{}{}
	err = ing.store.View(func(tx *corpus.Tx) error {
		for _, f := range files {
			if r, ok, err := tx.Rejection(f.path); err != nil {
				return err
			} else if ok {
				f.known = true
				if f.sameAs(r.Size, r.ModTime, r.SidecarSize, r.SidecarModTime) {
					st.Unchanged++
					continue
				}
			}
			s, ok, err := tx.Source(f.path)
			if err != nil {
				return err
			}
			if ok {
				f.known = true
				if f.sameAs(s.Size, s.ModTime, s.SidecarSize, s.SidecarModTime) {
					st.Unchanged++
					if s.Missing {
						back = append(back, f.path)
					}
					continue
				}
			}
			todo = append(todo, f)
		}
		// The stored IDs let readers skip parsing content stored already.
		// Reading them walks the whole documents bucket (half the store's
		// pages mapped in at 100,000 documents): only when there is reading
		// to do.
		if len(todo) == 0 {
			return nil
		}
		return tx.ForEachID(func(id string) error { known[id] = struct{}{}; return nil })
	})
	st.ToRead = len(todo)
	return roots, files, todo, back, known, err
}

// walk lists the supported files under paths, sorted, with their sidecars.
// roots are the location prefixes the run covers (a file, or a folder
// ending in "/").
func (ing *Ingester) walk(paths []string, st *Stats) (roots []string, files []*file, failures int) {
	log := ing.opts.Logger
	roots = walkFiles(paths, func(path string, fi fs.FileInfo) {
		if f := ing.consider(path, fi, st); f != nil {
			files = append(files, f)
		}
	}, func(path string, err error) {
		failures++
		st.problem(path, err, true)
		log.Error("cannot read", "stage", "ingest", "path", path, "err", err)
	})
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	// The same file named twice (a folder and a file in it) is read once.
	files = compactFiles(files)
	return roots, files, failures
}

// walkFiles calls visit for every regular file under paths (files and
// folders, recursively, hidden ones skipped) with its absolute path, and
// fail for what cannot be read. It returns the roots it covered.
func walkFiles(paths []string, visit func(string, fs.FileInfo), fail func(string, error)) (roots []string) {
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fail(p, err)
			continue
		}
		fi, err := os.Stat(abs)
		if err != nil {
			fail(abs, err)
			continue
		}
		if !fi.IsDir() {
			roots = append(roots, abs)
			visit(abs, fi)
			continue
		}
		roots = append(roots, strings.TrimSuffix(abs, string(filepath.Separator))+string(filepath.Separator))
		err = filepath.WalkDir(abs, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				fail(path, err)
				if de != nil && de.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != abs && strings.HasPrefix(de.Name(), ".") {
				if de.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if de.IsDir() || !de.Type().IsRegular() {
				return nil
			}
			fi, err := de.Info()
			if err != nil {
				fail(path, err)
				return nil
			}
			visit(path, fi)
			return nil
		})
		if err != nil {
			fail(abs, err)
		}
	}
	return roots
}

// ListFiles returns the files under paths that ingest would read, sorted;
// the first path that cannot be read is an error.
func ListFiles(paths []string, reg *Registry) ([]string, error) {
	var out []string
	var first error
	walkFiles(paths, func(path string, _ fs.FileInfo) {
		if !strings.HasSuffix(path, SidecarSuffix) && reg.Supports(path) {
			out = append(out, path)
		}
	}, func(path string, err error) {
		if first == nil {
			first = fmt.Errorf("%s: %w", path, err)
		}
	})
	sort.Strings(out)
	return out, first
}

func compactFiles(fs []*file) []*file {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f.path == fs[i-1].path {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (ing *Ingester) consider(path string, fi fs.FileInfo, st *Stats) *file {
	if strings.HasSuffix(path, SidecarSuffix) {
		return nil
	}
	if !ing.reg.Supports(path) {
		st.Skipped++
		ing.opts.Logger.Debug("unsupported file type", "stage", "ingest", "path", path)
		return nil
	}
	return newFile(path, fi)
}

// newFile describes a file and its sidecar, if it has one.
func newFile(path string, fi fs.FileInfo) *file {
	f := &file{path: path, size: fi.Size(), mtime: fi.ModTime().UTC()}
	if sp, sfi := findSidecar(path); sfi != nil {
		f.sidecar, f.scSize, f.scMtime = sp, sfi.Size(), sfi.ModTime().UTC()
	}
	return f
}

// readAndCommit reads todo with parallel workers and commits the results in
// batches from this goroutine, the only writer.
func (ing *Ingester) readAndCommit(ctx context.Context, todo []*file, known map[string]struct{}, now time.Time, st *Stats) error {
	jobs := make(chan *file)
	results := make(chan result)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Workers read the set of IDs stored before the run (and never write
	// it), so that a file whose bytes are stored already is not parsed again.
	done := make(chan struct{})
	for range ing.opts.Workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for f := range jobs {
				r := ing.readOne(ctx, f, known)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer func() {
			for range ing.opts.Workers {
				<-done
			}
			close(results)
		}()
		defer close(jobs)
		for _, f := range todo {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()

	var batch []*result
	var again []*file
	batchBytes := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := ing.store.Update(func(tx *corpus.Tx) error { return ing.apply(tx, batch, now) })
		if err != nil {
			return fmt.Errorf("ingest: commit %d documents: %w", len(batch), err)
		}
		for _, r := range batch {
			if r.again {
				again = append(again, r.f)
				continue
			}
			ing.count(r, st)
		}
		batch, batchBytes = batch[:0], 0
		return nil
	}
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	n := 0
	for {
		select {
		case r, ok := <-results:
			if !ok {
				if err := flush(); err != nil {
					return err
				}
				// Duplicates of documents that left the store during the run
				// (their last location changed) are parsed after all.
				for _, f := range again {
					r := ing.readOne(ctx, f, nil)
					batch = append(batch, &r)
				}
				again = nil
				return flush()
			}
			n++
			if r.doc != nil {
				if err := r.doc.Validate(); err != nil {
					r.doc, r.err = nil, format.Reject(format.ErrCorrupt, "reader made an invalid document: %v", err)
				}
			}
			batch = append(batch, &r)
			if r.doc != nil {
				batchBytes += len(r.doc.Text)
			}
			if len(batch) >= ing.opts.BatchDocs || batchBytes >= ing.opts.BatchBytes {
				if err := flush(); err != nil {
					return err
				}
			}
			if ing.opts.Progress != nil {
				ing.opts.Progress(Progress{Done: n, Total: len(todo), Path: r.f.path, Stats: *st})
			}
		case <-ticker.C:
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

func (ing *Ingester) count(r *result, st *Stats) {
	log := ing.opts.Logger
	if r.size > 0 {
		st.Read++
		st.Bytes += r.size
	}
	if r.f.sidecar != "" {
		st.Sidecars++
	}
	switch {
	case r.err != nil && format.IsReject(r.err):
		st.Rejected++
		st.problem(r.f.path, r.err, false)
		log.Warn("rejected", "stage", "ingest", "path", r.f.path, "reason", r.err.Error())
		return
	case r.err != nil:
		st.Failed++
		st.problem(r.f.path, r.err, true)
		log.Error("failed", "stage", "ingest", "path", r.f.path, "err", r.err.Error())
		return
	case r.stored:
		st.New++
	default:
		st.Duplicates++
	}
	if r.f.known {
		st.Changed++
	}
	log.Debug("stored", "stage", "ingest", "doc", r.id[:12], "path", r.f.path, "duplicate", r.dup)
}

// apply writes a batch in one transaction.
func (ing *Ingester) apply(tx *corpus.Tx, batch []*result, now time.Time) error {
	for _, r := range batch {
		r.stored, r.again = false, false
		f := r.f
		switch {
		case r.err != nil && !format.IsReject(r.err):
			continue // a fault of the machine: nothing recorded, retried next run
		case r.err != nil:
			err := tx.Reject(corpus.Rejection{
				Location: f.path, Name: ing.opts.SourceName, Reason: r.err.Error(),
				Size: f.size, ModTime: f.mtime, Time: now,
				SidecarSize: f.scSize, SidecarModTime: f.scMtime,
			})
			if err != nil {
				return err
			}
			continue
		case r.doc != nil && (!tx.Has(r.id) || f.sidecar != ""):
			// New, or metadata a sidecar may have changed.
			r.stored = !tx.Has(r.id)
			if err := tx.Put(r.doc); err != nil {
				return err
			}
		case !tx.Has(r.id):
			r.again = true
			continue
		}
		err := tx.Attach(r.id, corpus.SourceState{
			Source: corpus.Source{
				Location: f.path, Name: ing.opts.SourceName, Size: f.size, ModTime: f.mtime,
				FirstSeen: now, LastSeen: now,
			},
			DocID: r.id, SidecarSize: f.scSize, SidecarModTime: f.scMtime,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// readOne reads, hashes and parses one file. It never panics.
func (ing *Ingester) readOne(ctx context.Context, f *file, known map[string]struct{}) (r result) {
	r.f = f
	data, sc, err := ing.load(f)
	if err != nil {
		r.err = err
		return r
	}
	r.size = int64(len(data))
	r.id = corpus.IDOf(data)
	// A document whose bytes are stored already is not parsed again, unless
	// a sidecar may change its metadata.
	if _, ok := known[r.id]; ok && sc == nil {
		r.dup = true
		return r
	}
	r.doc, r.err = ing.document(ctx, f.path, data, f.mtime, sc)
	return r
}

// load reads a file's bytes, within the size limit (checked before reading),
// and its sidecar.
func (ing *Ingester) load(f *file) ([]byte, *Sidecar, error) {
	lim := ing.opts.Limits
	if lim.MaxFileBytes > 0 && f.size > lim.MaxFileBytes {
		return nil, nil, format.Reject(format.ErrTooLarge, "%d bytes, limit %d", f.size, lim.MaxFileBytes)
	}
	data, err := readFile(f.path, lim.MaxFileBytes)
	if err != nil {
		return nil, nil, err
	}
	if f.sidecar == "" {
		return data, nil, nil
	}
	b, err := os.ReadFile(f.sidecar)
	var sc *Sidecar
	if err == nil {
		sc, err = ReadSidecar(b)
	}
	if err != nil {
		return nil, nil, format.Reject(errSidecar, "%s: %v", f.sidecar, err)
	}
	return data, sc, nil
}

// document parses raw bytes into a finished document.
func (ing *Ingester) document(ctx context.Context, path string, data []byte, mtime time.Time, sc *Sidecar) (*corpus.Document, error) {
	rd := ing.reg.For(path, data)
	if rd == nil {
		return nil, format.Reject(format.ErrNotFormat, "no reader for %s", filepath.Ext(path))
	}
	doc, err := ing.parse(ctx, rd, format.Input{Path: path, Data: data, ModTime: mtime, Limits: ing.opts.Limits})
	if err != nil {
		return nil, err
	}
	doc.ID, doc.Size, doc.Sources = corpus.IDOf(data), int64(len(data)), nil
	if sc != nil {
		sc.apply(doc)
	}
	ing.finish(doc)
	return doc, nil
}

// ReadDocument reads one file as ingest would (reader, sidecar, kind and
// date rules, limits and timeout) without storing it.
func (ing *Ingester) ReadDocument(ctx context.Context, path string) (*corpus.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	f := newFile(path, fi)
	data, sc, err := ing.load(f)
	if err != nil {
		return nil, err
	}
	return ing.document(ctx, f.path, data, f.mtime, sc)
}

// parse runs a reader under the per-file timeout, turning a panic into a
// rejection and a reader that ignores its context into a timeout.
func (ing *Ingester) parse(ctx context.Context, rd format.Reader, in format.Input) (*corpus.Document, error) {
	timeout := in.Limits.Timeout
	if timeout <= 0 {
		timeout = format.DefaultLimits().Timeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type out struct {
		d   *corpus.Document
		err error
	}
	ch := make(chan out, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ing.opts.Logger.Error("reader panicked", "stage", "ingest", "path", in.Path, "reader", rd.Name(), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				ch <- out{err: format.Reject(format.ErrCorrupt, "%s reader failed on this input: %v", rd.Name(), p)}
			}
		}()
		d, err := rd.Read(ctx, in)
		ch <- out{d, err}
	}()
	select {
	case o := <-ch:
		if o.err == nil && o.d == nil {
			o.err = fmt.Errorf("%s reader returned no document", rd.Name())
		}
		if errors.Is(o.err, context.DeadlineExceeded) && ctx.Err() != nil {
			o.err = format.Reject(format.ErrTimeout, "over the %s per-file limit", timeout)
		}
		return o.d, o.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, format.Reject(format.ErrTimeout, "over the %s per-file limit", timeout)
		}
		return nil, ctx.Err()
	}
}

// finish fills what readers leave open: the kind, a dateline date, the
// meeting of a board paper.
func (ing *Ingester) finish(d *corpus.Document) {
	if ing.opts.Kind != "" {
		d.Kind = ing.opts.Kind
	}
	if d.Published.IsZero() {
		if dt, ok := format.FindDateline(d.Text, 12); ok {
			d.Published, d.PublishedSource = dt, corpus.DateFromDateline
		}
	}
	if d.Published.IsZero() {
		d.PublishedSource = ""
	}
	if d.Kind == "" {
		switch {
		case d.Meeting != nil:
			d.Kind = corpus.KindBoardPaper
		case d.Format == corpus.FormatHTML:
			d.Kind = corpus.KindNews
		default:
			d.Kind = corpus.KindReport
		}
	}
	if d.Title == "" {
		d.Title = firstLine(d.Text, 200)
	}
}

func firstLine(s string, max int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > max {
		s = s[:max]
		for len(s) > 0 && s[len(s)-1]&0xc0 == 0x80 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xc0 {
			s = s[:len(s)-1]
		}
	}
	return strings.TrimSpace(s)
}

func readFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(data)) > max {
		return nil, format.Reject(format.ErrTooLarge, "over %d bytes", max)
	}
	return data, nil
}
