package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest"
)

// SourceType is what a source is.
type SourceType string

// Source types.
const (
	TypeFolder SourceType = "folder" // a folder on disk: nothing to fetch
	TypeFeed   SourceType = "feed"   // an RSS or Atom feed: each item's link is fetched
	TypePage   SourceType = "page"   // a page listing documents: its matching links are fetched
)

// Source is one configured source.
type Source struct {
	Name      string         `json:"name"`
	Type      SourceType     `json:"type"`
	Kind      corpus.Kind    `json:"kind,omitempty"` // recorded with each document ("" to detect)
	Path      string         `json:"path,omitempty"` // folder sources
	URL       string         `json:"url,omitempty"`  // feed and page sources
	Pattern   *regexp.Regexp `json:"pattern,omitempty"`
	SameHost  bool           `json:"same_host"`           // page sources: follow links to the page's host only
	Publisher string         `json:"publisher,omitempty"` // recorded as each document's outlet
	Trust     string         `json:"trust,omitempty"`     // ODS code, kept in the sidecars
	Enabled   bool           `json:"enabled"`
}

// Location is where a source is: its URL or its folder.
func (s Source) Location() string {
	if s.Type == TypeFolder {
		return s.Path
	}
	return s.URL
}

// Config is what Run needs: fetch settings, the sources, and where the cache
// is.
type Config struct {
	Options
	Sources []Source
	// CacheDir holds the fetched documents (default: the folder "fetched"
	// beside the store file).
	CacheDir string
	// Workers is how many sources are fetched at once (default 4); requests
	// to one host are rate-limited whatever the number.
	Workers int
}

// ErrUnknownSource says a named source is not configured.
var ErrUnknownSource = errors.New("no such source")

