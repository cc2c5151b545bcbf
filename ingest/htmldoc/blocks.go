package htmldoc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nhs-trawl/trawl/ingest/format"
)

type blockKind uint8

const (
	bkPara blockKind = iota
	bkItem
	bkHeading
	bkPre // preformatted: <pre> and simple tables as "cell | cell" rows
)

// block is one unit of page text in document order.
type block struct {
	kind    blockKind
	level   int    // heading level
	text    string // folded, except for bkPre
	runes   int
	linkLen int        // runes of text inside links
	owner   *html.Node // the block element holding the text
	boiler  bool       // inside page chrome
	soft    bool       // the chrome is a page header: may hold a byline or date
	chrome  bool       // the text itself is chrome: "Share this", a cookie notice
}

func (b *block) linkDensity() float64 {
	if b.runes == 0 {
		return 0
	}
	return float64(b.linkLen) / float64(b.runes)
}

// span is a node's range of block indexes [start, end).
type span struct{ start, end int }

// walker cuts a parsed page into blocks.
type walker struct {
	blocks    []block
	ranges    map[*html.Node]span
	protected map[*html.Node]bool // the article and its ancestors: never chrome
	boilerTop []*html.Node        // outermost chrome elements

	buf       strings.Builder
	bufLinks  int
	owner     *html.Node
	ownerKind blockKind
	boiler    bool
	soft      bool
	inLink    int
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Object: true,
	atom.Embed: true, atom.Head: true, atom.Select: true, atom.Option: true, atom.Button: true,
	atom.Input: true, atom.Textarea: true, atom.Map: true, atom.Audio: true, atom.Video: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Frameset: true, atom.Frame: true,
}

// blockTags break the flow of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Main: true, atom.Form: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true,
	atom.Center: true, atom.Address: true, atom.Fieldset: true, atom.Caption: true, atom.Body: true,
	atom.Html: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Details: true, atom.Summary: true, atom.Menu: true, atom.Dialog: true,
	atom.Legend: true, atom.Hgroup: true, atom.Colgroup: true,
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// Class and id words of page chrome. strongChrome marks chrome even when the
// element's names also say "content" or "article" ("article-comments");
// weakChrome only when they do not.
var (
	strongChrome = regexp.MustCompile(`comment|disqus|respond|\bshare|sharing|social|related|sidebar|side-bar|\bnav\b|navbar|navigation|\bmenu|breadcrumb|cookie|consent|gdpr|outbrain|taboola|newsletter|advert|footer|\bfoot\b|masthead|skip-?link|most-?(?:read|popular|viewed)|trending|\bpromo|\bsponsor|subscribe|sign-?up|\bpopup|\bmodal|\bads?\b|\bad-|-ad\b|\btag-?cloud|\bpagination|\bpager\b|author-?bio|about-?the-?author|\bprint-?(?:only|links?)|\blogin|\bsearch|\btoolbar|\butility|\bbanner|\bwidget|\bheader\b|\bsite-?header|\bsite-?info|\bsitemap|further-?reading|read-?more|more-?stories|also-?read|see-?also|\btopics?\b|\btags\b|\bkeywords\b|\bbreaking|ticker`)
	weakChrome   = regexp.MustCompile(`\baside\b|\bextra\b|\bsecondary\b|\bcolumn-?right|\bcol-?right|\bright-?col|\bleft-?col|\bcolumn-?left|\brail\b|\bsupplement`)
	goodNames    = regexp.MustCompile(`article|\bbody\b|content|entry|\bmain\b|\bpost\b|story|\btext\b|\bblog\b|hentry`)
	hiddenStyle  = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)
)

// namesOf returns an element's class and id, lower case, "_" as "-".
func namesOf(n *html.Node) string {
	s := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	return strings.ReplaceAll(s, "_", "-")
}

// isChrome reports whether element n is page chrome by its tag, role,
// visibility or names. Elements holding the article are never chrome.
func (w *walker) isChrome(n *html.Node) bool {
	if w.protected[n] {
		return false
	}
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Menu, atom.Dialog, atom.Figure, atom.Figcaption, atom.Header:
		return true
	case atom.Form:
		return runeLen(textOf(n), 600) < 500
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.P, atom.Li, atom.Td, atom.Tr, atom.Table, atom.Tbody:
		// Structural and paragraph elements: only hidden ones are chrome,
		// or ones whose names say so plainly.
		if hidden(n) {
			return true
		}
		if n.DataAtom == atom.Html || n.DataAtom == atom.Body || n.DataAtom == atom.Main || n.DataAtom == atom.Article {
			return false
		}
	}
	if hidden(n) {
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "complementary", "contentinfo", "search", "menu", "menubar", "dialog", "alertdialog":
		return true
	}
	names := namesOf(n)
	if strings.TrimSpace(names) == "" {
		return false
	}
	if strongChrome.MatchString(names) && !strings.Contains(names, "commentary") {
		return true
	}
	return weakChrome.MatchString(names) && !goodNames.MatchString(names)
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			if hiddenStyle.MatchString(a.Val) {
				return true
			}
		}
	}
	return false
}

func runeLen(s string, max int) int {
	n := utf8.RuneCountInString(s)
	if n > max {
		return max
	}
	return n
}

// textOf is the folded text of n's subtree, without scripts and styles.
func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if blockTags[n.DataAtom] || n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	f(n)
	return format.FoldSpace(b.String())
}

