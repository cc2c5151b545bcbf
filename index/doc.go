// Package index keeps a bleve v2 full-text index of the store's documents
// and of the dated events extracted from them, and answers searches,
// timelines and exports from it.
//
// The index lives in its own directory (DATA/index). Open creates it with an
// explicit mapping (see mapping.go): English analysis (possessives, stop
// words, Porter stemming) on titles, bodies and event sentences, exact
// keyword fields for entity IDs and normal names per type, datetimes for
// published and event dates, numbers for money. Two kinds of record share
// the index, told apart by the "type" field: one "doc" per stored document
// and one "event" per extracted event, so that a timeline is a query and not
// a scan of every document.
//
// Indexer.Update follows the store's change log (corpus.Tx.Changes) from the
// last sequence it applied. The sequence is written with bleve's internal
// key/value data inside the same batch as the documents it covers, so a
// batch and its sequence commit together: an interrupted run leaves the
// index at the end of its last committed batch and a rerun carries on from
// there, re-applying nothing twice and duplicating nothing (re-indexing a
// document replaces it and all its events). Batches are sized by bytes of
// text, not by count (see DefaultBatchBytes).
//
// Search takes bleve's query-string syntax plus filters by entity (a name,
// alias or ID resolved through the gazetteer, so that a trust is found under
// all of its names), kind and published date, and returns hits with their
// own snippets and PDF page numbers and facet counts. Timeline returns the
// matching events in date order (temporal.Compare), merging the same event
// reported by several documents into one entry that cites them all. The
// Export functions stream documents, entities, events or the timeline as
// CSV, JSON, NDJSON or TimelineJS JSON (see EXPORTS.md).
package index
