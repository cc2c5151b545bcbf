package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/ingest/fetch"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// FetchOptions are the flags of 'trawl fetch'.
type FetchOptions struct {
	Sources   []string
	NoIngest  bool
	JSON      bool
	Rate      float64
	UserAgent string
	Timeout   time.Duration
}

func newFetchCommand(g *globalOptions) *cli.Command {
	var o FetchOptions
	var sources cli.StringSlice
	return &cli.Command{
		Name:  "fetch",
		Usage: "fetch the configured feeds and board-paper pages, and ingest them",
		Description: `Fetches the enabled sources of the configuration (or those named with --source) into
the cache folder DATA/fetched/SOURCE/, then ingests each source's folder into the store.
Feeds: each item's link is fetched, with the item's title, date and authors. Pages: the
links matching the source's pattern are fetched, one level deep, on the same host unless
same_host = false. Folders: read as they are.

Fetching is polite: the configured User-Agent, robots.txt obeyed, at most fetch.rate
requests per second per host, conditional requests so that an unchanged document costs a
304 and is not written again, retries with backoff after a 5xx, 429 or timeout (never
after another 4xx), capped redirects and sizes. URLs that fail are listed with their
reason (and kept for 'trawl sources'); the rest of the run goes on, and the exit code is 3.
Flags win over $TRAWL_* variables, which win over the file.

Examples:
   trawl fetch
   trawl fetch --source royal-free-board --source digitalhealth
   trawl --quiet fetch --json > fetch-report.json`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "source", Usage: "fetch only the source `NAME` (repeat for more; disabled sources too)", Destination: &sources},
			&cli.BoolFlag{Name: "no-ingest", Usage: "fetch into the cache only", Destination: &o.NoIngest},
			&cli.BoolFlag{Name: "json", Usage: "print the run's report as JSON on stdout", Destination: &o.JSON},
			&cli.Float64Flag{Name: "rate", Usage: "requests per second per host (overrides fetch.rate)", Destination: &o.Rate},
			&cli.StringFlag{Name: "user-agent", Usage: "User-Agent sent (overrides fetch.user_agent)", Destination: &o.UserAgent},
			&cli.DurationFlag{Name: "timeout", Usage: "per-request time limit (overrides fetch.timeout)", Destination: &o.Timeout},
		},
		Action: func(c *cli.Context) error {
			o.Sources = sources.Value()
			if c.IsSet("rate") && o.Rate <= 0 {
				return usagef("--rate %g: want requests per second, more than 0", o.Rate)
			}
			if c.IsSet("timeout") && o.Timeout <= 0 {
				return usagef("--timeout %s: want a positive duration such as 30s", o.Timeout)
			}
			return runFetch(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runFetch(ctx context.Context, o FetchOptions, g *globalOptions, args []string) error {
	if len(args) > 0 {
		return usagef("fetch: takes no arguments (name sources with --source NAME)")
	}
	cfg, path, err := g.loadConfig()
	if err != nil {
		return err
	}
	if o.Rate > 0 {
		cfg.Fetch.Rate = o.Rate
	}
	if o.UserAgent != "" {
		cfg.Fetch.UserAgent = o.UserAgent
	}
	if o.Timeout > 0 {
		cfg.Fetch.Timeout = o.Timeout
	}
	fc, err := cfg.FetchConfig()
	if err != nil {
		return usageError{configError(path, err)}
	}
	if len(fc.Sources) == 0 {
		return usagef("fetch: no sources configured: write a trawl.toml (see trawl.example.toml) or name one with --config FILE")
	}
	selected, err := fetch.Select(fc, o.Sources)
	if err != nil {
		return usageError{err}
	}
	if len(selected) == 0 {
		return usagef("fetch: every configured source is disabled; name one with --source NAME")
	}

	store, release, err := g.writeStore("trawl fetch")
	if err != nil {
		return err
	}
	defer release()

	fc.Logger = g.logger
	rep, err := fetch.Run(ctx, store, fc, o.Sources)
	if err != nil && !errors.Is(err, corpus.ErrPartial) {
		return err
	}
	fetchErr := err
	var ingestErr error
	if !o.NoIngest && ctx.Err() == nil {
		bar := newProgressLine(g.stderr, g.progress)
		opts := ingest.Options{Logger: g.logger, Limits: format.DefaultLimits(), Progress: func(p ingest.Progress) {
			bar.show("ingest %d/%d  new %d  rejected %d  %s", p.Done, p.Total, p.Stats.New, p.Stats.Rejected, shortPath(p.Path))
		}}
		reg := ingest.DefaultRegistry(ingest.RegistryOptions{Logger: g.logger})
		ingestErr = fetch.Ingest(ctx, store, reg, fc, &rep, opts)
		bar.done()
		if ingestErr != nil && !errors.Is(ingestErr, corpus.ErrPartial) {
			return ingestErr
		}
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	}
	if g.progress {
		printFetchSummary(g, rep)
	}
	switch {
	case fetchErr != nil && ingestErr != nil:
		return fmt.Errorf("%w; %v", fetchErr, ingestErr)
	case fetchErr != nil:
		return fetchErr
	case ingestErr != nil:
		return ingestErr
	}
	return ctx.Err()
}

func printFetchSummary(g *globalOptions, rep fetch.Report) {
	for _, s := range rep.Sources {
		line := fmt.Sprintf("%s (%s): ", s.Name, s.Type)
		if s.Type != fetch.TypeFolder {
			line += fmt.Sprintf("%d found, %d fetched, %d not modified, %d unchanged, %d failed, %d disallowed by robots.txt",
				s.Found, s.Fetched, s.NotModified, s.Unchanged, s.Failed, s.Robots)
		}
		if st := s.Ingest; st != nil {
			if s.Type != fetch.TypeFolder {
				line += "; "
			}
			line += fmt.Sprintf("ingest: %d new, %d changed, %d unchanged, %d rejected", st.New, st.Changed, st.Unchanged, st.Rejected)
		}
		fmt.Fprintln(g.stderr, line)
		for _, f := range s.Failures {
			fmt.Fprintf(g.stderr, "   %s: %s\n", f.URL, f.Reason)
		}
	}
	fmt.Fprintf(g.stderr, "fetch: %d sources, %d fetched, %d not modified, %d failed in %.1fs\n", len(rep.Sources), rep.Fetched, rep.NotModified, rep.Failed, rep.Seconds)
}
