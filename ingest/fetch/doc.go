// Package fetch downloads documents from configured sources, politely, into
// a cache folder that package ingest then reads.
//
// A source is a folder (nothing to fetch), an RSS or Atom feed (each item's
// link is fetched, with the item's title, date and authors), or a page that
// lists board papers (its links matching a pattern are fetched, one level
// deep, on the same host by default). Each document lands, written
// atomically, at
//
//	CACHE/<source>/<host>/<name from the URL path>-<hash>.<ext>
//
// beside a sidecar NAME.EXT.meta.json holding its final URL, the feed's
// metadata, the publisher and kind from the configuration, and provenance
// (fetch time, HTTP ETag and Last-Modified, the feed or page it was found
// on). Feeds and pages themselves are kept under CACHE/<source>/.index/,
// which ingest skips.
//
// The Fetcher identifies itself with the configured User-Agent, obeys
// robots.txt (read once per host per run), waits between requests to a
// host (one rate limiter per host), sends conditional requests from the
// state kept in the store so that an unchanged document costs a 304 and is
// not rewritten, retries 5xx, 429 (honouring Retry-After) and timeouts with
// exponential backoff and jitter but never other 4xx, caps redirects and
// detects loops, stops reading past the size limit, and refuses bodies whose
// content is not what they claim (an HTML error page served for a .pdf) or
// that end before their Content-Length. Clock, sleep and jitter are
// injectable for tests.
//
// Fetch state per URL is kept in the store's state area under namespace
// "fetch", and a record of each source's runs under "source". Run fetches;
// Ingest then reads each source's folder into the store with package ingest,
// which is incremental by (path, size, mtime).
package fetch
