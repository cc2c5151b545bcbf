package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
)

// ShowOptions are the flags of 'trawl show'.
type ShowOptions struct {
	JSON bool
}

func newShowCommand(g *globalOptions) *cli.Command {
	var o ShowOptions
	return &cli.Command{
		Name:      "show",
		Usage:     "print one document's metadata and clean text",
		ArgsUsage: "ID",
		Description: `ID is a document ID or any unique prefix of it (as 'trawl ls' prints). --json prints
the whole document: metadata, text, pages and sections (byte offsets into the text),
meeting and agenda, and every source.

Examples:
   trawl show 3f2a9c01b7e4
   trawl show --json 3f2a | jq .pages`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "the whole document as JSON", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("show takes one document ID")
			}
			return runShow(c.Context, o, g, c.Args().First())
		},
	}
}

func runShow(_ context.Context, o ShowOptions, g *globalOptions, id string) error {
	if id == "" || strings.Trim(strings.ToLower(id), "0123456789abcdef") != "" {
		return usagef("show %q: an ID is hexadecimal, as 'trawl ls' prints it", id)
	}
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	var d *corpus.Document
	err = store.View(func(tx *corpus.Tx) error {
		ids := tx.FindIDs(strings.ToLower(id), 2)
		switch len(ids) {
		case 0:
			return fmt.Errorf("show %s: %w", id, corpus.ErrNotFound)
		case 2:
			return usagef("show %s: more than one document has this prefix; give more of the ID", id)
		}
		var err error
		d, err = tx.Document(ids[0])
		return err
	})
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	w := g.stdout
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", v)
		}
	}
	field("id", d.ID)
	field("title", d.Title)
	field("kind", string(d.Kind))
	field("format", string(d.Format))
	pub := "unknown"
	if !d.Published.IsZero() {
		pub = fmt.Sprintf("%s (%s precision, from %s)", d.Published, d.Published.Precision(), d.PublishedSource)
	}
	field("published", pub)
	field("outlet", d.Outlet)
	field("authors", strings.Join(d.Authors, "; "))
	field("url", d.URL)
	field("language", d.Language)
	if len(d.Pages) > 0 {
		field("pages", fmt.Sprint(len(d.Pages)))
	}
	if m := d.Meeting; m != nil {
		field("meeting", m.Date.String())
		for _, it := range m.Items {
			fmt.Fprintf(w, "           %s %s\n", it.Number, it.Title)
		}
	}
	field("reader", d.Reader)
	for _, s := range d.Sources {
		flag := ""
		if s.Missing {
			flag = " (missing)"
		}
		field("source", s.Location+flag)
	}
	for _, warn := range d.Warnings {
		field("warning", warn)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, d.Text)
	return nil
}
