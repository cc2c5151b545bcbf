package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/index"
)

// IndexOptions are the flags of 'trawl index'.
type IndexOptions struct {
	Rebuild   bool
	BatchSize string
	JSON      bool
}

func newIndexCommand(g *globalOptions) *cli.Command {
	var o IndexOptions
	return &cli.Command{
		Name:  "index",
		Usage: "bring the search index up to date with the store",
		Description: `Follows the store's change log from where the last run stopped: new and re-extracted
documents are (re)indexed with their events, removed ones deleted, nothing else touched.
Documents not yet extracted are indexed for full text only. Work is committed in batches
of about --batch-size of text, each with the point of the change log it reached, so an
interrupted run (Ctrl-C, a crash) is simply run again: nothing is lost or duplicated.
--rebuild deletes the index and builds it afresh (needed after a trawl upgrade that
changes the index layout). The index lives in DATA/index.

Examples:
   trawl index
   trawl index --rebuild
   trawl index --quiet --json > index-report.json`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "rebuild", Usage: "delete the index and build it afresh", Destination: &o.Rebuild},
			&cli.StringFlag{Name: "batch-size", Value: "4MB", Usage: "text per indexing batch (KB, MB)", Destination: &o.BatchSize},
			&cli.BoolFlag{Name: "json", Usage: "print the run's counts and the index size as JSON on stdout", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("index takes no arguments")
			}
			return runIndex(c.Context, o, g)
		},
	}
}

func (g *globalOptions) indexDir() string { return index.PathIn(g.DataDir) }

func runIndex(ctx context.Context, o IndexOptions, g *globalOptions) error {
	size, err := parseSize(o.BatchSize)
	if err != nil {
		return usagef("--batch-size: %v", err)
	}
	store, release, err := g.writeStore("trawl index")
	if err != nil {
		return err
	}
	defer release()
	x, err := index.Open(g.indexDir(), index.Options{BatchBytes: int(size), Rebuild: o.Rebuild, Logger: g.logger, MappedLimit: g.mappedLimit()})
	if err != nil {
		return err
	}
	defer x.Close()
	bar := newProgressLine(g.stderr, g.progress)
	st, err := x.Update(ctx, store, func(s index.UpdateStats) {
		bar.show("index: %d documents, %d events, %d deleted, %.1f MB", s.Indexed, s.Events, s.Deleted, float64(s.TextBytes)/1e6)
	})
	bar.done()
	if err != nil {
		return fmt.Errorf("index: %w (run 'trawl index' again to carry on)", err)
	}
	is, err := x.Stats(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Run   index.UpdateStats `json:"run"`
			Index index.Stats       `json:"index"`
		}{st, is}); err != nil {
			return err
		}
	}
	g.logger.Info("index updated", "stage", "index", "indexed", st.Indexed, "events", st.Events, "deleted", st.Deleted,
		"without_extraction", st.Bare, "batches", st.Batches, "seconds", st.Seconds)
	if g.progress {
		perMB := ""
		if is.PerMB > 0 {
			perMB = fmt.Sprintf(", %.1f MB on disk per MB of text", is.PerMB/1e6)
		}
		fmt.Fprintf(g.stderr, "index: %d documents indexed (%d without extraction), %d events, %d deleted in %.1fs; index holds %d documents, %d events (%.1f MB%s)\n",
			st.Indexed, st.Bare, st.Events, st.Deleted, st.Seconds, is.Docs, is.Events, float64(is.DiskBytes)/1e6, perMB)
	}
	return nil
}
