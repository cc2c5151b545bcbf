package htmldoc

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Reader reads HTML pages. Its zero value is not ready: use New.
type Reader struct {
	datelineLines int // non-blank lines of the article top searched for a dateline
}

var _ format.Reader = (*Reader)(nil)

// New returns an HTML reader.
func New() *Reader { return &Reader{datelineLines: 12} }

// Name is "html/1".
func (r *Reader) Name() string { return "html/1" }

// Read reads one HTML page. It rejects binary data with format.ErrNotFormat
// and a page without body text with format.ErrNoText.
func (r *Reader) Read(ctx context.Context, in format.Input) (doc *corpus.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, format.Reject(format.ErrCorrupt, "html reader panic: %v", p)
		}
	}()
	if err := format.CheckSize(in); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", in.Path, err)
	}
	if looksBinary(in.Data) {
		return nil, format.Reject(format.ErrNotFormat, "binary data, not an HTML page")
	}
	text, _, warn := decode(in.Data, in.ContentType)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", in.Path, err)
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, format.Reject(format.ErrCorrupt, "html parse: %v", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", in.Path, err)
	}
	d := &corpus.Document{Format: corpus.FormatHTML, Reader: r.Name()}
	if warn != "" {
		d.Warnings = append(d.Warnings, warn)
	}
	gq := goquery.NewDocumentFromNode(root)
	m := readMeta(gq, in)
	d.Warnings = append(d.Warnings, m.warnings...)

	// Metadata that does not need the body.
	d.Outlet = firstOf(m.ldOutlet, m.ogSite, m.appName)
	d.URL = firstOf(resolveURL(m.canonical, in.URL), resolveURL(m.ogURL, in.URL), resolveURL(in.URL, ""), resolveURL(m.savedFrom, ""))
	d.Language = m.lang
	if m.ldArticle || m.ogArticle {
		d.Kind = corpus.KindNews
	}
	sites := []string{m.ldOutlet, m.ogSite, m.appName, hostName(d.URL)}
	guess := firstOf(m.ldTitle, cleanTitle(m.ogTitle, sites), cleanTitle(m.htmlTitle, sites))
	titleNode := findTitleHeading(root, guess, m.htmlTitle)
	d.Title = firstOf(m.ldTitle, cleanTitle(m.ogTitle, sites))
	if d.Title == "" && titleNode != nil {
		d.Title = textOf(titleNode)
	}
	titleFromHTML := d.Title == ""
	if titleFromHTML {
		d.Title = cleanTitle(m.htmlTitle, sites)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", in.Path, err)
	}

	// Body.
	w := &walker{ranges: map[*html.Node]span{}, protected: protectedNodes(root, titleNode)}
	w.walk(root)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("html %s: %w", in.Path, err)
	}
	if titleFromHTML {
		// Without a site name to strip, the page itself shows which part
		// of "Site - Headline" is the headline.
		if t := titleInPage(m.htmlTitle, w.blocks); t != "" {
			d.Title = t
		}
	}
	body := chooseBody(w)
	tb := format.NewTextBuilder(in.Limits.MaxTextBytes)
	emit(tb, w.blocks, body, d.Title)
	tb.Fill(d)
	if tb.Overflowed() {
		d.Warnings = append(d.Warnings, fmt.Sprintf("text cut at the limit of %d bytes", in.Limits.MaxTextBytes))
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, format.Reject(format.ErrNoText, "no body text in the page")
	}

	// Authors and dates, which may need the article's top lines.
	top := topLines(w.blocks, body, titleNode)
	d.Authors = dedupe(firstNonEmpty(m.ldAuthors, m.metaAuthors, m.relAuthors, bylineAuthors(top)))
	d.Published, d.PublishedSource = r.published(m, w, body, titleNode, d.URL, top)
	if d.Kind != corpus.KindNews { // a trust's HTML board paper
		format.ApplyMeeting(d)
	}
	return d, nil
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func firstNonEmpty(lists ...[]string) []string {
	for _, l := range lists {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

func dedupe(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		k := normKey(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

func hostName(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		h := u[i+3:]
		if j := strings.IndexAny(h, "/?#"); j >= 0 {
			h = h[:j]
		}
		h = strings.TrimPrefix(h, "www.")
		if j := strings.LastIndex(h, "."); j > 0 {
			h = h[:j]
		}
		return strings.TrimSuffix(h, ".co")
	}
	return ""
}

// findTitleHeading finds the article's headline element: an <h1> (or <h2>)
// whose text matches the title the metadata gives, else the first <h1> of an
// <article>, else a lone <h1>.
func findTitleHeading(root *html.Node, guess, htmlTitle string) *html.Node {
	gk, tk := normKey(guess), normKey(htmlTitle)
	for _, a := range []atom.Atom{atom.H1, atom.H2, atom.H3} {
		for _, h := range findAll(root, a) {
			hk := normKey(textOf(h))
			if len(hk) < 8 {
				continue
			}
			if hk == gk || (len(hk) >= 15 && (strings.Contains(gk, hk) || strings.Contains(tk, hk))) || (len(gk) >= 15 && strings.Contains(hk, gk)) {
				return h
			}
		}
	}
	for _, a := range findAll(root, atom.Article) {
		if hs := findAll(a, atom.H1); len(hs) > 0 && textOf(hs[0]) != "" {
			return hs[0]
		}
	}
	var lone *html.Node
	for _, h := range findAll(root, atom.H1) {
		if len(strings.Fields(textOf(h))) >= 3 {
			if lone != nil {
				return nil
			}
			lone = h
		}
	}
	return lone
}

// protectedNodes are the elements that hold the article and so are never
// chrome, whatever their class names: the headline's ancestors, the largest
// <article>, and an itemprop=articleBody element's ancestors.
func protectedNodes(root, title *html.Node) map[*html.Node]bool {
	p := map[*html.Node]bool{}
	up := func(n *html.Node) {
		for ; n != nil; n = n.Parent {
			p[n] = true
		}
	}
	if title != nil {
		up(title)
	}
	var best *html.Node
	bestLen := 0
	for _, a := range findAll(root, atom.Article) {
		if l := len(textOf(a)); l > bestLen {
			best, bestLen = a, l
		}
	}
	if best != nil {
		up(best)
	}
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			up(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(root)
	return p
}

// Text that is page chrome whatever element holds it.
var (
	reChromeLine = regexp.MustCompile(`(?i)^(?:advertisement|advertisements?|sponsored(?: content)?|share(?: this)?(?: article| story| page| post)?|share on \w+|print(?: this)?(?: article| page| story)?|e-?mail(?: this)?(?: to a friend| article| page| story)?|tweet|like|follow us(?: on \w+)?|back to top|top of page|read more|more|next|previous|next article|previous article|\d+ comments?|comments?(?: \(\d+\))?|skip to (?:main )?content|sign in|log in|register|subscribe(?: now)?|related (?:articles|stories|links|content)|you may also like|tags?:.*|topics?:.*|filed under:?.*|click here.*|text size.*|font size.*)$`)
	reCookie     = regexp.MustCompile(`(?i)\bcookies?\b.*\b(?:accept|consent|agree|continue|settings|privacy|policy)`)
	reCopyright  = regexp.MustCompile(`(?i)(?:©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved)`)
	// Headings after which the rest of their section is not the article.
	reCutHeading = regexp.MustCompile(`(?i)^(?:\d+\s+)?(?:comments?|reader comments|user comments|your comments|readers'? comments|have your say|leave a (?:reply|comment)|add (?:a|your) comment|post a comment|discussion|join the discussion|responses?|related(?: articles| stories| links| content| news)?|more on this(?: story)?|see also|further reading|read more|more news|latest news|latest stories|most (?:read|popular|viewed)|you may also like|recommended|share this(?: article| story| page)?|tags|topics)\b`)
	reSentence   = regexp.MustCompile(`[.!?:"”’)]\s*$|[.!?]["”’]?\s`)
)

// blockValue says how much a block is like article text: running text
// counts for the elements that hold it, chrome and links against them.
func blockValue(b *block) float64 {
	r := float64(b.runes)
	switch {
	case b.boiler:
		return -0.5 * r
	case b.linkDensity() > 0.5:
		return -r
	case b.kind == bkHeading:
		return 0
	case b.chrome:
		return -r
	case b.runes < 40 && !reSentence.MatchString(b.text):
		return -0.25 * r
	}
	return r * (1 - b.linkDensity())
}

func isChromeText(t string) bool {
	if len(t) >= 400 {
		return false
	}
	if len(t) <= 200 && reChromeLine.MatchString(strings.TrimRight(strings.TrimSpace(t), ".:»>|")) {
		return true
	}
	l := strings.ToLower(t)
	if strings.Contains(l, "cookie") && reCookie.MatchString(t) {
		return true
	}
	return (strings.Contains(l, "©") || strings.Contains(l, "(c)") || strings.Contains(l, "copyright") || strings.Contains(l, "rights reserved")) && reCopyright.MatchString(t)
}

// chooseBody returns the range of blocks of the element that best holds the
// article: the most running text for the least chrome. Ties go to the outer
// element, which keeps headings its inner one misses.
func chooseBody(w *walker) span {
	prefix := make([]float64, len(w.blocks)+1)
	for i := range w.blocks {
		prefix[i+1] = prefix[i] + blockValue(&w.blocks[i])
	}
	best := span{0, len(w.blocks)}
	bestScore := 0.0
	found := false
	// Visit in block order, outer before inner for equal starts.
	for n, sp := range w.ranges {
		if sp.end <= sp.start || n.Type != html.ElementNode {
			continue
		}
		s := prefix[sp.end] - prefix[sp.start]
		if s > bestScore+1e-9 || (found && s > bestScore-1e-9 && outer(sp, best)) {
			best, bestScore, found = sp, s, true
		}
	}
	return best
}

// outer reports whether a contains b and is larger: the deterministic tie
// break when map order visits two equally good elements.
func outer(a, b span) bool {
	if a.start <= b.start && a.end >= b.end {
		return a.end-a.start > b.end-b.start || a.start < b.start
	}
	return a.start < b.start // disjoint: the earlier one
}

// isRealText says a block is running text, not a label or a date line.
func isRealText(b *block) bool {
	return b.kind != bkHeading && (b.runes >= 80 || (len(strings.Fields(b.text)) >= 6 && reSentence.MatchString(b.text)))
}

// isBylineOrDate reports a short line that gives a byline, a date, or both.
func isBylineOrDate(b *block) bool {
	if b.runes > 120 || b.kind == bkPre {
		return false
	}
	if len(bylineNames(b.text)) > 0 {
		return true
	}
	if reDatelineCue.MatchString(b.text) {
		if _, _, _, ok := format.FindDate(b.text); ok {
			return true
		}
	}
	if _, s, e, ok := format.FindDate(b.text); ok {
		rest := strings.TrimSpace(b.text[:s] + " " + b.text[e:])
		rest = reTimeWords.ReplaceAllString(rest, "")
		return utf8.RuneCountInString(rest) <= 25
	}
	return false
}

var (
	reDatelineCue = regexp.MustCompile(`(?i)^\W*(?:published|posted|updated|last updated|first published|date|dated|issued|created)\b`)
	reTimeWords   = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d\d(?:\s*(?:am|pm))?\b|\b(?:gmt|bst|utc|am|pm|on|at|by)\b|[|•·,:\-–—]`)
)

// emit writes the article's blocks to tb: no chrome, no links lists, no
// headline (it is the title), no byline or date lines above the text, and
// nothing after a comments or related-links heading in the same section.
func emit(tb *format.TextBuilder, blocks []block, body span, title string) {
	tk := normKey(title)
	started := false
	lastReal := -1 // the last block of running text, for closing bylines
	for i := body.end - 1; i >= body.start; i-- {
		if !blocks[i].boiler && isRealText(&blocks[i]) {
			lastReal = i
			break
		}
	}
	var cutOwner *html.Node
	cutUntil := -1
	for i := body.start; i < body.end; i++ {
		b := &blocks[i]
		if i < cutUntil {
			continue
		}
		if b.boiler {
			continue
		}
		if b.kind == bkHeading && reCutHeading.MatchString(strings.TrimSpace(b.text)) {
			// Skip the rest of the heading's section: up to the next heading
			// of the same or higher level, or the end of its parent.
			cutOwner = b.owner.Parent
			cutUntil = sectionEnd(blocks, i, body.end, b.level, cutOwner)
			continue
		}
		if b.linkDensity() > 0.5 || b.chrome {
			continue
		}
		if !started {
			if tk != "" && normKey(b.text) == tk {
				continue
			}
			if isBylineOrDate(b) {
				continue
			}
		}
		if b.kind != bkHeading && b.runes <= 120 && i > lastReal && len(bylineNames(b.text)) > 0 {
			continue // "Posted by A B at 10:42" closing a blog post
		}
		switch b.kind {
		case bkHeading:
			tb.AddHeading(b.level, b.text)
		case bkPre:
			tb.AddPreformatted(b.text)
		default:
			tb.AddParagraph(b.text)
		}
		if isRealText(b) {
			started = true
		}
	}
}

// sectionEnd finds where a cut heading's section ends.
func sectionEnd(blocks []block, i, end, level int, parent *html.Node) int {
	for j := i + 1; j < end; j++ {
		b := &blocks[j]
		if b.kind == bkHeading && b.level <= level && !b.boiler {
			return j
		}
		if parent != nil && !within(b.owner, parent) {
			return j
		}
	}
	return end
}

// within reports whether n is inside p (or is p), looking up at most 256
// levels.
func within(n, p *html.Node) bool {
	for i := 0; n != nil && i < 256; i++ {
		if n == p {
			return true
		}
		n = n.Parent
	}
	return false
}

// topLines are the lines above and at the top of the article, where bylines
// and datelines are: from just above the headline (or a few blocks above the
// body) to the body's first paragraph of running text, without chrome other
// than the page header, link lists or tables.
func topLines(blocks []block, body span, title *html.Node) []*block {
	start := max(body.start-6, 0)
	if title != nil {
		for i := range blocks {
			if blocks[i].owner == title {
				if i < body.start {
					start = max(i-2, 0) // a blog's date header sits above its title
				}
				break
			}
		}
	}
	end := min(body.start+12, body.end)
	var out []*block
	for i := start; i < end; i++ {
		b := &blocks[i]
		if (b.boiler && !b.soft) || b.linkDensity() > 0.5 || b.kind == bkPre {
			continue // chrome, link lists and tables hold other dates
		}
		out = append(out, b)
		if i >= body.start && isRealText(b) {
			break // a dateline sits above the text or on its first line
		}
	}
	return out
}

func bylineAuthors(top []*block) []string {
	for _, b := range top {
		if n := bylineNames(b.text); len(n) > 0 {
			return n
		}
	}
	return nil
}

// published finds the page's first-published date, in the documented order
// of trust.
func (r *Reader) published(m pageMeta, w *walker, body span, title *html.Node, pageURL string, top []*block) (corpus.Date, corpus.DateSource) {
	if !m.ldDate.IsZero() {
		return m.ldDate, corpus.DateFromJSONLD
	}
	if !m.metaDate.IsZero() {
		return m.metaDate, corpus.DateFromMeta
	}
	if d, ok := timeElementDate(w, body, title); ok {
		return d, corpus.DateFromTimeElement
	}
	var lines []string
	for _, b := range top {
		if !reUpdated.MatchString(b.text) { // "Last modified on ...", "Updated: ..."
			lines = append(lines, b.text)
		}
	}
	dl, dlOK := format.FindDateline(strings.Join(lines, "\n"), r.datelineLines)
	if d, ok := format.DateFromURL(pageURL); ok {
		// A dateline's day refines the URL's month when the two agree.
		if d.Precision() == corpus.PrecisionMonth && dlOK && dl.Precision() == corpus.PrecisionDay && dl.Year == d.Year && dl.Month == d.Month {
			return dl, corpus.DateFromDateline
		}
		return d, corpus.DateFromURL
	}
	if dlOK {
		return dl, corpus.DateFromDateline
	}
	return corpus.Date{}, ""
}

var (
	reUpdated   = regexp.MustCompile(`(?i)updat|modif|edited|revised`)
	rePublished = regexp.MustCompile(`(?i)publish|pubdate|posted|created|date-?pub|issued`)
)

// timeElementDate reads the article's <time> elements (and elements marked
// itemprop=datePublished): within the article, outside chrome, not inside
// links (other articles' dates), preferring one marked as the publication
// date and skipping ones marked as updated.
func timeElementDate(w *walker, body span, title *html.Node) (corpus.Date, bool) {
	scope := scopeOf(w, body, title)
	if scope == nil {
		return corpus.Date{}, false
	}
	chrome := map[*html.Node]bool{}
	for _, n := range w.boilerTop {
		if n.DataAtom != atom.Header && !strings.Contains(namesOf(n), "header") {
			chrome[n] = true
		}
	}
	var first corpus.Date
	var f func(n *html.Node, inLink bool) (corpus.Date, bool)
	f = func(n *html.Node, inLink bool) (corpus.Date, bool) {
		if n.Type == html.ElementNode {
			if chrome[n] {
				return corpus.Date{}, false
			}
			inLink = inLink || n.DataAtom == atom.A
			ip := strings.ToLower(attr(n, "itemprop"))
			if (n.DataAtom == atom.Time || ip == "datepublished") && n.DataAtom != atom.Meta && !inLink {
				d, ok := elementDate(n)
				marks := namesOf(n) + " " + ip
				if n.Parent != nil {
					marks += " " + namesOf(n.Parent)
				}
				before := precedingText(n)
				updated := reUpdated.MatchString(marks) || ip == "datemodified" || reUpdated.MatchString(before)
				pub := hasAttr(n, "pubdate") || ip == "datepublished" || rePublished.MatchString(marks) || rePublished.MatchString(before)
				if ok && !updated {
					if pub {
						return d, true
					}
					if first.IsZero() {
						first = d
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if d, ok := f(c, inLink); ok {
				return d, true
			}
		}
		return corpus.Date{}, false
	}
	if d, ok := f(scope, false); ok {
		return d, true
	}
	return first, !first.IsZero()
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// precedingText is the last few words before n in its parent: "Updated:".
func precedingText(n *html.Node) string {
	var b strings.Builder
	for s := n.PrevSibling; s != nil && b.Len() < 40; s = s.PrevSibling {
		if s.Type == html.TextNode {
			b.WriteString(s.Data)
		} else if s.Type == html.ElementNode {
			b.WriteString(textOf(s))
		}
	}
	t := strings.TrimSpace(b.String())
	if len(t) > 40 {
		t = t[len(t)-40:]
	}
	return t
}

func elementDate(n *html.Node) (corpus.Date, bool) {
	for _, k := range []string{"datetime", "content"} {
		if v := attr(n, k); v != "" {
			if d, ok := format.ParseDate(v); ok {
				return d, true
			}
		}
	}
	t := textOf(n)
	if d, ok := format.ParseDate(t); ok {
		return d, true
	}
	if d, _, _, ok := format.FindDate(t); ok && len(t) < 80 {
		return d, true
	}
	return corpus.Date{}, false
}

// scopeOf is the element that holds the article with its headline: the
// nearest common ancestor of the headline and the body, or the body's
// element's parent.
func scopeOf(w *walker, body span, title *html.Node) *html.Node {
	var bodyNode *html.Node
	bestSize := -1
	for n, sp := range w.ranges {
		if sp == body && n.Type == html.ElementNode {
			// Several elements may share the range: take the innermost.
			if size := depth(n); size > bestSize {
				bodyNode, bestSize = n, size
			}
		}
	}
	if bodyNode == nil {
		return nil
	}
	if title != nil {
		for a := bodyNode; a != nil; a = a.Parent {
			if within(title, a) {
				return a
			}
		}
	}
	if p := bodyNode.Parent; p != nil && p.DataAtom != atom.Body && p.DataAtom != atom.Html {
		return p
	}
	return bodyNode
}

func depth(n *html.Node) int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

// titleInPage returns the part of a <title> ("Site - Headline", "Headline |
// Site", "Site: Headline") that the page shows as a line of its own, or "".
func titleInPage(title string, blocks []block) string {
	title = format.FoldSpace(title)
	var cands []string
	for _, sep := range titleSeps {
		parts := strings.Split(title, sep)
		for i := 1; i < len(parts); i++ {
			cands = append(cands, strings.Join(parts[i:], sep), strings.Join(parts[:i], sep))
		}
	}
	if len(cands) == 0 {
		return ""
	}
	shown := map[string]bool{}
	for i := range blocks {
		if !blocks[i].boiler || blocks[i].soft {
			shown[normKey(blocks[i].text)] = true
		}
	}
	best := ""
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if len(strings.Fields(c)) >= 2 && shown[normKey(c)] && len(c) > len(best) {
			best = c
		}
	}
	return best
}
