package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// ExtractOptions are the flags of 'trawl extract'.
type ExtractOptions struct {
	All       bool
	Redo      bool
	Published string
	Kind      string
	Format    string
	NoNER     bool
	JSON      bool
}

func newExtractCommand(g *globalOptions) *cli.Command {
	var o ExtractOptions
	return &cli.Command{
		Name:      "extract",
		Usage:     "extract trusts, bodies, vendors, systems, people, money, dates and events",
		ArgsUsage: "[PATH...]",
		Description: `With paths, reads the files as 'trawl ingest' would and prints what is extracted from
each, without storing anything: one JSON object per document per line (--format jsonl, the
default), or a table. --published gives or overrides the document date (YYYY, YYYY-MM or
YYYY-MM-DD) that relative dates ("last June") are resolved against; without any date,
relative dates are left unresolved and the output says so.

With --all, extracts every stored document that has no extraction by this extractor version
and stores the results (--redo: every document). 'trawl index' reads them from there.

JSONL fields: path, id, title, published, published_precision, kind, extractor, notes,
entities [{type, text, norm, id, start, end, count, relative, mod, fuzzy, role,
affiliation, version, vendor_id, currency, amount, to, per, current, current_id,
mentions}], events [{kind, date, status, trusts, vendors, systems, money, trust_ids,
vendor_ids, system_ids, date_basis, sentence, start, end, page}]; offsets are bytes of the
clean text ('trawl show --json').

Examples:
   trawl extract --published 2008-11 article.txt
   trawl extract --format table board-pack.pdf
   trawl extract --all`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "all", Usage: "extract the stored documents that need it and store the results", Destination: &o.All},
			&cli.BoolFlag{Name: "redo", Usage: "with --all: re-extract every stored document", Destination: &o.Redo},
			&cli.StringFlag{Name: "published", Usage: "the document date `YYYY[-MM[-DD]]` relative dates resolve against", Destination: &o.Published},
			&cli.StringFlag{Name: "kind", Usage: "the kind of the documents: news, board-paper or report", Destination: &o.Kind},
			&cli.StringFlag{Name: "format", Value: "jsonl", Usage: "output: jsonl or table", Destination: &o.Format},
			&cli.BoolFlag{Name: "no-ner", Usage: "find people by rules only, without prose's NER (faster)", Destination: &o.NoNER},
			&cli.BoolFlag{Name: "json", Usage: "with --all: print the pass's counts as JSON", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			return runExtract(c.Context, o, g, c.Args().Slice())
		},
	}
}

// extractLine is one line of 'trawl extract' JSONL output.
type extractLine struct {
	Path               string           `json:"path"`
	ID                 string           `json:"id"`
	Title              string           `json:"title"`
	Published          corpus.Date      `json:"published"`
	PublishedPrecision string           `json:"published_precision"`
	Kind               corpus.Kind      `json:"kind"`
	Extractor          string           `json:"extractor"`
	Notes              []string         `json:"notes,omitempty"`
	Entities           []extract.Entity `json:"entities"`
	Events             []extract.Event  `json:"events"`
}

func runExtract(ctx context.Context, o ExtractOptions, g *globalOptions, args []string) error {
	if o.Format != "jsonl" && o.Format != "table" {
		return usagef("--format %q: want jsonl or table", o.Format)
	}
	var published corpus.Date
	if o.Published != "" {
		d, err := corpus.ParseDate(o.Published)
		if err != nil {
			return usagef("--published: %v", err)
		}
		published = d
	}
	var kind corpus.Kind
	if o.Kind != "" {
		k, err := corpus.ParseKind(o.Kind)
		if err != nil {
			return usagef("--kind: %v", err)
		}
		kind = k
	}
	switch {
	case o.All && len(args) > 0:
		return usagef("extract: give paths or --all, not both")
	case !o.All && len(args) == 0:
		return usagef("extract: give files or folders, or --all for the store")
	case o.Redo && !o.All:
		return usagef("--redo goes with --all")
	}
	x, err := extract.New(extract.Options{NoNER: o.NoNER})
	if err == nil {
		err = x.Ready()
	}
	if err != nil {
		return err
	}
	if o.All {
		return extractStore(ctx, o, g, x)
	}

	ing := ingest.New(nil, ingest.DefaultRegistry(ingest.RegistryOptions{Logger: g.logger}), ingest.Options{Kind: kind, Logger: g.logger, Limits: format.DefaultLimits()})
	files, err := ingest.ListFiles(args, ingest.DefaultRegistry(ingest.RegistryOptions{}))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(g.stdout)
	failed := 0
	for _, path := range files {
		d, err := ing.ReadDocument(ctx, path)
		if err != nil {
			failed++
			g.logger.Warn("rejected", "stage", "extract", "path", path, "reason", err.Error())
			continue
		}
		if !published.IsZero() {
			d.Published, d.PublishedSource = published, corpus.DateFromFlag
		}
		r := x.Extract(d)
		line := extractLine{Path: path, ID: d.ID, Title: d.Title, Published: d.Published, Kind: d.Kind,
			Extractor: r.Extractor, Notes: r.Notes, Entities: r.Entities, Events: r.Events}
		if !d.Published.IsZero() {
			line.PublishedPrecision = d.Published.Precision().String()
		}
		if o.Format == "table" {
			printExtractTable(g, line)
			continue
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d files could not be read: %w", failed, len(files), corpus.ErrPartial)
	}
	return nil
}

func extractStore(ctx context.Context, o ExtractOptions, g *globalOptions, x *extract.Extractor) error {
	store, release, err := g.writeStore("trawl extract --all")
	if err != nil {
		return err
	}
	defer release()
	bar := newProgressLine(g.stderr, g.progress)
	st, err := x.UpdateStore(ctx, store, extract.StoreOptions{All: o.Redo, Progress: func(done, total int) {
		bar.show("extract %d/%d", done, total)
	}})
	bar.done()
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	if g.progress {
		wps := 0.0
		if st.Seconds > 0 {
			wps = float64(st.Words) / st.Seconds
		}
		fmt.Fprintf(g.stderr, "extract: %d documents extracted, %d already current (%d words, %.0f words/s)\n", st.Extracted, st.Current, st.Words, wps)
	}
	return nil
}

func printExtractTable(g *globalOptions, l extractLine) {
	pub := l.Published.String()
	if pub == "" {
		pub = "unknown"
	}
	fmt.Fprintf(g.stdout, "== %s\n   %s (published %s)\n", l.Path, l.Title, pub)
	for _, n := range l.Notes {
		fmt.Fprintf(g.stdout, "   note: %s\n", n)
	}
	w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	for _, e := range l.Entities {
		extra := []string{}
		for _, kv := range [][2]string{{"id", e.ID}, {"role", e.Role}, {"of", e.Affiliation}, {"version", e.Version}, {"per", e.Per}, {"mod", e.Mod}, {"now", e.Current}} {
			if kv[1] != "" {
				extra = append(extra, kv[0]+"="+kv[1])
			}
		}
		if e.Relative {
			extra = append(extra, "relative")
		}
		fmt.Fprintf(w, "   %s\t%s\t%q ×%d\t%s\n", e.Type, e.Norm, e.Text, e.Count, strings.Join(extra, " "))
	}
	for _, ev := range l.Events {
		fmt.Fprintf(w, "   event\t%s %s %s\t%s\t%s\n", ev.Date, ev.Kind, ev.Status, strings.Join(ev.Trusts, "; "), clip(ev.Sentence, 80))
	}
	w.Flush()
}
