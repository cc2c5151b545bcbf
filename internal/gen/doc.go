// Package gen writes a deterministic corpus of realistic documents for
// benchmarks and scale tests: health-IT news articles as HTML pages of
// invented outlets, and NHS trust board papers as text, DOCX and PDF.
//
// Documents are about real trusts (named as they were called at the
// document's date, through gazetteer.TrustNameAt), vendors, systems and
// national bodies from the gazetteer, and invented people with roles. The
// text is composed from sentence templates (see templates.go: over fifty
// that plant dated events — go-live, delay, suspension, cost, contract,
// rescue — in past and future tenses, and a hundred of plain reporting)
// filled from phrase banks, with money in the forms the press uses ("£7.2m",
// "£500,000", "£1.1 billion", "£12.7bn", "£2,500 per month") and dates
// absolute and relative ("6 October", "last June", "in the autumn", "by
// April", "2009/10"), dated 2003 to 2024.
//
// News pages come in the layouts of their era: 2000s tables in windows-1252
// with a dateline (or only a month in the URL), div layouts with
// article:published_time and <time>, and JSON-LD NewsArticle pages; all with
// navigation, sidebars and comments around the article. Board papers have a
// cover sheet ("Trust Board Meeting – 26 November 2008", agenda item,
// presenter, author, purpose), sometimes the agenda, numbered sections, a
// finance table, risks and recommendations. DOCX files are real Office Open
// XML packages with Title and Heading styles and core properties; PDFs use
// the standard Helvetica fonts in WinAnsiEncoding.
//
// Document i depends only on the seed, the options and i: each document has
// its own PCG stream (math/rand/v2) seeded from the seed and i, nothing reads
// the clock or iterates a map, so output is byte-for-byte the same on every
// run and whatever the number of workers. Write streams documents to disk in
// bounded batches, sharded into folders of at most ShardSize files, with the
// ground truth (Truth: title, date, the entities and events planted) as
// NDJSON for measuring extraction.
package gen
