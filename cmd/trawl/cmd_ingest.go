package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// IngestOptions are the flags of 'trawl ingest'.
type IngestOptions struct {
	Kind        string
	Source      string
	Prune       bool
	Workers     int
	MaxFileSize string
	Timeout     time.Duration
	JSON        bool
}

func newIngestCommand(g *globalOptions) *cli.Command {
	var o IngestOptions
	return &cli.Command{
		Name:      "ingest",
		Usage:     "add files and folders of articles and board papers to the store",
		ArgsUsage: "PATH...",
		Description: `Reads HTML, PDF, DOCX, text and Markdown files (folders recursively; hidden files
and folders are skipped) into the store. A file whose path, size and mtime are unchanged
since the last run is not read again; a changed file replaces its old version; identical
bytes under a second path add a source, not a document; a file gone from disk stays in
the store, flagged missing, unless --prune. A file NAME.meta.json (or NAME.EXT.meta.json)
beside a file overrides its metadata: {"title","published","url","source","kind","authors"}.
Bad files are recorded with their reason and the rest of the batch goes on.

Examples:
   trawl ingest ~/papers
   trawl ingest --kind board-paper --source royal-free ~/papers/royal-free
   trawl ingest --prune --quiet --json ~/news > ingest-report.json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Usage: "force the kind of every document: news, board-paper or report (default: detect)", Destination: &o.Kind},
			&cli.StringFlag{Name: "source", Usage: "source `NAME` recorded with each location", Destination: &o.Source},
			&cli.BoolFlag{Name: "prune", Usage: "forget files gone from disk (default: keep them, flagged missing)", Destination: &o.Prune},
			&cli.IntFlag{Name: "workers", Usage: "files read in parallel (default: number of CPUs)", Destination: &o.Workers},
			&cli.StringFlag{Name: "max-file-size", Value: "256MB", Usage: "reject files larger than this (KB, MB, GB)", Destination: &o.MaxFileSize},
			&cli.DurationFlag{Name: "timeout", Value: 2 * time.Minute, Usage: "per-file time limit", Destination: &o.Timeout},
			&cli.BoolFlag{Name: "json", Usage: "print the run's counts as JSON on stdout", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			return runIngest(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runIngest(ctx context.Context, o IngestOptions, g *globalOptions, args []string) error {
	if len(args) == 0 {
		return usagef("ingest: give at least one file or folder")
	}
	opts := ingest.Options{SourceName: o.Source, Prune: o.Prune, Workers: o.Workers, Logger: g.logger, Limits: format.DefaultLimits()}
	if o.Kind != "" {
		k, err := corpus.ParseKind(o.Kind)
		if err != nil {
			return usagef("--kind: %v", err)
		}
		opts.Kind = k
	}
	max, err := parseSize(o.MaxFileSize)
	if err != nil {
		return usagef("--max-file-size: %v", err)
	}
	opts.Limits.MaxFileBytes = max
	if o.Timeout <= 0 {
		return usagef("--timeout %s: want a positive duration such as 90s", o.Timeout)
	}
	opts.Limits.Timeout = o.Timeout

	store, release, err := g.writeStore("trawl ingest")
	if err != nil {
		return err
	}
	defer release()

	bar := newProgressLine(g.stderr, g.progress)
	opts.Progress = func(p ingest.Progress) {
		bar.show("ingest %d/%d  new %d  rejected %d  %s", p.Done, p.Total, p.Stats.New, p.Stats.Rejected, shortPath(p.Path))
	}
	reg := ingest.DefaultRegistry(ingest.RegistryOptions{Logger: g.logger})
	st, err := ingest.New(store, reg, opts).Run(ctx, args)
	bar.done()
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(st); jerr != nil && err == nil {
			err = jerr
		}
	}
	if g.progress {
		fmt.Fprintf(g.stderr, "ingest: %d files: %d new, %d changed, %d duplicates, %d unchanged, %d rejected, %d failed, %d missing (%.1f MB read in %.1fs)\n",
			st.Files, st.New, st.Changed, st.Duplicates, st.Unchanged, st.Rejected, st.Failed, st.Missing, float64(st.Bytes)/1e6, st.Seconds)
	}
	return err
}

// parseSize reads "256MB", "10KB", "1GB" or a number of bytes.
func parseSize(s string) (int64, error) {
	var n float64
	var unit string
	if _, err := fmt.Sscanf(s, "%g%s", &n, &unit); err != nil {
		if _, err := fmt.Sscanf(s, "%g", &n); err != nil {
			return 0, fmt.Errorf("%q: want a size such as 256MB", s)
		}
	}
	mult := map[string]float64{"": 1, "B": 1, "KB": 1 << 10, "K": 1 << 10, "MB": 1 << 20, "M": 1 << 20, "GB": 1 << 30, "G": 1 << 30}[unit]
	if mult == 0 || n <= 0 {
		return 0, fmt.Errorf("%q: want a size such as 256MB", s)
	}
	return int64(n * mult), nil
}
