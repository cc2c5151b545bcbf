package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
)

// LsOptions are the flags of 'trawl ls'.
type LsOptions struct {
	JSON bool
	Kind string
}

func newLsCommand(g *globalOptions) *cli.Command {
	var o LsOptions
	return &cli.Command{
		Name:  "ls",
		Usage: "list the stored documents",
		Description: `Lists every document in ID order: short ID, kind, format, published date (at its
precision: 2009-03 is March 2009, not the 1st), title and first location. --json writes one
JSON object per line (metadata, no text).

Examples:
   trawl ls
   trawl ls --kind board-paper --json | jq .title`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "one JSON object per document per line", Destination: &o.JSON},
			&cli.StringFlag{Name: "kind", Usage: "only documents of this kind", Destination: &o.Kind},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("ls takes no arguments")
			}
			return runLs(c.Context, o, g)
		},
	}
}

func runLs(_ context.Context, o LsOptions, g *globalOptions) error {
	if o.Kind != "" {
		if _, err := corpus.ParseKind(o.Kind); err != nil {
			return usagef("--kind: %v", err)
		}
	}
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	enc := json.NewEncoder(g.stdout)
	if !o.JSON {
		fmt.Fprintln(tw, "ID\tKIND\tFORMAT\tPUBLISHED\tTITLE\tLOCATION")
	}
	err = store.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error {
			if o.Kind != "" && string(d.Kind) != o.Kind {
				return nil
			}
			if o.JSON {
				d.Sections, d.Pages = nil, nil
				return enc.Encode(d)
			}
			loc := ""
			if len(d.Sources) > 0 {
				loc = d.Sources[0].Location
				if len(d.Sources) > 1 {
					loc += fmt.Sprintf(" (+%d)", len(d.Sources)-1)
				}
			}
			pub := d.Published.String()
			if pub == "" {
				pub = "unknown"
			}
			_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.ID[:12], d.Kind, d.Format, pub, clip(d.Title, 60), loc)
			return err
		})
	})
	if err != nil {
		return err
	}
	if !o.JSON {
		return tw.Flush()
	}
	return nil
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
