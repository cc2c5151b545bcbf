package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/ingest/fetch"
)

// SourcesOptions are the flags of 'trawl sources'.
type SourcesOptions struct {
	JSON bool
}

func newSourcesCommand(g *globalOptions) *cli.Command {
	var o SourcesOptions
	return &cli.Command{
		Name:  "sources",
		Usage: "list the configured sources with their last run, documents and errors",
		Description: `Lists the sources of the configuration: type, URL or folder, whether enabled, the
last run of 'trawl fetch' and the last run without failures, the documents stored from
the source's folder, and the failures of its last run. Needs no lock.

Examples:
   trawl sources
   trawl sources --json | jq '.[] | select(.record.failed > 0)'`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the sources as a JSON array", Destination: &o.JSON},
		},
		Action: func(c *cli.Context) error {
			return runSources(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runSources(_ context.Context, o SourcesOptions, g *globalOptions, args []string) error {
	if len(args) > 0 {
		return usagef("sources: takes no arguments")
	}
	cfg, path, err := g.loadConfig()
	if err != nil {
		return err
	}
	fc, err := cfg.FetchConfig()
	if err != nil {
		return usageError{configError(path, err)}
	}
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	sts, err := fetch.Statuses(store, fc)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if sts == nil {
			sts = []fetch.Status{}
		}
		return enc.Encode(sts)
	}
	if len(sts) == 0 {
		fmt.Fprintln(g.stderr, "no sources configured: write a trawl.toml (see trawl.example.toml) or name one with --config FILE")
		return nil
	}
	tw := tabwriter.NewWriter(g.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tKIND\tENABLED\tLAST RUN\tLAST SUCCESS\tDOCS\tFAILED\tLOCATION")
	for _, s := range sts {
		lastRun, lastOK, failed := "never", "never", "-"
		if r := s.Record; r != nil {
			lastRun, lastOK, failed = when(r.LastRun), when(r.LastSuccess), fmt.Sprint(r.Failed)
		}
		kind := string(s.Kind)
		if kind == "" {
			kind = "detect"
		}
		enabled := "yes"
		if !s.Enabled {
			enabled = "no"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", s.Name, s.Type, kind, enabled, lastRun, lastOK, s.Documents, failed, s.Location())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range sts {
		if s.Record == nil || len(s.Record.Errors) == 0 {
			continue
		}
		fmt.Fprintf(g.stdout, "\n%s: problems at the last run:\n", s.Name)
		for _, e := range s.Record.Errors {
			fmt.Fprintf(g.stdout, "   %s: %s\n", e.URL, e.Reason)
		}
	}
	return nil
}

func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}
