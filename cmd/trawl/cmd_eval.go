package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/extract"
	"github.com/nhs-trawl/trawl/extract/eval"
)

// EvalOptions are the flags of 'trawl eval'.
type EvalOptions struct {
	JSON       bool
	Floors     string
	AliasMap   string
	ShowErrors bool
	SavePred   string
	NoNER      bool
}

func newEvalCommand(g *globalOptions) *cli.Command {
	var o EvalOptions
	return &cli.Command{
		Name:      "eval",
		Usage:     "score the extractor against a gold set: precision, recall and F1 per type, and events",
		ArgsUsage: "GOLD_DIR",
		Description: `Runs the extractor over a gold set laid out as GOLD_DIR/docs.jsonl, GOLD_DIR/docs/ID.txt,
GOLD_DIR/gold.jsonl and (optionally) GOLD_DIR/events.jsonl, and scores what it finds as the
reference scorer score.py does: per entity type P, R and F1 over (doc, norm) sets, a
micro-average, the recall of relative dates, and event P, R and F1 (strict: doc, date, kind
and trusts; date_only: doc and date). Each document is given its "published" date (day),
else "published_approx" (month), else none; never the annotators' "ref_date".

--floors FILE holds the lowest acceptable scores, {"trust": 0.9, "events": 0.7, ...} (keys:
trust, org, vendor, system, person, money, date, micro, relative_dates, events,
events_date_only); a score below its floor makes the exit code 1. --alias-map FILE maps
predicted norms onto gold ones before comparing, {"trust": {"ours": "theirs"}}.
--save-pred DIR writes DIR/entities.jsonl and DIR/events.jsonl in score.py's input format.
With --json, "entities" and "events" have the layout of score.py --json. Output is sorted.

Examples:
   trawl eval testdata/eval/dev
   trawl eval --show-errors testdata/eval/dev | less
   trawl eval --json --floors extract/eval/testdata/floors.json testdata/eval/dev`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the scores (and with --show-errors the errors) as JSON", Destination: &o.JSON},
			&cli.StringFlag{Name: "floors", Usage: "JSON `FILE` of lowest acceptable scores; exit 1 below any", Destination: &o.Floors},
			&cli.StringFlag{Name: "alias-map", Usage: "JSON `FILE` mapping predicted norms to gold norms, per type", Destination: &o.AliasMap},
			&cli.BoolFlag{Name: "show-errors", Usage: "list false positives and negatives per document and type", Destination: &o.ShowErrors},
			&cli.StringFlag{Name: "save-pred", Usage: "write the predictions in score.py's format to `DIR`", Destination: &o.SavePred},
			&cli.BoolFlag{Name: "no-ner", Usage: "find people by rules and data only, without prose's NER", Destination: &o.NoNER},
		},
		Action: func(c *cli.Context) error {
			return runEval(c.Context, o, g, c.Args().Slice())
		},
	}
}

func runEval(ctx context.Context, o EvalOptions, g *globalOptions, args []string) error {
	if len(args) != 1 {
		return usagef("eval takes one gold set directory (holding docs.jsonl, docs/, gold.jsonl and events.jsonl)")
	}
	dir := args[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("eval %s: not a directory; give a gold set directory such as testdata/eval/dev", dir)
	}
	var opts eval.Options
	if o.Floors != "" {
		f, err := eval.ReadFloors(o.Floors)
		if err != nil {
			return usagef("--floors: %v", err)
		}
		opts.Floors = f
	}
	if o.AliasMap != "" {
		m, err := eval.ReadAliasMap(o.AliasMap)
		if err != nil {
			return usagef("--alias-map: %v", err)
		}
		opts.Aliases = m
	}
	set, err := eval.Load(dir)
	if err != nil {
		return err
	}
	x, err := extract.New(extract.Options{NoNER: o.NoNER})
	if err == nil {
		err = x.Ready()
	}
	if err != nil {
		return err
	}
	ev, err := eval.Evaluate(ctx, set, x, opts)
	if err != nil {
		return err
	}
	if o.SavePred != "" {
		if err := savePredictions(o.SavePred, ev.Predictions); err != nil {
			return err
		}
	}
	if o.JSON {
		out := *ev
		if !o.ShowErrors {
			out.Misses, out.EventMisses = nil, nil
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else if err := ev.WriteText(g.stdout, o.ShowErrors); err != nil {
		return err
	}
	if failed := eval.Failed(ev.Floors); len(failed) > 0 {
		msgs := make([]string, len(failed))
		for i, c := range failed {
			msgs[i] = c.String()
		}
		return fmt.Errorf("eval %s: %d below floor: %s", dir, len(failed), strings.Join(msgs, "; "))
	}
	return nil
}

// savePredictions writes dir/entities.jsonl and dir/events.jsonl, each to
// a temporary file renamed into place.
func savePredictions(dir string, p *eval.Predictions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--save-pred: %w", err)
	}
	var ents, evs bytes.Buffer
	if err := eval.WriteJSONL(&ents, p.Entities); err != nil {
		return fmt.Errorf("--save-pred: %w", err)
	}
	if err := eval.WriteJSONL(&evs, p.Events); err != nil {
		return fmt.Errorf("--save-pred: %w", err)
	}
	for name, b := range map[string][]byte{"entities.jsonl": ents.Bytes(), "events.jsonl": evs.Bytes()} {
		path := filepath.Join(dir, name)
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return fmt.Errorf("--save-pred %s: %w", path, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("--save-pred %s: %w", path, err)
		}
	}
	return nil
}