func (w *walker) flush() {
	t := format.FoldSpace(w.buf.String())
	if t != "" {
		w.blocks = append(w.blocks, block{
			kind: w.ownerKind, text: t, runes: utf8.RuneCountInString(t),
			linkLen: min(w.bufLinks, utf8.RuneCountInString(t)), owner: w.owner, boiler: w.boiler, soft: w.soft,
		})
	}
	w.buf.Reset()
	w.bufLinks = 0
}

func (w *walker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		if w.inLink > 0 {
			w.bufLinks += utf8.RuneCountInString(strings.TrimSpace(n.Data))
		}
		return
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		w.flush()
		for i := range w.blocks {
			w.blocks[i].chrome = w.blocks[i].kind != bkPre && isChromeText(w.blocks[i].text)
		}
		return
	case html.ElementNode:
	default:
		return
	}
	if skipTags[n.DataAtom] {
		return
	}
	if n.DataAtom == atom.Br {
		// A line break ends a block: old pages write paragraphs as
		// <br><br> runs, and a headline, byline and date as <br> lines.
		w.flush()
		return
	}
	isBlock := blockTags[n.DataAtom]
	wasBoiler, wasSoft := w.boiler, w.soft
	chrome := !w.boiler && w.isChrome(n)
	if chrome {
		if !isBlock {
			return // inline chrome (a share link in a paragraph) is dropped
		}
		w.flush()
		w.boiler = true
		w.soft = n.DataAtom == atom.Header || strings.Contains(namesOf(n), "header")
		w.boilerTop = append(w.boilerTop, n)
	}
	if !isBlock {
		if n.DataAtom == atom.A {
			w.inLink++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		if n.DataAtom == atom.A {
			w.inLink--
		}
		w.boiler, w.soft = wasBoiler, wasSoft
		return
	}

	w.flush()
	start := len(w.blocks)
	savedOwner, savedKind := w.owner, w.ownerKind
	switch {
	case headingLevel(n.DataAtom) > 0:
		t := textOf(n)
		if t != "" {
			links := 0
			for _, a := range findAll(n, atom.A) {
				links += utf8.RuneCountInString(textOf(a))
			}
			r := utf8.RuneCountInString(t)
			w.blocks = append(w.blocks, block{kind: bkHeading, level: headingLevel(n.DataAtom), text: t, runes: r, linkLen: min(links, r), owner: n, boiler: w.boiler, soft: w.soft})
		}
	case n.DataAtom == atom.Pre:
		t := preText(n)
		if strings.TrimSpace(t) != "" {
			w.blocks = append(w.blocks, block{kind: bkPre, text: t, runes: utf8.RuneCountInString(format.FoldSpace(t)), owner: n, boiler: w.boiler})
		}
	case n.DataAtom == atom.Table && isDataTable(n):
		t, links := tableText(n)
		if t != "" {
			r := utf8.RuneCountInString(format.FoldSpace(t))
			w.blocks = append(w.blocks, block{kind: bkPre, text: t, runes: r, linkLen: min(links, r), owner: n, boiler: w.boiler})
		}
	default:
		w.owner = n
		w.ownerKind = bkPara
		if n.DataAtom == atom.Li || n.DataAtom == atom.Dd || n.DataAtom == atom.Dt {
			w.ownerKind = bkItem
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		w.flush()
	}
	w.owner, w.ownerKind = savedOwner, savedKind
	w.ranges[n] = span{start, len(w.blocks)}
	w.boiler, w.soft = wasBoiler, wasSoft
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return out
}

func preText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && skipTags[n.DataAtom]:
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// isDataTable tells a table of data (rows of short cells) from a layout
// table (cells holding paragraphs, lists, other tables or long text).
func isDataTable(t *html.Node) bool {
	if strings.EqualFold(attr(t, "role"), "presentation") {
		return false
	}
	rows, cells, multi := 0, 0, 0
	ok := true
	var f func(n *html.Node, depth int)
	f = func(n *html.Node, depth int) {
		if !ok || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		switch n.DataAtom {
		case atom.Table:
			if depth > 0 {
				ok = false
				return
			}
		case atom.P, atom.Div, atom.Ul, atom.Ol, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.Form, atom.Pre:
			ok = false
			return
		case atom.Tr:
			rows++
			nc := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					nc++
					cells++
					if runeLen(textOf(c), 301) > 300 {
						ok = false
						return
					}
				}
			}
			if nc >= 2 {
				multi++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c, depth+1)
		}
	}
	f(t, 0)
	return ok && rows >= 2 && multi*2 >= rows && cells <= 5000
}

// tableText writes a data table as "cell | cell" rows.
func tableText(t *html.Node) (string, int) {
	var lines []string
	links := 0
	for _, tr := range findAll(t, atom.Tr) {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				cells = append(cells, textOf(c))
				for _, a := range findAll(c, atom.A) {
					links += utf8.RuneCountInString(textOf(a))
				}
			}
		}
		if strings.TrimSpace(strings.Join(cells, "")) != "" {
			lines = append(lines, strings.Join(cells, " | "))
		}
	}
	if cap := findAll(t, atom.Caption); len(cap) > 0 {
		if c := textOf(cap[0]); c != "" {
			lines = append([]string{c}, lines...)
		}
	}
	return strings.Join(lines, "\n"), links
}
