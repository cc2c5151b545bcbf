// Package textdoc reads plain text (.txt) and Markdown (.md, .markdown)
// into corpus documents.
//
// Bytes are decoded as UTF-8 (a byte order mark is dropped), as UTF-16 when
// a byte order mark or the pattern of zero bytes says so, and otherwise, when
// they are not valid UTF-8, as windows-1252 (with a warning naming the
// encoding). Binary data (NUL bytes, many control bytes) is rejected with
// format.ErrNotFormat. Line ends are normalised to "\n".
//
// Plain text: blocks are separated by blank lines; a block's lines are joined
// into one paragraph unless it reads as a list, a table (tabs, pipes, runs of
// spaces between columns) or a set of short lines such as an address, which
// stay preformatted. Lines underlined with === or ---, and short one-line
// blocks in capitals or numbered ("2. Background"), are headings. Form feeds
// start new pages, as pdftotext writes them.
//
// Markdown is parsed with github.com/yuin/goldmark (CommonMark with GFM
// tables): headings become sections; emphasis, links and images keep only
// their words; code blocks stay preformatted; lists become one line per item;
// tables one line per row ("cell | cell"); raw HTML keeps its text without
// tags or comments. YAML front matter gives the title, date and authors.
//
// The title is the front matter's, else the first heading, else the first
// line when it is short and a blank line follows it. The published date is
// the front matter's (corpus.DateFromMeta) or a dateline in the first lines
// (corpus.DateFromDateline).
package textdoc
