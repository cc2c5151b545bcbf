package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/index"
)

// ExportOptions are the flags of 'trawl export'.
type ExportOptions struct {
	FilterOptions
	What, Format, Output string
}

func newExportCommand(g *globalOptions) *cli.Command {
	var o ExportOptions
	flags := append(filterFlags(&o.FilterOptions, "documents and entities: document kinds (news, board-paper, report); events and timeline: event kinds (go-live, delay...)"),
		&cli.StringFlag{Name: "what", Value: "documents", Usage: "documents, entities, events or timeline", Destination: &o.What},
		&cli.StringFlag{Name: "format", Value: "csv", Usage: "csv, json, ndjson or timelinejs (events and timeline)", Destination: &o.Format},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` (atomically) instead of stdout", Destination: &o.Output},
	)
	return &cli.Command{
		Name:      "export",
		Usage:     "export documents, entities, events or the timeline",
		ArgsUsage: "[QUERY]",
		Description: `Writes the matching records as CSV (RFC 4180: UTF-8, CRLF, one header row), a JSON
array, NDJSON (one object per line) or TimelineJS JSON (Knight Lab's format, for events
and the timeline). Dates are EDTF strings in CSV and JSON (2008-06, 2009-23 for autumn
2009, 2009-35 for Q3 2009, ~ when approximate) besides a display form ("autumn 2009").
Columns and the date mapping are documented in index/EXPORTS.md. Output is deterministic
(documents in ID order, events and the timeline in date order) and streamed: documents,
entities and events are written as they are read, so large exports use constant memory.
Filters and QUERY work as in 'trawl search' and 'trawl timeline'.

Examples:
   trawl export --what documents --trust "Royal Free" > royal-free.csv
   trawl export --what events --format ndjson --vendor BT
   trawl export --what timeline --format timelinejs --trust RAL -o royal-free-timeline.json
   trawl export --what entities --format json --from 2008 --to 2012`,
		Flags: flags,
		Action: func(c *cli.Context) error {
			return runExport(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runExport(ctx context.Context, o ExportOptions, g *globalOptions, args []string) error {
	eventKinds := o.What == index.ExportEvents || o.What == index.ExportTimeline
	f, err := o.filter(eventKinds)
	if err != nil {
		return err
	}
	req := index.ExportRequest{What: o.What, Format: o.Format, Query: strings.Join(args, " "), Filter: f}
	if err := req.Validate(); err != nil {
		return usagef("%v", err)
	}
	x, err := g.openIndex()
	if err != nil {
		return err
	}
	defer x.Close()
	if o.Output == "" {
		n, err := x.Export(ctx, g.stdout, req)
		g.logger.Info("exported", "stage", "export", "rows", n)
		return queryError(err)
	}
	return writeAtomic(o.Output, func(w io.Writer) error {
		n, err := x.Export(ctx, w, req)
		g.logger.Info("exported", "stage", "export", "rows", n, "path", o.Output)
		return queryError(err)
	})
}

// writeAtomic writes a file through a temporary file in the same folder,
// synced and renamed into place, so that a failed export leaves no half file.
func writeAtomic(path string, fn func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}
