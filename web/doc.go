// Package web is trawl's read-only web interface: server-rendered pages for
// journalists and a JSON API behind them, served by 'trawl serve'.
//
// A Server is an http.Handler over a corpus.Store (documents, their text
// and extractions) and a read-only index.Index (searches, facets,
// timelines, exports). Its pages are:
//
//	/                      search: query box, facets as filter links, date range, highlighted hits, pages
//	/doc/{id}              a document: metadata, link to the original, the text with entity
//	                       mentions marked by type, its events (an ID prefix redirects)
//	/entity/{type}/{id}    a trust, org, vendor, system or person across its names: documents
//	                       per year, documents, events (a name redirects to the ID)
//	/timeline              events in date order with filters, every source cited, export links
//	/export                CSV, JSON, NDJSON or TimelineJS downloads (index.Export)
//	/api/...               the same data as JSON (see API.md)
//
// Every view is a GET with its state in the URL (q, trust, vendor, system,
// person, kind, from, to, page, sort), so any view can be shared as a link.
// Pages are html/template, so everything that comes from documents or
// requests is escaped; the document text is built by walking it with the
// sorted, non-overlapping mention spans and escaping every piece. Templates,
// CSS and a little JavaScript (nothing needs it) are embedded with go:embed:
// no build step, no CDN, the pages work offline. A Content-Security-Policy
// allows scripts and styles from the server only.
//
// Requests are bounded: queries to Options.MaxQuery bytes, pages to
// Options.MaxPageSize hits and 10,000 hits deep, 20 values per filter, and
// each request's work to Options.Timeout (a 503 when over). A query that
// does not parse answers 400 with the place where it broke marked. With
// Options.Token set, every request must carry the token (bearer, basic-auth
// password, or once as ?token=, which sets a cookie).
package web
