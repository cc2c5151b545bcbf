// Package nightly is the nightly job: ingest the configured folders and the
// paths given, extract what changed, and bring the index up to date, only
// over what changed, with one report for machines.
package nightly

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"syscall"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/index"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/ingest/fetch"
)

// Options control a run.
type Options struct {
	DataDir string
	Paths   []string // folders and files to ingest, besides the configured sources
	// Fetch holds the configured sources (feeds, pages, folders); nil for
	// none. Sources names the ones to run (all enabled ones when empty).
	Fetch    *fetch.Config
	Sources  []string
	DryRun   bool // say what would be done, do nothing
	Registry *ingest.Registry
	Ingest   ingest.Options
	NoNER    bool
	// MappedLimit caps the resident pages of the store and index files
	// mapped in (index.Options.MappedLimit): 0 means
	// index.DefaultMappedLimit, below 0 no cap.
	MappedLimit int64
	Logger      *slog.Logger
	// Stage is told when each stage starts, for a progress display.
	Stage func(name string)
}

// Report is the run's summary for machines (trawl run --report FILE).
type Report struct {
	Started  time.Time `json:"started"`
	Seconds  float64   `json:"seconds"`
	DryRun   bool      `json:"dry_run,omitempty"`
	ExitCode int       `json:"exit_code"`
	Error    string    `json:"error,omitempty"`

	Fetch   *fetch.Report       `json:"fetch,omitempty"`  // per source: fetched, 304s, failed URLs with reasons, and its ingest
	Ingest  *ingest.Stats       `json:"ingest,omitempty"` // the paths given on the command line
	Extract *extract.StoreStats `json:"extract,omitempty"`
	Index   *index.UpdateStats  `json:"index,omitempty"`
	Plan    *Plan               `json:"plan,omitempty"` // with DryRun

	Durations map[string]float64 `json:"durations"` // seconds per stage
	// CPUSeconds is the processor time of each stage (user and system, all
	// cores): over Durations, how many cores it kept busy.
	CPUSeconds map[string]float64 `json:"cpu_seconds,omitempty"`
	Versions   Versions           `json:"versions"`
	// StoreMappedReleases counts the times the store's mapped pages were
	// released for MappedLimit (the index's are in Index).
	StoreMappedReleases int `json:"store_mapped_releases,omitempty"`
	// IndexRebuilt says the index was of another trawl version's mapping
	// and was rebuilt from the store.
	IndexRebuilt bool `json:"index_rebuilt,omitempty"`
}

// Plan is what a dry run found to do.
type Plan struct {
	Sources     []string `json:"sources,omitempty"` // configured sources that would be fetched and ingested
	Files       int      `json:"files"`
	ToRead      int      `json:"to_read"`
	Unchanged   int      `json:"unchanged"`
	ToExtract   int      `json:"to_extract"`   // stored documents lacking a current extraction
	IndexBehind uint64   `json:"index_behind"` // store changes the index has not applied
}

// Versions names what made the data.
type Versions struct {
	Extractor string `json:"extractor"`
	Index     string `json:"index"`
	Store     string `json:"store"`
}

