package gen

import (
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
)

type blockKind uint8

const (
	paraBlock blockKind = iota
	headBlock
	tableBlock
	listBlock
	linesBlock // short lines kept as they are: a cover sheet's fields
)

// block is a piece of a document's body, whatever the format it is written in.
type block struct {
	kind  blockKind
	level int        // headings: 1 or 2
	text  string     // paragraphs and headings
	rows  [][]string // tables, the header first
	items []string   // lists and lines
}

// document is a generated document before it is written in a format.
type document struct {
	kind      corpus.Kind
	title     string
	pub       corpus.Date // at its own precision
	precision corpus.Precision

	// News.
	standfirst string
	author     string
	outlet     string
	host       string
	url        string
	section    string
	layout     int
	sidebar    []string
	comments   [][2]string
	tags       []string

	// Board papers.
	org     string // the trust on the cover
	meeting string // the meeting line
	fields  [][2]string
	authorP string // the paper's author, for file metadata

	blocks []block
}

// words counts the words of the body.
func (d *document) words() int {
	n := wordCount(d.title) + wordCount(d.standfirst)
	for _, b := range d.blocks {
		n += wordCount(b.text)
		for _, it := range b.items {
			n += wordCount(it)
		}
		for _, r := range b.rows {
			for _, c := range r {
				n += wordCount(c)
			}
		}
	}
	return n
}

// slug makes a URL or file name part from a title.
func slug(title string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= max {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
