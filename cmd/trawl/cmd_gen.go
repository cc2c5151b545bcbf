package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/internal/gen"
)

// GenOptions are the flags of 'trawl gen'.
type GenOptions struct {
	Docs    int
	Out     string
	Seed    uint64
	Formats string
	Mix     string
	Truth   string
	Workers int
	JSON    bool
}

func newGenCommand(g *globalOptions) *cli.Command {
	var o GenOptions
	return &cli.Command{
		Name:  "gen",
		Usage: "write a reproducible corpus of generated news articles and board papers",
		Description: `Writes N realistic documents into DIR for benchmarks and scale tests: health-IT news
articles as HTML pages, and trust board papers as text, DOCX and PDF, about real trusts,
vendors and systems from the gazetteer, with invented people, money, dates and dated
events (go-live, delay, suspension, cost, contract, rescue), published 2003-2024.
Files go into subfolders of at most 1,000 (DIR/0000/000000-title.html, ...). The same
seed and flags give the same bytes on every run. --truth writes one JSON line per
document: its path, kind, title, published date and precision, and the entities and
events it holds, to measure extraction against. Nothing is written to the data folder.

Examples:
   trawl gen --docs 1000 --out /tmp/corpus
   trawl gen --docs 100000 --out /tmp/scale --seed 7 --truth /tmp/scale.truth.ndjson
   trawl gen --docs 5000 --out /tmp/news --formats html --mix news=1
   trawl gen --docs 500 --out /tmp/papers --formats docx,pdf --mix board-paper=1`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "docs", Aliases: []string{"n"}, Usage: "number of documents to write", Destination: &o.Docs},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output `DIR` (created if missing)", Destination: &o.Out},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed: the same seed and flags give the same files", Destination: &o.Seed},
			&cli.StringFlag{Name: "formats", Value: "html,txt,docx,pdf", Usage: "formats to write: news goes to HTML when chosen, board papers to the others", Destination: &o.Formats},
			&cli.StringFlag{Name: "mix", Value: "news=0.7,board-paper=0.3", Usage: "shares of each kind of document", Destination: &o.Mix},
			&cli.StringFlag{Name: "truth", Usage: "write the ground truth as NDJSON to `FILE`", Destination: &o.Truth},
			&cli.IntFlag{Name: "workers", Usage: "documents generated in parallel (default: number of CPUs; the output does not depend on it)", Destination: &o.Workers},
			&cli.BoolFlag{Name: "json", Usage: "print the run's counts as JSON on stdout", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			if !c.IsSet("docs") {
				return usagef("gen: --docs N is required: the number of documents to write")
			}
			return runGen(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runGen(ctx context.Context, o GenOptions, g *globalOptions, args []string) error {
	if len(args) > 0 {
		return usagef("gen: unexpected arguments %q: give the folder with --out DIR", args)
	}
	if o.Docs < 0 {
		return usagef("--docs %d: want a number of documents ≥ 0", o.Docs)
	}
	if o.Out == "" {
		return usagef("--out: give the folder to write into, such as --out /tmp/corpus")
	}
	formats, err := gen.ParseFormats(o.Formats)
	if err != nil {
		return usagef("--formats: %v", err)
	}
	mix, err := gen.ParseMix(o.Mix)
	if err != nil {
		return usagef("--mix: %v", err)
	}
	gz, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	gn, err := gen.New(gz, gen.Options{Seed: o.Seed, Formats: formats, Mix: mix, Workers: o.Workers})
	if err != nil {
		return err
	}

	var truth *os.File
	var tw *bufio.Writer
	if o.Truth != "" {
		if err := os.MkdirAll(filepath.Dir(o.Truth), 0o755); err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
		truth, err = os.CreateTemp(filepath.Dir(o.Truth), "."+filepath.Base(o.Truth)+".tmp*")
		if err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
		defer os.Remove(truth.Name()) // gone after the rename
		defer truth.Close()
		tw = bufio.NewWriterSize(truth, 1<<20)
	}

	bar := newProgressLine(g.stderr, g.progress)
	progress := func(done int) { bar.show("gen %d/%d", done, o.Docs) }
	var st gen.Stats
	if tw != nil {
		st, err = gn.Write(ctx, o.Out, o.Docs, tw, progress)
	} else {
		st, err = gn.Write(ctx, o.Out, o.Docs, nil, progress)
	}
	bar.done()
	if err != nil {
		return err
	}
	if truth != nil {
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
		if err := truth.Sync(); err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
		if err := truth.Close(); err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
		if err := os.Rename(truth.Name(), o.Truth); err != nil {
			return fmt.Errorf("gen truth %s: %w", o.Truth, err)
		}
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			return err
		}
	}
	if g.progress {
		fmt.Fprintf(g.stderr, "gen: %d documents (%d HTML, %d text, %d DOCX, %d PDF), %.1f MB in %.1fs: %.0f docs/s\n",
			st.Docs, st.HTML, st.Text, st.DOCX, st.PDF, float64(st.Bytes)/1e6, st.Seconds, float64(st.Docs)/max(st.Seconds, 1e-9))
	}
	return nil
}