// Run runs the stages in order over the store. Its error wraps
// corpus.ErrPartial when some inputs were rejected or failed; any other
// error stopped the run (what earlier stages committed stays, and the next
// run completes the rest).
func Run(ctx context.Context, store *corpus.Store, o Options) (rep Report, err error) {
	start := time.Now()
	rep = Report{Started: start.UTC().Truncate(time.Second), DryRun: o.DryRun, Durations: map[string]float64{}, CPUSeconds: map[string]float64{},
		Versions: Versions{Extractor: extract.Version, Index: index.MappingVersion, Store: corpus.SchemaVersion}}
	defer func() {
		rep.Seconds = time.Since(start).Seconds()
		rep.ExitCode = 0
		switch {
		case err == nil:
		case errors.Is(err, corpus.ErrPartial):
			rep.ExitCode = 3
		default:
			rep.ExitCode = 1
		}
		if err != nil {
			rep.Error = err.Error()
		}
	}()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	o.Ingest.Logger = o.Logger
	if o.MappedLimit == 0 {
		o.MappedLimit = index.DefaultMappedLimit
	}
	stage := func(name string) func() {
		if o.Stage != nil {
			o.Stage(name)
		}
		t, cpu := time.Now(), cpuSeconds()
		return func() {
			rep.Durations[name] = time.Since(t).Seconds()
			if c := cpuSeconds(); c > 0 {
				rep.CPUSeconds[name] = c - cpu
			}
		}
	}
	ing := ingest.New(store, o.Registry, o.Ingest)

	if o.DryRun {
		plan := &Plan{}
		if len(o.Paths) > 0 {
			st, err := ing.Plan(o.Paths)
			if err != nil {
				return rep, err
			}
			plan.Files, plan.ToRead, plan.Unchanged = st.Files, st.ToRead, st.Unchanged
		}
		if plan.ToExtract, err = extract.Pending(store); err != nil {
			return rep, err
		}
		var last uint64
		store.View(func(tx *corpus.Tx) error { last = tx.LastChange(); return nil })
		if x, err := index.Open(index.PathIn(o.DataDir), index.Options{ReadOnly: true}); err == nil {
			plan.IndexBehind = last - min(last, x.Seq())
			x.Close()
		} else {
			plan.IndexBehind = last
		}
		if o.Fetch != nil {
			srcs, err := fetch.Select(*o.Fetch, o.Sources)
			if err != nil {
				return rep, err
			}
			for _, src := range srcs {
				plan.Sources = append(plan.Sources, src.Name+" ("+string(src.Type)+")")
			}
		}
		rep.Plan = plan
		return rep, nil
	}

	// The index holds its own mapped pages near the limit while it is
	// written (index.Options.MappedLimit); this holds the store's, which
	// long reads (ingest's look at every known source, extraction's of
	// changed documents) otherwise keep resident.
	stopWatch := corpus.WatchMapped(ctx, o.MappedLimit, corpus.MappedCheckEvery, func() error {
		_, err := store.ReleaseMapped()
		return err
	})
	defer func() {
		n, werr := stopWatch()
		rep.StoreMappedReleases = n
		if werr != nil {
			o.Logger.Warn("release mapped store pages", "err", werr)
		}
	}()

	var partial error
	if o.Fetch != nil {
		done := stage("fetch")
		frep, err := fetch.Run(ctx, store, *o.Fetch, o.Sources)
		switch {
		case errors.Is(err, corpus.ErrPartial):
			partial = err
		case err != nil:
			done()
			return rep, err
		}
		err = fetch.Ingest(ctx, store, o.Registry, *o.Fetch, &frep, o.Ingest)
		done()
		rep.Fetch = &frep
		switch {
		case errors.Is(err, corpus.ErrPartial):
			partial = err
		case err != nil:
			return rep, err
		}
	}
	if len(o.Paths) > 0 {
		done := stage("ingest")
		st, err := ing.Run(ctx, o.Paths)
		done()
		rep.Ingest = &st
		switch {
		case errors.Is(err, corpus.ErrPartial):
			partial = err
		case err != nil:
			return rep, err
		}
	}

	done := stage("extract")
	x, err := extract.New(extract.Options{NoNER: o.NoNER})
	if err != nil {
		return rep, err
	}
	est, err := x.UpdateStore(ctx, store, extract.StoreOptions{})
	done()
	rep.Extract = &est
	if err != nil {
		return rep, err
	}

	done = stage("index")
	iopts := index.Options{Logger: o.Logger, Gazetteer: x.Gazetteer(), MappedLimit: o.MappedLimit}
	idx, err := index.Open(index.PathIn(o.DataDir), iopts)
	if errors.Is(err, index.ErrMapping) {
		// An index of another trawl version is rebuilt from the store,
		// which holds everything it was made of: a nightly job that stopped
		// here would need a person after every upgrade. An interrupted
		// rebuild carries on at the next run, as any update does.
		o.Logger.Warn("index built by another version of trawl: rebuilding it from the store", "stage", "index", "err", err)
		iopts.Rebuild = true
		rep.IndexRebuilt = true
		idx, err = index.Open(index.PathIn(o.DataDir), iopts)
	}
	if err != nil {
		return rep, err
	}
	ist, err := idx.Update(ctx, store, nil)
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	done()
	rep.Index = &ist
	if err != nil {
		return rep, err
	}
	return rep, partial
}

// cpuSeconds is the processor time this process has used (0 if unknown).
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
