package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/index"
)

// FilterOptions are the entity, kind and date flags search, timeline and
// export share.
type FilterOptions struct {
	Trusts, Orgs, Vendors, Systems, People cli.StringSlice
	Kinds                                  string
	From, To                               string
}

func filterFlags(o *FilterOptions, kindUsage string) []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "trust", Usage: "only with this trust: name, former name, alias or ODS code (repeat for any of several)", Destination: &o.Trusts},
		&cli.StringSliceFlag{Name: "org", Usage: "only with this NHS or government body: name, alias or ID", Destination: &o.Orgs},
		&cli.StringSliceFlag{Name: "vendor", Usage: "only with this IT supplier: name, alias or ID", Destination: &o.Vendors},
		&cli.StringSliceFlag{Name: "system", Usage: "only with this system: name, alias or ID", Destination: &o.Systems},
		&cli.StringSliceFlag{Name: "person", Usage: "only naming this person (full name, any case)", Destination: &o.People},
		&cli.StringFlag{Name: "kind", Usage: kindUsage, Destination: &o.Kinds},
		&cli.StringFlag{Name: "from", Usage: "from this date: YYYY, YYYY-MM or YYYY-MM-DD (2008 is 1 January 2008)", Destination: &o.From},
		&cli.StringFlag{Name: "to", Usage: "to the end of this date: YYYY, YYYY-MM or YYYY-MM-DD (2009 is the end of 2009)", Destination: &o.To},
	}
}