// Select returns the sources named, in the order named, or every enabled
// source when names is empty.
func Select(cfg Config, names []string) ([]Source, error) {
	if len(names) == 0 {
		var out []Source
		for _, s := range cfg.Sources {
			if s.Enabled {
				out = append(out, s)
			}
		}
		return out, nil
	}
	byName := map[string]Source{}
	var known []string
	for _, s := range cfg.Sources {
		byName[s.Name] = s
		known = append(known, s.Name)
	}
	var out []Source
	seen := map[string]bool{}
	for _, n := range names {
		s, ok := byName[n]
		if !ok {
			if len(known) == 0 {
				return nil, fmt.Errorf("%w %q: no sources are configured", ErrUnknownSource, n)
			}
			return nil, fmt.Errorf("%w %q (configured: %s)", ErrUnknownSource, n, strings.Join(known, ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// CacheRoot is the cache folder of the store's data directory, or cfg's.
func (cfg Config) CacheRoot(store *corpus.Store) string {
	if cfg.CacheDir != "" {
		return cfg.CacheDir
	}
	return filepath.Join(filepath.Dir(store.Path()), "fetched")
}

// Dir is the folder a source's documents are read from: its own folder, or
// its cache folder under root.
func (s Source) Dir(root string) string {
	if s.Type == TypeFolder {
		return s.Path
	}
	return filepath.Join(root, s.Name)
}

// Report is what a fetch run did.
type Report struct {
	Sources []SourceReport `json:"sources"`
	Counts
	Seconds float64 `json:"seconds"`
}

// SourceReport is what a fetch run did with one source.
type SourceReport struct {
	Name     string     `json:"name"`
	Type     SourceType `json:"type"`
	Location string     `json:"location"` // the URL or folder
	Dir      string     `json:"dir"`      // the folder ingest reads
	Counts
	Failures []Failure     `json:"failures,omitempty"`
	Seconds  float64       `json:"seconds"`
	Ingest   *ingest.Stats `json:"ingest,omitempty"` // set by Ingest
}

func (r *SourceReport) fail(u string, err error) {
	r.Failed++
	r.Failures = append(r.Failures, Failure{URL: u, Reason: err.Error()})
}

// runner is one Run.
type runner struct {
	cfg    Config
	store  *corpus.Store
	f      *Fetcher
	root   string
	states map[string]URLState
	mu     sync.Mutex // guards states and serialises store writes
}

// Run fetches the named sources (every enabled one when names is empty)
// into the cache. It returns a report and an error wrapping
// corpus.ErrPartial when some URLs failed; other errors are fatal (the
// store or the cache could not be written). Run takes no lock: the caller
// holds the writer lock of the data directory.
func Run(ctx context.Context, store *corpus.Store, cfg Config, names []string) (Report, error) {
	start := time.Now()
	var rep Report
	sources, err := Select(cfg, names)
	if err != nil {
		return rep, err
	}
	states, err := loadURLStates(store)
	if err != nil {
		return rep, err
	}
	r := &runner{cfg: cfg, store: store, f: NewFetcher(cfg.Options), root: cfg.CacheRoot(store), states: states}
	workers := cfg.Workers
	if workers <= 0 {
		workers = 4
	}
	rep.Sources = make([]SourceReport, len(sources))
	fatal := make([]error, len(sources))
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, s := range sources {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			rep.Sources[i], fatal[i] = r.source(ctx, s)
		}()
	}
	wg.Wait()
	for _, s := range rep.Sources {
		rep.Counts.add(s.Counts)
	}
	rep.Seconds = time.Since(start).Seconds()
	if err := errors.Join(fatal...); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if rep.Failed > 0 {
		return rep, fmt.Errorf("fetch: %d URLs failed: %w", rep.Failed, corpus.ErrPartial)
	}
	return rep, nil
}

// source fetches one source and records its run.
func (r *runner) source(ctx context.Context, s Source) (SourceReport, error) {
	start := r.cfg.now()
	rep := SourceReport{Name: s.Name, Type: s.Type, Location: s.Location(), Dir: s.Dir(r.root)}
	log := r.f.opts.Logger.With("stage", "fetch", "source", s.Name)
	var err error
	switch s.Type {
	case TypeFolder:
		return rep, nil
	case TypeFeed, TypePage:
		err = r.remote(ctx, s, &rep)
	default:
		return rep, fmt.Errorf("source %s: type %q: want folder, feed or page", s.Name, s.Type)
	}
	rep.Seconds = r.cfg.now().Sub(start).Seconds()
	if err != nil {
		return rep, err
	}
	if ctx.Err() != nil {
		return rep, nil // not a run to record
	}
	log.Info("fetched", "found", rep.Found, "fetched", rep.Fetched, "not_modified", rep.NotModified, "unchanged", rep.Unchanged, "failed", rep.Failed, "robots", rep.Robots)
	rec := SourceRecord{}
	r.mu.Lock()
	defer r.mu.Unlock()
	err = r.store.Update(func(tx *corpus.Tx) error {
		if v, ok := tx.State(NamespaceSource, s.Name); ok {
			json.Unmarshal(v, &rec) // a bad old record is replaced
		}
		rec.LastRun = start.UTC()
		if rep.Failed == 0 {
			rec.LastSuccess = start.UTC()
		}
		rec.Counts = rep.Counts
		rec.Errors = rep.Failures[:min(len(rep.Failures), maxRecordedErrors)]
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		return tx.PutState(NamespaceSource, s.Name, b)
	})
	if err != nil {
		return rep, fmt.Errorf("source %s: record the run: %w", s.Name, err)
	}
	return rep, nil
}

func (cfg Config) now() time.Time {
	if cfg.Now != nil {
		return cfg.Now()
	}
	return time.Now()
}

// remote fetches a feed or page and the documents it links to.
func (r *runner) remote(ctx context.Context, s Source, rep *SourceReport) error {
	dir := s.Dir(r.root)
	body, final, err := r.index(ctx, s, dir)
	if err != nil {
		if errors.Is(err, ErrRobots) {
			rep.Robots++
			rep.Failures = append(rep.Failures, Failure{URL: s.URL, Reason: err.Error()})
			return nil
		}
		if fatal := (*fatalError)(nil); errors.As(err, &fatal) {
			return err
		}
		rep.fail(s.URL, err)
		return nil
	}
	var targets []target
	publisher := s.Publisher
	switch s.Type {
	case TypeFeed:
		var title string
		targets, title, err = feedItems(body, final)
		if publisher == "" {
			publisher = title
		}
	case TypePage:
		targets, err = pageLinks(body, final, s.Pattern, s.SameHost, s.URL)
	}
	if err != nil {
		rep.fail(s.URL, err)
		return nil
	}
	rep.Found = len(targets)
	for _, t := range targets {
		if ctx.Err() != nil {
			return nil
		}
		if err := r.document(ctx, s, dir, publisher, t, rep); err != nil {
			return err
		}
	}
	return nil
}

// fatalError is a failure of the machine (the cache or the store cannot be
// written), not of a URL: it stops the run.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// index fetches a source's feed or page, conditionally, keeping a copy in
// the source's index folder so that a 304 still yields its links.
func (r *runner) index(ctx context.Context, s Source, dir string) (body []byte, final string, err error) {
	copyPath := cachePath(filepath.Join(dir, indexDir), s.URL, map[SourceType]string{TypeFeed: ".xml", TypePage: ".html"}[s.Type])
	st := r.state(s.URL)
	cond := Conditional{}
	if _, err := os.Stat(copyPath); err == nil {
		cond = Conditional{ETag: st.ETag, LastModified: st.LastModified}
	}
	resp, err := r.f.Get(ctx, s.URL, cond)
	now := r.cfg.now().UTC()
	if err != nil {
		if ctx.Err() == nil && !errors.Is(err, ErrRobots) {
			st.LastFetched, st.Failures, st.LastError, st.Status = now, st.Failures+1, err.Error(), statusOf(err)
			if serr := r.putState(s.URL, st); serr != nil {
				return nil, "", serr
			}
		}
		return nil, "", err
	}
	if resp.NotModified {
		body, err = os.ReadFile(copyPath)
		if err != nil {
			return nil, "", &fatalError{fmt.Errorf("source %s: cached copy of %s: %w", s.Name, s.URL, err)}
		}
	} else {
		body = resp.Body
		if !sameFile(copyPath, body) {
			if err := writeAtomic(copyPath, body); err != nil {
				return nil, "", &fatalError{fmt.Errorf("source %s: %w", s.Name, err)}
			}
		}
	}
	st.FinalURL, st.Status, st.File = resp.FinalURL, resp.Status, copyPath
	st.ETag, st.LastModified, st.ContentType = resp.ETag, resp.LastModified, firstNonEmpty(resp.ContentType, st.ContentType)
	st.LastFetched, st.LastSuccess, st.Failures, st.LastError = now, now, 0, ""
	if err := r.putState(s.URL, st); err != nil {
		return nil, "", err
	}
	return body, resp.FinalURL, nil
}

// document fetches one document into the cache.
func (r *runner) document(ctx context.Context, s Source, dir, publisher string, t target, rep *SourceReport) error {
	log := r.f.opts.Logger.With("stage", "fetch", "source", s.Name, "url", t.URL)
	st := r.state(t.URL)
	cond := Conditional{}
	if st.File != "" {
		if _, err := os.Stat(st.File); err == nil {
			cond = Conditional{ETag: st.ETag, LastModified: st.LastModified}
		}
	}
	resp, err := r.f.Get(ctx, t.URL, cond)
	now := r.cfg.now().UTC()
	if err == nil && !resp.NotModified {
		var ext string
		if ext, err = contentExt(resp.FinalURL, resp.ContentType, resp.Body); err == nil {
			return r.store200(s, dir, publisher, t, resp, ext, st, now, rep)
		}
	}
	switch {
	case err == nil: // 304
		rep.NotModified++
		sc := r.sidecar(s, publisher, t, resp, now)
		if old := readSidecar(st.File); !describeSame(old, sc) {
			if old != nil {
				sc.FetchedAt, sc.HTTPETag, sc.HTTPLastModified = old.FetchedAt, old.HTTPETag, old.HTTPLastModified
			}
			if err := writeSidecar(st.File, sc); err != nil {
				return &fatalError{err}
			}
		}
		st.Status, st.LastFetched, st.LastSuccess, st.Failures, st.LastError = resp.Status, now, now, 0, ""
		st.ETag, st.LastModified = resp.ETag, resp.LastModified
		log.Debug("not modified")
		return r.putState(t.URL, st)
	case ctx.Err() != nil:
		return nil
	case errors.Is(err, ErrRobots):
		rep.Robots++
		log.Debug("disallowed by robots.txt")
		return nil
	}
	rep.fail(t.URL, err)
	log.Warn("fetch failed", "err", err.Error())
	st.Status = statusOf(err)
	if resp != nil {
		st.Status = resp.Status
	}
	st.LastFetched, st.Failures, st.LastError = now, st.Failures+1, err.Error()
	return r.putState(t.URL, st)
}

// store200 writes a fetched body and its sidecar unless the cache holds
// them already.
func (r *runner) store200(s Source, dir, publisher string, t target, resp *Response, ext string, st URLState, now time.Time, rep *SourceReport) error {
	path := cachePath(dir, t.URL, ext)
	sc := r.sidecar(s, publisher, t, resp, now)
	old := readSidecar(path)
	if sameFile(path, resp.Body) {
		rep.Unchanged++
		if !describeSame(old, sc) {
			if old != nil {
				sc.FetchedAt = old.FetchedAt
			}
			if err := writeSidecar(path, sc); err != nil {
				return &fatalError{err}
			}
		}
	} else {
		rep.Fetched++
		// The sidecar first: a crash between the two leaves the old body
		// with a new sidecar, and the next run writes the body.
		if err := writeSidecar(path, sc); err != nil {
			return &fatalError{err}
		}
		if err := writeAtomic(path, resp.Body); err != nil {
			return &fatalError{err}
		}
	}
	if st.File != "" && st.File != path {
		if err := removeCached(st.File); err != nil {
			return &fatalError{err}
		}
	}
	st.FinalURL, st.Status, st.File, st.ContentType = resp.FinalURL, resp.Status, path, resp.ContentType
	st.ETag, st.LastModified = resp.ETag, resp.LastModified
	st.LastFetched, st.LastSuccess, st.Failures, st.LastError = now, now, 0, ""
	return r.putState(t.URL, st)
}

// sidecar is the metadata written beside a fetched document.
func (r *runner) sidecar(s Source, publisher string, t target, resp *Response, now time.Time) *ingest.Sidecar {
	sc := &ingest.Sidecar{
		Title: t.Title, Published: t.Published, URL: resp.FinalURL, Source: publisher,
		Kind: string(s.Kind), Authors: t.Authors,
		FetchedAt: now.Format(time.RFC3339), HTTPLastModified: resp.LastModified, HTTPETag: resp.ETag,
		FinalURL: resp.FinalURL, SourceURL: s.URL, Trust: s.Trust,
	}
	return sc
}

func (r *runner) state(u string) URLState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.states[u]
}

// putState stores a URL's state at once, so that a killed run loses
// nothing it fetched.
func (r *runner) putState(u string, st URLState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.states[u] = st
	if err := r.store.Update(func(tx *corpus.Tx) error { return tx.PutState(NamespaceURL, u, b) }); err != nil {
		return &fatalError{fmt.Errorf("fetch state of %s: %w", u, err)}
	}
	return nil
}

func statusOf(err error) int {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// Ingest reads the folder of each source of rep (a fetched source's cache
// folder, a folder source's own folder) into the store with package ingest,
// recording the source's name with each location, and sets each
// SourceReport's Ingest. A source with no folder yet is skipped. The error
// wraps corpus.ErrPartial when some files were rejected or failed.
func Ingest(ctx context.Context, store *corpus.Store, reg *ingest.Registry, cfg Config, rep *Report, opts ingest.Options) error {
	byName := map[string]Source{}
	for _, s := range cfg.Sources {
		byName[s.Name] = s
	}
	partial := 0
	for i := range rep.Sources {
		sr := &rep.Sources[i]
		s, ok := byName[sr.Name]
		if !ok {
			continue
		}
		if _, err := os.Stat(sr.Dir); errors.Is(err, os.ErrNotExist) && s.Type != TypeFolder {
			continue
		}
		o := opts
		o.SourceName = s.Name
		if s.Type == TypeFolder && s.Kind != "" {
			o.Kind = s.Kind
		}
		st, err := ingest.New(store, reg, o).Run(ctx, []string{sr.Dir})
		sr.Ingest = &st
		switch {
		case errors.Is(err, corpus.ErrPartial):
			partial += st.Rejected + st.Failed
		case err != nil:
			return fmt.Errorf("source %s: %w", s.Name, err)
		}
	}
	if partial > 0 {
		return fmt.Errorf("ingest: %d files rejected or failed: %w", partial, corpus.ErrPartial)
	}
	return ctx.Err()
}

// Status is what 'trawl sources' shows of a source.
type Status struct {
	Source
	Dir       string        `json:"dir"`
	Record    *SourceRecord `json:"record,omitempty"` // nil when it never ran
	Documents int           `json:"documents"`        // distinct documents stored from its folder
	Files     int           `json:"files"`            // locations stored from its folder
	Rejected  int           `json:"rejected"`         // files of its folder rejected
	Missing   int           `json:"missing"`          // files of its folder gone from disk
}

// Statuses returns the status of every configured source, in configuration
// order.
func Statuses(store *corpus.Store, cfg Config) ([]Status, error) {
	recs, err := Records(store)
	if err != nil {
		return nil, err
	}
	root := cfg.CacheRoot(store)
	out := make([]Status, 0, len(cfg.Sources))
	err = store.View(func(tx *corpus.Tx) error {
		for _, s := range cfg.Sources {
			st := Status{Source: s, Dir: s.Dir(root)}
			if rec, ok := recs[s.Name]; ok {
				st.Record = &rec
			}
			prefix := st.Dir
			if abs, err := filepath.Abs(prefix); err == nil {
				prefix = abs
			}
			prefix = strings.TrimSuffix(prefix, string(filepath.Separator)) + string(filepath.Separator)
			docs := map[string]bool{}
			err := tx.ForEachLocation(prefix, func(loc string, rejected bool) error {
				if rejected {
					st.Rejected++
					return nil
				}
				src, ok, err := tx.Source(loc)
				if err != nil || !ok {
					return err
				}
				st.Files++
				if src.Missing {
					st.Missing++
				}
				docs[src.DocID] = true
				return nil
			})
			if err != nil {
				return err
			}
			st.Documents = len(docs)
			out = append(out, st)
		}
		return nil
	})
	return out, err
}
