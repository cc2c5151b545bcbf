package textdoc

import (
	"context"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Markdown is parsed with goldmark, a CommonMark-compliant parser: reference
// links, escapes, entities, lazy continuation lines and nested lists are
// where hand-written rules go wrong, and the clean text must not keep syntax.

// maxListDepth bounds the recursion over nested lists and quotes.
const maxListDepth = 32

type mdWriter struct {
	ctx   context.Context
	tb    *format.TextBuilder
	src   []byte
	title string
	err   error
}

// markdown lays out a Markdown text and returns its first heading.
func markdown(ctx context.Context, tb *format.TextBuilder, text string) (string, error) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	src := []byte(text)
	doc := md.Parser().Parse(gtext.NewReader(src))
	w := &mdWriter{ctx: ctx, tb: tb, src: src}
	w.blocks(doc, 0)
	return w.title, w.err
}

func (w *mdWriter) blocks(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil && w.err == nil; c = c.NextSibling() {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return
		}
		w.block(c, depth)
	}
}

func (w *mdWriter) block(n ast.Node, depth int) {
	switch n := n.(type) {
	case *ast.Heading:
		h := w.inline(n)
		w.tb.AddHeading(n.Level, h)
		if w.title == "" {
			w.title = format.FoldSpace(h)
		}
	case *ast.Paragraph, *ast.TextBlock:
		w.tb.AddParagraph(w.inline(n))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.tb.AddPreformatted(w.lines(n))
	case *ast.HTMLBlock:
		if t := htmlText(w.lines(n)); t != "" {
			w.tb.AddParagraph(t)
		}
	case *ast.List:
		var lines []string
		w.list(n, 0, &lines)
		w.tb.AddPreformatted(strings.Join(lines, "\n"))
	case *east.Table:
		var rows []string
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, format.FoldSpace(w.inline(c)))
			}
			rows = append(rows, strings.Join(cells, " | "))
		}
		w.tb.AddPreformatted(strings.Join(rows, "\n"))
	case *ast.ThematicBreak:
	default: // block quotes and anything an extension adds
		if depth < maxListDepth {
			w.blocks(n, depth+1)
		}
	}
}

// list writes one line per item, "- text" or "3. text", nested lists
// indented under their item.
func (w *mdWriter) list(l *ast.List, depth int, lines *[]string) {
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "-"
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + "."
			num++
		}
		indent := strings.Repeat("  ", depth)
		at := len(*lines)
		*lines = append(*lines, "")
		var text []string
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				if depth < maxListDepth {
					w.list(c, depth+1, lines)
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				for _, l := range strings.Split(w.lines(c), "\n") {
					*lines = append(*lines, indent+"    "+l)
				}
			default:
				text = append(text, format.FoldSpace(w.text(c)))
			}
		}
		(*lines)[at] = indent + marker + " " + strings.Join(text, " ")
	}
}

// text is the plain text of any node, blocks included.
func (w *mdWriter) text(n ast.Node) string {
	if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock || n.Kind() == ast.KindHeading {
		return w.inline(n)
	}
	if n.Kind() == ast.KindHTMLBlock {
		return htmlText(w.lines(n))
	}
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		parts = append(parts, w.text(c))
	}
	return strings.Join(parts, " ")
}

// inline is the text of a node's inline children without Markdown syntax:
// emphasis, links and images keep their words, raw HTML is dropped.
func (w *mdWriter) inline(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(w.src)
				if !c.IsRaw() {
					v = unescape(v)
				}
				b.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				v := c.Value
				if !c.IsRaw() && !c.IsCode() {
					v = unescape(v)
				}
				b.Write(v)
			case *ast.AutoLink:
				b.Write(c.Label(w.src))
			case *ast.RawHTML:
				b.WriteByte(' ')
			default:
				if depth < maxListDepth {
					walk(c, depth+1)
				}
			}
		}
	}
	walk(n, 0)
	return b.String()
}

func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// lines is the raw content of a block (code, HTML).
func (w *mdWriter) lines(n ast.Node) string {
	var b strings.Builder
	segs := n.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b.Write(seg.Value(w.src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		b.Write(h.ClosureLine.Value(w.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// htmlText is the text of a raw HTML block, without tags or comments.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return format.FoldSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

// meta is what YAML front matter says.
type meta struct {
	title   string
	date    corpus.Date
	authors []string
}

// frontMatter splits YAML front matter ("---" lines around "key: value"
// lines, as static site generators write) from the Markdown after it. Only
// the flat keys title, date (or published) and author(s) are read.
func frontMatter(text string) (meta, string) {
	var m meta
	if !strings.HasPrefix(text, "---\n") {
		return m, text
	}
	rest := text[4:]
	end := -1
	var fm string
	for i, off := 0, 0; i < 200 && off < len(rest); i++ {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			fm, end = rest[:off], off+len(line)
			break
		}
		off += len(line) + 1
	}
	if end < 0 {
		return m, text
	}
	body := strings.TrimPrefix(rest[end:], "\n")
	key := ""
	for _, line := range strings.Split(fm, "\n") {
		if item, ok := strings.CutPrefix(strings.TrimSpace(line), "- "); ok && key == "authors" {
			m.authors = append(m.authors, unquote(item))
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(k))
		v = unquote(v)
		switch key {
		case "title":
			m.title = v
		case "date", "published":
			if d, ok := format.ParseDate(v); ok {
				m.date = d
			}
		case "author", "authors":
			key = "authors"
			v = strings.Trim(v, "[]")
			for _, a := range strings.Split(v, ",") {
				if a = unquote(a); a != "" {
					m.authors = append(m.authors, a)
				}
			}
		}
	}
	return m, body
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		s = s[1 : len(s)-1]
	}
	return strings.TrimSpace(s)
}
