package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/corpus"
)

// StatsOptions are the flags of 'trawl stats'.
type StatsOptions struct {
	JSON bool
}

// corpusStats is what 'trawl stats' reports.
type corpusStats struct {
	Documents int                `json:"documents"`
	Bytes     int64              `json:"bytes"`
	Sources   int                `json:"sources"`
	Missing   int                `json:"missing"`
	ByKind    map[string]int     `json:"by_kind"`
	BySource  map[string]int     `json:"by_source"`
	ByYear    map[string]int     `json:"by_year"`
	ByFormat  map[string]int     `json:"by_format"`
	Rejected  []corpus.Rejection `json:"rejected"`
}

func newStatsCommand(g *globalOptions) *cli.Command {
	var o StatsOptions
	return &cli.Command{
		Name:  "stats",
		Usage: "count the stored documents and list rejected files",
		Description: `Counts documents by kind, source name, published year ("unknown" when the date is
not known) and format, and lists every rejected file with its reason. Rejected files are
retried when they change.

Examples:
   trawl stats
   trawl stats --json | jq '.rejected[].reason'`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print as JSON", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("stats takes no arguments")
			}
			return runStats(c.Context, o, g)
		},
	}
}

func collectStats(store *corpus.Store) (*corpusStats, error) {
	s := &corpusStats{ByKind: map[string]int{}, BySource: map[string]int{}, ByYear: map[string]int{}, ByFormat: map[string]int{}, Rejected: []corpus.Rejection{}}
	err := store.View(func(tx *corpus.Tx) error {
		err := tx.ForEachMeta(func(d *corpus.Document) error {
			s.Documents++
			s.Bytes += d.Size
			s.ByKind[string(d.Kind)]++
			s.ByFormat[string(d.Format)]++
			year := "unknown"
			if !d.Published.IsZero() {
				year = fmt.Sprintf("%04d", d.Published.Year)
			}
			s.ByYear[year]++
			names := map[string]bool{}
			for _, src := range d.Sources {
				s.Sources++
				if src.Missing {
					s.Missing++
				}
				name := src.Name
				if name == "" {
					name = "(none)"
				}
				names[name] = true
			}
			for n := range names {
				s.BySource[n]++
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.ForEachRejection(func(r corpus.Rejection) error {
			s.Rejected = append(s.Rejected, r)
			return nil
		})
	})
	return s, err
}

func runStats(_ context.Context, o StatsOptions, g *globalOptions) error {
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	s, err := collectStats(store)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	w := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "documents\t%d\t(%.1f MB raw)\n", s.Documents, float64(s.Bytes)/1e6)
	fmt.Fprintf(w, "locations\t%d\t(%d missing from disk)\n", s.Sources, s.Missing)
	for _, sec := range []struct {
		name string
		m    map[string]int
	}{{"kind", s.ByKind}, {"source", s.BySource}, {"year", s.ByYear}, {"format", s.ByFormat}} {
		fmt.Fprintf(w, "\nby %s\n", sec.name)
		for _, k := range sortedKeys(sec.m) {
			fmt.Fprintf(w, "  %s\t%d\n", k, sec.m[k])
		}
	}
	fmt.Fprintf(w, "\nrejected\t%d\n", len(s.Rejected))
	for _, r := range s.Rejected {
		fmt.Fprintf(w, "  %s\t%s\n", r.Location, r.Reason)
	}
	return w.Flush()
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
