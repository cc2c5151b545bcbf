package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/index"
)

// TimelineOptions are the flags of 'trawl timeline'.
type TimelineOptions struct {
	FilterOptions
	DocKinds string
	JSON     bool
}

func newTimelineCommand(g *globalOptions) *cli.Command {
	var o TimelineOptions
	flags := append(filterFlags(&o.FilterOptions, "only events of these kinds: go-live, delay, suspension, cost, contract, rescue, other (comma-separated)"),
		&cli.StringFlag{Name: "doc-kind", Usage: "only events from documents of these kinds: news, board-paper, report", Destination: &o.DocKinds},
		&cli.BoolFlag{Name: "json", Usage: "print the timeline as JSON", Destination: &o.JSON},
	)
	return &cli.Command{
		Name:      "timeline",
		Usage:     "dated events from every source, in date order",
		ArgsUsage: "[QUERY]",
		Description: `Lists the extracted events (go-lives, delays, suspensions, costs, contracts, rescues)
that pass the filters, in date order. Dates keep their precision: "June 2008" sorts as
June and is never printed as the 1st; "autumn 2009" and "Q3 2009" sort by their start.
--from and --to keep events whose date overlaps the range. The same event reported by
several documents (same kind and date, overlapping trusts, systems or vendors) appears once
with every source cited; actual events of one trust dated differently by different sources
are kept apart and flagged as conflicting. Each source gives the document's short ID,
title, outlet, URL or path, PDF page, the sentence and its byte offsets. QUERY (bleve
query-string syntax) searches the events' sentences.

Examples:
   trawl timeline --trust "Royal Free"
   trawl timeline --vendor BT --system "Cerner Millennium" --kind go-live,delay
   trawl timeline --from 2008 --to 2009-06 suspended
   trawl timeline --trust RAL --json | jq '.entries[] | {date, kind}'`,
		Flags: flags,
		Action: func(c *cli.Context) error {
			return runTimeline(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runTimeline(ctx context.Context, o TimelineOptions, g *globalOptions, args []string) error {
	f, err := o.filter(true)
	if err != nil {
		return err
	}
	dk := FilterOptions{Kinds: o.DocKinds}
	df, err := dk.filter(false)
	if err != nil {
		return usagef("--doc-kind: %v", err)
	}
	f.Kinds = df.Kinds
	x, err := g.openIndex()
	if err != nil {
		return err
	}
	defer x.Close()
	tl, err := x.Timeline(ctx, index.TimelineRequest{Query: strings.Join(args, " "), Filter: f})
	if err != nil {
		return queryError(err)
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(tl)
	}
	printTimeline(g.stdout, tl)
	return nil
}

func refNames(rs ...[]index.EntityRef) string {
	var s []string
	for _, g := range rs {
		for _, r := range g {
			s = append(s, r.Name)
		}
	}
	return strings.Join(s, ", ")
}

func printTimeline(w io.Writer, tl *index.Timeline) {
	for _, r := range tl.Filters {
		if len(r.IDs) > 0 {
			fmt.Fprintf(w, "%s %q: %s (%s)\n", r.Kind, r.Input, r.Name, strings.Join(r.IDs, ", "))
		}
	}
	fmt.Fprintf(w, "%d events from %d reports\n", len(tl.Entries), tl.Events)
	for _, e := range tl.Entries {
		status := ""
		if e.Status != "" {
			status = " (" + e.Status + ")"
		}
		fmt.Fprintf(w, "\n%s  %s%s", e.DisplayDate, e.Kind, status)
		if who := refNames(e.Trusts, e.Systems, e.Vendors); who != "" {
			fmt.Fprintf(w, "  %s", who)
		}
		if len(e.Money) > 0 {
			fmt.Fprintf(w, "  %s", strings.Join(e.Money, ", "))
		}
		if e.Conflict {
			var other []string
			for _, d := range e.ConflictsWith {
				other = append(other, index.DisplayDate(d))
			}
			fmt.Fprintf(w, "  [CONFLICT: other sources say %s]", strings.Join(other, ", "))
		}
		fmt.Fprintln(w)
		for _, s := range e.Sources {
			fmt.Fprintf(w, "   %s\n", quoted(s.Sentence))
			var meta []string
			if s.Outlet != "" {
				meta = append(meta, s.Outlet)
			}
			if s.Published != "" {
				meta = append(meta, index.DisplayDate(s.Published))
			} else {
				meta = append(meta, "date unknown")
			}
			where := s.URL
			if where == "" && len(s.Locations) > 0 {
				where = s.Locations[0]
			}
			if s.Page > 0 {
				where += fmt.Sprintf(" page %d", s.Page)
			}
			fmt.Fprintf(w, "      — %s (%s) %s [%s @%d-%d]\n", s.Title, strings.Join(meta, ", "), where, shortID(s.DocID), s.Start, s.End)
		}
	}
}

// quoted puts a sentence in quotation marks unless it is already quoted.
func quoted(sentence string) string {
	s := strings.Join(strings.Fields(sentence), " ")
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") {
		return s
	}
	return "“" + s + "”"
}
