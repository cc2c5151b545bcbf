package eval

import (
	"context"
	"fmt"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
)

// Extractor is what Run needs: *extract.Extractor, or a stand-in in tests.
type Extractor interface {
	Extract(d *corpus.Document) extract.Result
}

var _ Extractor = (*extract.Extractor)(nil)

// DocRun says how one gold document was given to the extractor.
type DocRun struct {
	Doc       string `json:"doc"`
	ID        string `json:"id"`         // SHA-256 of the text file
	Given     string `json:"given_date"` // the document date the extractor was given, "" when unknown
	GivenFrom string `json:"given_from"` // "published", "published_approx" or ""
	// RefDate is the annotators' reference date. It is not given to the
	// extractor and may differ from Given.
	RefDate string   `json:"ref_date"`
	Differs bool     `json:"ref_date_differs"`
	Notes   []string `json:"notes,omitempty"` // the extractor's notes
}

// Run extracts every document of set with x, in docs.jsonl order. Each
// document is given its text, its kind and its published date at day
// precision, else published_approx at month precision, else no date; never
// the annotators' ref_date.
func Run(ctx context.Context, set *Set, x Extractor) (*Predictions, []DocRun, string, error) {
	p := &Predictions{}
	var runs []DocRun
	version := ""
	for i := range set.Docs {
		if err := ctx.Err(); err != nil {
			return nil, nil, "", fmt.Errorf("eval %s: %w", set.Dir, err)
		}
		d := &set.Docs[i]
		doc := d.Document()
		res := x.Extract(doc)
		if version == "" {
			version = res.Extractor
		}
		one := FromResult(d.ID, res)
		p.Entities = append(p.Entities, one.Entities...)
		p.Events = append(p.Events, one.Events...)
		_, from, _ := d.Reference()
		given := doc.Published.String()
		runs = append(runs, DocRun{Doc: d.ID, ID: doc.ID, Given: given, GivenFrom: from, RefDate: d.RefDate,
			Differs: given != d.RefDate, Notes: res.Notes})
	}
	return p, runs, version, nil
}

// Options tune Evaluate.
type Options struct {
	Aliases AliasMap // predicted norm -> gold norm, per type
	Floors  Floors   // checked when not empty
}

// Evaluation is a whole run: how each document was given to the
// extractor, the scores and errors, and the floor checks.
type Evaluation struct {
	GoldDir   string   `json:"gold_dir"`
	Extractor string   `json:"extractor"`
	Docs      []DocRun `json:"docs"`
	Report
	Floors []FloorCheck `json:"floors,omitempty"`

	Predictions *Predictions `json:"-"`
}

// Evaluate runs x over set and scores what it found.
func Evaluate(ctx context.Context, set *Set, x Extractor, opts Options) (*Evaluation, error) {
	p, runs, version, err := Run(ctx, set, x)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{GoldDir: set.Dir, Extractor: version, Docs: runs, Report: *Score(set, p, opts.Aliases), Predictions: p}
	if len(opts.Floors) > 0 {
		ev.Floors = opts.Floors.Check(&ev.Scores)
	}
	return ev, nil
}
