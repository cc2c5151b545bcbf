package htmldoc

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// pageMeta is what the page's head and markup say about it, before the body
// is looked at.
type pageMeta struct {
	ldTitle, ogTitle, htmlTitle string
	ldOutlet, ogSite, appName   string
	ldAuthors, metaAuthors      []string
	relAuthors                  []string
	canonical, ogURL, savedFrom string
	ldDate, metaDate            corpus.Date
	ldArticle, ogArticle        bool
	lang                        string
	warnings                    []string
}

// articleTypes are the schema.org types of a news or blog article.
var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "socialmediaposting": true, "liveblogposting": true,
	"scholarlyarticle": true, "techarticle": true, "report": true,
}

// pubMetaNames are <meta name|property|itemprop> keys that carry the date a
// page was first published. Modified and expiry dates are not among them.
var pubMetaNames = []string{
	"article:published_time", "og:published_time", "article.published", "article_date_original",
	"datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
	"publication_date", "publication-date", "originalpublicationdate", "sailthru.date",
	"parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
	"dc.date", "dcterms.date", "dc.created", "date.created", "created", "citation_publication_date",
	"citation_date", "cxenseparse:recs:publishtime", "article:published", "displaydate",
}

func readMeta(doc *goquery.Document, in format.Input) pageMeta {
	var m pageMeta
	metaVals := map[string]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			return
		}
		content = strings.TrimSpace(content)
		for _, a := range []string{"property", "name", "itemprop", "http-equiv"} {
			k, ok := s.Attr(a)
			if !ok {
				continue
			}
			k = strings.ToLower(strings.TrimSpace(k))
			if _, seen := metaVals[k]; !seen && content != "" {
				metaVals[k] = content
			}
			if k == "author" || k == "article:author" || k == "dc.creator" || k == "byl" || k == "sailthru.author" {
				if n := cleanName(strings.TrimPrefix(content, "By ")); n != "" {
					m.metaAuthors = append(m.metaAuthors, splitNames(n)...)
				}
			}
		}
	})
	m.ogTitle = format.FoldSpace(metaVals["og:title"])
	if m.ogTitle == "" {
		m.ogTitle = format.FoldSpace(metaVals["twitter:title"])
	}
	m.ogSite = format.FoldSpace(metaVals["og:site_name"])
	m.appName = format.FoldSpace(metaVals["application-name"])
	m.ogURL = metaVals["og:url"]
	m.ogArticle = strings.EqualFold(metaVals["og:type"], "article") || metaVals["article:published_time"] != ""
	for _, k := range pubMetaNames {
		if v, ok := metaVals[k]; ok {
			if d, ok := format.ParseDate(v); ok {
				m.metaDate = d
				break
			}
		}
	}
	m.htmlTitle = format.FoldSpace(doc.Find("title").First().Text())
	m.savedFrom = savedFromURL(doc)
	doc.Find("link[rel]").Each(func(_ int, s *goquery.Selection) {
		rel := strings.ToLower(s.AttrOr("rel", ""))
		for _, r := range strings.Fields(rel) {
			switch r {
			case "canonical":
				if m.canonical == "" {
					m.canonical = strings.TrimSpace(s.AttrOr("href", ""))
				}
			}
		}
	})
	doc.Find("a[rel~=author], [itemprop=author] [itemprop=name], a[itemprop=author]").Each(func(_ int, s *goquery.Selection) {
		if n := cleanName(s.Text()); n != "" {
			m.relAuthors = append(m.relAuthors, n)
		}
	})

	// Language: <html lang>, then Content-Language.
	if l, ok := doc.Find("html").First().Attr("lang"); ok {
		m.lang = normLang(l)
	}
	if m.lang == "" {
		m.lang = normLang(metaVals["content-language"])
	}
	if m.lang == "" {
		m.lang = normLang(metaVals["language"])
	}
	if m.lang == "" {
		m.lang = normLang(metaVals["dc.language"])
	}

	doc.Find(`script[type="application/ld+json"], script[type="application/ld+json; charset=utf-8"]`).Each(func(_ int, s *goquery.Selection) {
		readJSONLD(s.Text(), &m)
	})
	return m
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

func normLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	s = strings.ReplaceAll(s, "_", "-")
	if !langTag.MatchString(s) {
		return ""
	}
	parts := strings.Split(s, "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 2 {
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// readJSONLD reads one JSON-LD block into m, keeping the first article
// object's fields. Malformed JSON is skipped with a warning.
func readJSONLD(src string, m *pageMeta) {
	src = strings.TrimSpace(src)
	for _, junk := range []string{"<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"} {
		src = strings.ReplaceAll(src, junk, "")
	}
	if src == "" {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		m.warnings = append(m.warnings, "malformed JSON-LD ignored")
		return
	}
	var objs []map[string]any
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			objs = append(objs, x)
			if g, ok := x["@graph"]; ok {
				walk(g, depth+1)
			}
			if me, ok := x["mainEntity"]; ok {
				walk(me, depth+1)
			}
		}
	}
	walk(v, 0)
	var webPageDate corpus.Date
	for _, o := range objs {
		isArticle, isPage := false, false
		for _, t := range ldTypes(o["@type"]) {
			t = strings.ToLower(t)
			isArticle = isArticle || articleTypes[t]
			isPage = isPage || t == "webpage" || t == "itempage"
		}
		if isPage && webPageDate.IsZero() {
			if d, ok := format.ParseDate(ldString(o["datePublished"])); ok {
				webPageDate = d
			}
		}
		if !isArticle || m.ldArticle {
			continue
		}
		m.ldArticle = true
		m.ldTitle = format.FoldSpace(ldString(o["headline"]))
		if m.ldTitle == "" {
			m.ldTitle = format.FoldSpace(ldString(o["name"]))
		}
		for _, k := range []string{"datePublished", "dateCreated"} {
			if d, ok := format.ParseDate(ldString(o[k])); ok {
				m.ldDate = d
				break
			}
		}
		m.ldAuthors = append(m.ldAuthors, ldNames(o["author"])...)
		if m.ldAuthors == nil {
			m.ldAuthors = append(m.ldAuthors, ldNames(o["creator"])...)
		}
		if p := ldNames(o["publisher"]); len(p) > 0 {
			m.ldOutlet = p[0]
		}
	}
	if m.ldDate.IsZero() && !webPageDate.IsZero() {
		m.ldDate = webPageDate
	}
}

func ldTypes(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString reads a JSON-LD value that should be text: a string, the first
// string of an array, or an object's @value.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		if s, ok := x["@value"].(string); ok {
			return s
		}
	}
	return ""
}

