package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/ingest/fetch"
	"github.com/nhs-trawl/trawl/ingest/format"
	"github.com/nhs-trawl/trawl/internal/nightly"
)

// RunOptions are the flags of 'trawl run'.
type RunOptions struct {
	Report  string
	DryRun  bool
	NoNER   bool
	NoOCR   bool
	Sources cli.StringSlice
}

func newRunCommand(g *globalOptions) *cli.Command {
	var o RunOptions
	return &cli.Command{
		Name:      "run",
		Usage:     "the nightly job: ingest, extract and index what changed, under one lock",
		ArgsUsage: "[PATH...]",
		Description: `Ingests the folders and files given (only what changed since the last run), extracts
the documents that lack a current extraction, and brings the index up to date, all under
the writer lock. Killed at any point, the next run finishes the work with nothing lost or
duplicated. --report FILE writes a JSON summary: counts per stage (files, new, changed,
unchanged, rejected, failed), durations per stage, the rejected and failed files with
their reasons, and the extractor, index and store versions. Quiet unless something needs
attention (warnings and errors go to stderr).

Examples:
   trawl run ~/papers ~/news
   trawl --quiet run --report /var/log/trawl/run.json ~/papers
   trawl run --dry-run ~/papers`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "report", Usage: "write the run's JSON summary to `FILE` (- for stdout)", Destination: &o.Report},
			&cli.BoolFlag{Name: "dry-run", Usage: "say what would be done, change nothing", Destination: &o.DryRun},
			&cli.BoolFlag{Name: "no-ner", Usage: "find people by rules only (faster)", Destination: &o.NoNER},
			&cli.BoolFlag{Name: "no-ocr", Usage: "do not OCR scanned PDF pages; record such PDFs as needing OCR", Destination: &o.NoOCR},
			&cli.StringSliceFlag{Name: "source", Usage: "run only this configured source `NAME` (repeatable; default: every enabled one)", Destination: &o.Sources},
		},
		Action: func(c *cli.Context) error {
			return runRun(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runRun(ctx context.Context, o RunOptions, g *globalOptions, paths []string) error {
	cfg, cfgPath, err := g.loadConfig()
	if err != nil {
		return err
	}
	var fcfg *fetch.Config
	if cfgPath != "" {
		fc, err := cfg.FetchConfig()
		if err != nil {
			return usageError{err}
		}
		fcfg = &fc
	} else if len(paths) == 0 {
		return usagef("run: give folders or files, or a configuration of sources (--config FILE or ./trawl.toml; see trawl.example.toml)")
	}
	store, release, err := g.writeStore("trawl run")
	if err != nil {
		return err
	}
	defer release()

	bar := newProgressLine(g.stderr, g.progress)
	opts := nightly.Options{
		DataDir:  g.DataDir,
		Paths:    paths,
		Fetch:    fcfg,
		Sources:  o.Sources.Value(),
		DryRun:   o.DryRun,
		Registry: ingest.DefaultRegistry(ingest.RegistryOptions{Logger: g.logger, NoOCR: o.NoOCR}),
		Ingest: ingest.Options{Limits: format.DefaultLimits(), Progress: func(p ingest.Progress) {
			bar.show("ingest %d/%d  new %d  rejected %d  %s", p.Done, p.Total, p.Stats.New, p.Stats.Rejected, shortPath(p.Path))
		}},
		NoNER:       o.NoNER,
		MappedLimit: g.mappedLimit(),
		Logger:      g.logger,
		Stage:       func(name string) { bar.show("%s...", name) },
	}
	rep, err := nightly.Run(ctx, store, opts)
	bar.done()
	if o.Report != "" {
		if werr := writeReport(o.Report, g, rep); werr != nil && err == nil {
			err = werr
		}
	}
	if g.progress {
		printRunSummary(g, rep)
	}
	return err
}

// writeReport writes the JSON report atomically (or to stdout for "-").
func writeReport(path string, g *globalOptions, rep nightly.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = g.stdout.Write(b)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".trawl-report-*")
	if err != nil {
		return fmt.Errorf("report %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("report %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("report %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

func printRunSummary(g *globalOptions, rep nightly.Report) {
	w := g.stderr
	if p := rep.Plan; p != nil {
		fmt.Fprintf(w, "dry run: sources %v; %d files given (%d to read, %d unchanged); %d documents to extract; index %d changes behind\n",
			p.Sources, p.Files, p.ToRead, p.Unchanged, p.ToExtract, p.IndexBehind)
		return
	}
	if f := rep.Fetch; f != nil {
		for _, sr := range f.Sources {
			line := fmt.Sprintf("source:  %s (%s): %d failed", sr.Name, sr.Type, len(sr.Failures))
			if st := sr.Ingest; st != nil {
				line += fmt.Sprintf("; ingest %d files: %d new, %d changed, %d unchanged, %d rejected", st.Files, st.New, st.Changed, st.Unchanged, st.Rejected)
			}
			fmt.Fprintln(w, line)
		}
	}
	if s := rep.Ingest; s != nil {
		fmt.Fprintf(w, "ingest:  %d files: %d new, %d changed, %d unchanged, %d rejected, %d failed (%.1fs)\n",
			s.Files, s.New, s.Changed, s.Unchanged, s.Rejected, s.Failed, rep.Durations["ingest"])
	}
	if s := rep.Extract; s != nil {
		fmt.Fprintf(w, "extract: %d documents (%d words) (%.1fs)\n", s.Extracted, s.Words, rep.Durations["extract"])
	}
	if s := rep.Index; s != nil {
		fmt.Fprintf(w, "index:   %d documents, %d events, %d removed (%.1fs)\n", s.Indexed, s.Events, s.Deleted, rep.Durations["index"])
	}
}
