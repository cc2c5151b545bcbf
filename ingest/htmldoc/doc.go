// Package htmldoc reads HTML news articles and HTML board papers into
// corpus documents.
//
// Reader decodes the page from its declared charset (BOM, Content-Type,
// <meta charset>, http-equiv; windows-1252 when nothing is declared and the
// bytes are not UTF-8), parses it with goquery, and then works in stages,
// checking the context between them:
//
//  1. Metadata: title, outlet, authors, canonical URL, language and kind from
//     JSON-LD, OpenGraph, <meta> tags, rel=author links and the <title>.
//  2. Body: the page is cut into text blocks (paragraphs, headings, list
//     items, quotes, simple tables as "cell | cell" rows, and runs of text
//     split by <br><br> in old table layouts). Blocks inside chrome
//     (navigation, menus, share bars, related links, comments, cookie
//     banners, footers, sidebars, hidden elements; found by tag, ARIA role
//     and generic class/id words) and link-heavy blocks count against the
//     elements that hold them, good running text counts for them, and the
//     element with the best total is the article body (a readability-style
//     choice that needs no per-site selectors and works on 2008-era table
//     layouts). Bylines and date lines at the top of the body are metadata,
//     not text.
//  3. Published date, in this order of trust: JSON-LD datePublished,
//     publication <meta> tags, a <time> element of the article (published,
//     not updated), a date in the canonical URL path, and a dateline near the
//     top of the article text. A day from a later source refines a month
//     from the URL when the two agree. An unknown date stays unknown.
//
// The reader never panics on input: a panic is recovered at Read and turned
// into a rejection that names it.
package htmldoc