// ldNames reads people or organisations: a string, an object with a name,
// or an array of either.
func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if n := cleanName(x); n != "" {
			return splitNames(n)
		}
	case map[string]any:
		if n := cleanName(ldString(x["name"])); n != "" {
			return []string{n}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

// cleanName folds a person or outlet name and drops what is plainly not one
// (URLs, empty strings, very long text).
func cleanName(s string) string {
	s = format.FoldSpace(s)
	if s == "" || len(s) > 80 || strings.Contains(s, "://") || strings.HasPrefix(s, "@") || strings.Contains(s, "/") {
		return ""
	}
	return s
}

var nameSep = regexp.MustCompile(`\s*(?:,|;|&|\band\b)\s*`)

// splitNames splits "A and B" or "A, B" into names when every part looks
// like a name; else it keeps s whole.
func splitNames(s string) []string {
	parts := nameSep.Split(s, -1)
	if len(parts) < 2 {
		return []string{s}
	}
	for _, p := range parts {
		if !looksLikeName(p) {
			return []string{s}
		}
	}
	return parts
}

var reName = regexp.MustCompile(`^\p{Lu}[\p{L}'’.\-]*(?:\s+(?:(?:de|van|von|der|la|le|du|da|di|bin|al)\s+)?\p{Lu}[\p{L}'’.\-]*){0,3}$`)

func looksLikeName(s string) bool { return reName.MatchString(strings.TrimSpace(s)) }

// reByline reads "By Jon Hoeksma", "By Jon Hoeksma and Lyn Whitfield, Health
// reporter", "Posted by A B on 3 May 2009".
var reBylineSep = regexp.MustCompile(`\s+(?:and|&)\s+`)

var reByline = regexp.MustCompile(`^(?i:(?:posted|written|reported|words)\s+)?(?i:by)\s*:?\s+(.+)$`)

// bylineNames returns the names a byline line gives, if it is one.
func bylineNames(line string) []string {
	line = format.FoldSpace(line)
	if len(line) > 120 {
		return nil
	}
	m := reByline.FindStringSubmatch(line)
	if m == nil {
		return nil
	}
	rest := m[1]
	// Cut at what follows the names: a date, a separator, a job title.
	if _, start, _, ok := format.FindDate(rest); ok {
		rest = rest[:start]
	}
	for _, cut := range []string{" | ", " - ", " – ", " — ", "•", "·", " on ", " at ", ", ", " in ", " Published", " Posted", " Updated", "("} {
		if i := strings.Index(rest, cut); i >= 0 {
			rest = rest[:i]
		}
	}
	rest = strings.TrimRight(strings.TrimSpace(rest), ",;:|-")
	var out []string
	for _, p := range reBylineSep.Split(rest, -1) {
		p = strings.TrimSpace(p)
		if looksLikeName(p) && len(strings.Fields(p)) >= 2 {
			out = append(out, p)
		}
	}
	return out
}

// resolveURL makes ref absolute against base; it returns "" when ref is not
// an http(s) URL and cannot be made one.
func resolveURL(ref, base string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		b, err := url.Parse(base)
		if err != nil || !b.IsAbs() {
			return ""
		}
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// titleSeps split a <title> into the headline and the site's name.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " › ", " : "}

// cleanTitle removes the site's name from a page title: "Headline | Site",
// "Site - Headline", "BBC NEWS | Health | Headline".
func cleanTitle(t string, sites []string) string {
	t = format.FoldSpace(t)
	isSite := func(s string) bool {
		n := normKey(s)
		if n == "" {
			return false
		}
		for _, site := range sites {
			k := normKey(site)
			if k != "" && (n == k || strings.Contains(k, n) || strings.Contains(n, k)) {
				return true
			}
		}
		return false
	}
	if parts := strings.Split(t, " | "); len(parts) > 2 {
		best := ""
		for _, p := range parts {
			if len(strings.Fields(p)) > len(strings.Fields(best)) && !isSite(p) {
				best = p
			}
		}
		if best != "" {
			return strings.TrimSpace(best)
		}
	}
	for _, sep := range titleSeps {
		i := strings.LastIndex(t, sep)
		j := strings.Index(t, sep)
		if i < 0 {
			continue
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		first, rest := strings.TrimSpace(t[:j]), strings.TrimSpace(t[j+len(sep):])
		switch {
		case isSite(tail):
			return head
		case isSite(first):
			return rest
		case len(strings.Fields(tail)) <= 3 && len(strings.Fields(head)) >= 3 && sep != " : ":
			return head
		case len(strings.Fields(first)) <= 3 && len(strings.Fields(rest)) >= 5 && sep != " : " && sep != " - ":
			return rest
		}
	}
	return t
}

var nonAlnum = regexp.MustCompile(`[^\p{L}\p{N}]+`)

func normKey(s string) string {
	return strings.ToLower(nonAlnum.ReplaceAllString(s, ""))
}

// attr returns a node's attribute value.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// reSavedFrom reads the comment browsers write into saved pages:
// <!-- saved from url=(0074)http://www.example.com/news/1.html -->
var reSavedFrom = regexp.MustCompile(`^\s*saved from url=\(\d+\)(\S+)\s*$`)

func savedFromURL(doc *goquery.Document) string {
	var found string
	var f func(n *html.Node, depth int)
	f = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && found == "" && depth < 3; c = c.NextSibling {
			if c.Type == html.CommentNode {
				if m := reSavedFrom.FindStringSubmatch(c.Data); m != nil {
					found = m[1]
				}
			}
			if c.Type == html.ElementNode && (c.DataAtom == atom.Html || c.DataAtom == atom.Head) {
				f(c, depth+1)
			}
		}
	}
	for _, n := range doc.Nodes {
		f(n, 0)
	}
	return found
}
