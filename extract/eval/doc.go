// Package eval scores an extractor against a gold set, as the reference
// scorer tools/score.py of the evaluation set does, number for number.
//
// A gold set is a directory holding docs.jsonl (one line per document: id,
// published, published_approx, ref_date, kind...), docs/ID.txt (the text),
// gold.jsonl (one line per distinct doc, type and norm) and, optionally,
// events.jsonl (gold timeline events). Load reads it; Run gives each document
// to an extractor with its published date (day precision), else its
// published_approx (month precision), else no date, never the annotators'
// ref_date; Score compares the predictions with the gold.
//
// Scoring, per type, is over sets of (doc, norm): TP = predicted ∩ required,
// FP = predicted − required − optional, FN = required − predicted; P, R and
// F1 from these; a micro-average over all types; the recall of the required
// relative dates. Norms compare by Key: names loosely (case, typographic
// apostrophes, en dashes, "&", a leading "The", spacing, trailing dots),
// money by currency and value to the unit, dates exactly. Events match one
// to one, greedily in file order, on doc, date, kind and overlapping trusts
// (or none on both sides): "strict"; and on doc and date alone: "date_only".
// Like score.py, only "optional": true makes a gold line optional, an alias
// map applies to predicted entity norms (not to event trusts), entities are
// scored only in documents with gold entities, and events only in documents
// with gold events.
//
// Floors record the lowest acceptable scores; 'trawl eval --floors' and the
// package's TestDevFloors fail below them.
package eval