// filter checks the flags and builds an index.Filter; eventKinds says
// whether --kind names event kinds rather than document kinds.
func (o *FilterOptions) filter(eventKinds bool) (index.Filter, error) {
	f := index.Filter{Trusts: o.Trusts.Value(), Orgs: o.Orgs.Value(), Vendors: o.Vendors.Value(),
		Systems: o.Systems.Value(), People: o.People.Value()}
	for _, k := range splitList(o.Kinds) {
		if eventKinds {
			switch k {
			case "go-live", "delay", "suspension", "cost", "contract", "rescue", "other":
			default:
				return f, usagef("--kind %q: want go-live, delay, suspension, cost, contract, rescue or other", k)
			}
			f.EventKinds = append(f.EventKinds, k)
			continue
		}
		if _, err := corpus.ParseKind(k); err != nil {
			return f, usagef("--kind: %v", err)
		}
		f.Kinds = append(f.Kinds, k)
	}
	var err error
	if f.From, err = corpus.ParseDate(o.From); err != nil {
		return f, usagef("--from: %v", err)
	}
	if f.To, err = corpus.ParseDate(o.To); err != nil {
		return f, usagef("--to: %v", err)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Start().Before(f.To.End()) {
		return f, usagef("--from %s is after --to %s", f.From, f.To)
	}
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// openIndex opens the data directory's index for reading.
func (g *globalOptions) openIndex() (*index.Index, error) {
	return index.Open(g.indexDir(), index.Options{ReadOnly: true, Logger: g.logger})
}

// queryError turns a bad query into a usage error (exit 2) that says where
// the syntax broke.
func queryError(err error) error {
	if errors.Is(err, index.ErrQuery) {
		return usageError{err}
	}
	return err
}

// SearchOptions are the flags of 'trawl search'.
type SearchOptions struct {
	FilterOptions
	Size, Page int
	Sort       string
	Facets     int
	JSON       bool
}

func newSearchCommand(g *globalOptions) *cli.Command {
	var o SearchOptions
	flags := append(filterFlags(&o.FilterOptions, "only documents of these kinds: news, board-paper, report (comma-separated)"),
		&cli.IntFlag{Name: "size", Value: 10, Usage: "hits per page (at most 1000)", Destination: &o.Size},
		&cli.IntFlag{Name: "page", Value: 1, Usage: "page of hits", Destination: &o.Page},
		&cli.StringFlag{Name: "sort", Value: "relevance", Usage: "relevance or date (newest first)", Destination: &o.Sort},
		&cli.IntFlag{Name: "facets", Value: 5, Usage: "values per facet (0 for none)", Destination: &o.Facets},
		&cli.BoolFlag{Name: "json", Usage: "print the result as JSON", Destination: &o.JSON},
	)
	return &cli.Command{
		Name:      "search",
		Usage:     "search the indexed documents",
		ArgsUsage: "[QUERY]",
		Description: `QUERY is in bleve's query-string syntax: words (stemmed: "deployments" finds
"deployment"), "a phrase", +must, -mustnot, field:value (title:, outlet:, trust_id:, vendor:,
system:, person:, kind:, year:...), fuzzy~ and prefix*. Unfielded words search the title
(boosted) and the text. With no QUERY or '*', every document that passes the filters is
listed. --trust, --vendor, --system and --org take a name, a former name, an alias or an
ID, so --trust RAL, --trust "Royal Free" and --trust "Royal Free London NHS Foundation
Trust" find the same documents across renames. Dates keep their precision: a document
published "March 2009" is never shown as 1 March. Each hit shows its title, date, outlet,
kind, location and PDF page, with snippets in which matched words are marked; facets count
the trusts, vendors, systems, people, years and kinds of all matching documents.

Examples:
   trawl search "Cerner go-live delay"
   trawl search --trust "Royal Free" --from 2008 --to 2009 --sort date
   trawl search --vendor BT --kind board-paper '+millennium -lorenzo'
   trawl search --json 'title:"rescue plan"' | jq '.hits[].title'`,
		Flags: flags,
		Action: func(c *cli.Context) error {
			return runSearch(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runSearch(ctx context.Context, o SearchOptions, g *globalOptions, args []string) error {
	f, err := o.filter(false)
	if err != nil {
		return err
	}
	if o.Size < 1 || o.Size > 1000 {
		return usagef("--size %d: want 1 to 1000", o.Size)
	}
	if o.Page < 1 {
		return usagef("--page %d: want 1 or more", o.Page)
	}
	if o.Sort != "relevance" && o.Sort != "date" {
		return usagef("--sort %q: want relevance or date", o.Sort)
	}
	facets := o.Facets
	if facets <= 0 {
		facets = -1
	}
	x, err := g.openIndex()
	if err != nil {
		return err
	}
	defer x.Close()
	res, err := x.Search(ctx, index.SearchRequest{Query: strings.Join(args, " "), Filter: f, Size: o.Size,
		Page: o.Page, Sort: o.Sort, FacetSize: facets})
	if err != nil {
		return queryError(err)
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printSearch(g.stdout, res, isTerminal(g.stdout))
	return nil
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// mark renders a snippet with its matched words in bold on a terminal, or
// between ** elsewhere.
func mark(s index.Snippet, tty bool) string {
	open, close := "**", "**"
	if tty {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	prev := 0
	for _, m := range s.Marks {
		b.WriteString(s.Text[prev:m.Start])
		b.WriteString(open + s.Text[m.Start:m.End] + close)
		prev = m.End
	}
	b.WriteString(s.Text[prev:])
	return strings.Join(strings.Fields(b.String()), " ")
}

func printSearch(w io.Writer, res *index.SearchResult, tty bool) {
	for _, r := range res.Filters {
		if len(r.IDs) > 0 {
			fmt.Fprintf(w, "%s %q: %s (%s)\n", r.Kind, r.Input, r.Name, strings.Join(r.IDs, ", "))
		}
	}
	noun := "documents"
	if res.Total == 1 {
		noun = "document"
	}
	first := (res.Page-1)*res.Size + 1
	if len(res.Hits) == 0 {
		fmt.Fprintf(w, "%d %s match (%.1f ms)\n", res.Total, noun, res.TookMS)
	} else {
		fmt.Fprintf(w, "%d %s match; %d-%d (%.1f ms)\n", res.Total, noun, first, first+len(res.Hits)-1, res.TookMS)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%d. %s\n", first+i, h.Title)
		date := h.DisplayDate
		if date == "" {
			date = "date unknown"
		}
		meta := []string{date}
		if h.Outlet != "" {
			meta = append(meta, h.Outlet)
		}
		meta = append(meta, h.Kind)
		fmt.Fprintf(w, "   %s  [%s]\n", strings.Join(meta, " · "), shortID(h.ID))
		loc := h.URL
		if loc == "" && len(h.Locations) > 0 {
			loc = h.Locations[0]
		}
		if loc != "" {
			if h.Page > 0 {
				loc += fmt.Sprintf(" (page %d)", h.Page)
			}
			fmt.Fprintf(w, "   %s\n", loc)
		}
		for _, s := range h.Snippets {
			page := ""
			if s.Page > 0 && len(h.Snippets) > 1 {
				page = fmt.Sprintf("p. %d: ", s.Page)
			}
			fmt.Fprintf(w, "   %s… %s …\n", page, mark(s, tty))
		}
	}
	for _, f := range res.Facets {
		if len(f.Terms) == 0 {
			continue
		}
		var parts []string
		for _, t := range f.Terms {
			label := t.Label
			if t.ID != "" && t.ID != t.Label && f.Name != "people" {
				label += " (" + t.ID + ")"
			}
			parts = append(parts, fmt.Sprintf("%s %d", label, t.Count))
		}
		fmt.Fprintf(w, "\n%s: %s", f.Name, strings.Join(parts, " · "))
	}
	if len(res.Facets) > 0 {
		fmt.Fprintln(w)
	}
}
