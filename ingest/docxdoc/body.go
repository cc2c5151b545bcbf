package docxdoc

import (
	"context"
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// Namespaces of WordprocessingML (transitional and strict), Office Math and
// markup compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMath    = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

const (
	maxDepth   = 1000 // XML nesting; Word documents stay under 50
	checkEvery = 1024 // tokens between checks of the context
)

type blockKind uint8

const (
	blockPara blockKind = iota
	blockPre            // line breaks matter: a table, an address
	blockHeading
)

// block is one paragraph, heading or table of the document, in order.
type block struct {
	kind  blockKind
	level int // headings: 1..6
	text  string
}

type para struct {
	b        strings.Builder
	style    string
	outline  int // direct w:outlineLvl, -1 when unset
	numbered bool
}

type table struct {
	rows [][]string
	row  []string
	cell strings.Builder
}

// bodyParser reads WordprocessingML (document.xml or footnotes.xml) as a
// stream of tokens, keeping only the open paragraphs and tables.
type bodyParser struct {
	ctx     context.Context
	styles  *styleSheet
	notes   bool // footnotes.xml: paragraphs get their note's number
	maxText int

	blocks    []block
	size      int
	truncated bool

	stack  []xml.Name
	paras  []*para
	tables []*table
	note   string // "[1] " until the note's first paragraph is out
}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// parse reads r to the end, returning a rejection or a context error.
func (p *bodyParser) parse(r io.Reader) error {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := p.ctx.Err(); err != nil {
				return err
			}
		}
		if p.truncated {
			return nil
		}
		tok, err := dec.Token()
		if err == io.EOF {
			if len(p.stack) > 0 {
				return &xml.SyntaxError{Msg: "unexpected end of part", Line: 0}
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip(t.Name) || (p.notes && isW(t.Name) && (t.Name.Local == "footnote" || t.Name.Local == "endnote") && attr(t, "type") != "" && attr(t, "type") != "normal") {
				if err := dec.Skip(); err != nil {
					return err
				}
				continue
			}
			if len(p.stack) >= maxDepth {
				return format.Reject(format.ErrCorrupt, "XML nested deeper than %d elements", maxDepth)
			}
			p.start(t)
			p.stack = append(p.stack, t.Name)
		case xml.EndElement:
			if len(p.stack) > 0 {
				p.stack = p.stack[:len(p.stack)-1]
			}
			p.end(t.Name)
		case xml.CharData:
			if len(p.stack) > 0 {
				top := p.stack[len(p.stack)-1]
				if top.Local == "t" && (isW(top) || top.Space == nsMath) {
					p.write(string(t))
				}
			}
		}
	}
}

// skip says which subtrees carry no text of the document: the fallback of
// alternate content (the same text box again, as VML), text moved away in a
// tracked change, and superseded properties.
func skip(n xml.Name) bool {
	switch {
	case n.Space == nsMC:
		return n.Local == "Fallback"
	case isW(n):
		switch n.Local {
		case "moveFrom", "pPrChange", "rPrChange", "delInstrText", "instrText":
			return true
		}
	}
	return false
}

func (p *bodyParser) parent() string {
	if len(p.stack) == 0 {
		return ""
	}
	return p.stack[len(p.stack)-1].Local
}

func (p *bodyParser) top() *para {
	if len(p.paras) == 0 {
		return nil
	}
	return p.paras[len(p.paras)-1]
}

func (p *bodyParser) write(s string) {
	if q := p.top(); q != nil {
		q.b.WriteString(s)
	}
}

func (p *bodyParser) start(t xml.StartElement) {
	if !isW(t.Name) {
		return
	}
	inRun := p.parent() == "r"
	switch t.Name.Local {
	case "p":
		p.paras = append(p.paras, &para{outline: -1})
	case "pStyle":
		if q := p.top(); q != nil && p.parent() == "pPr" {
			q.style = attr(t, "val")
		}
	case "outlineLvl":
		if q := p.top(); q != nil && p.parent() == "pPr" {
			if n, err := strconv.Atoi(attr(t, "val")); err == nil {
				q.outline = n
			}
		}
	case "numPr":
		if q := p.top(); q != nil && p.parent() == "pPr" {
			q.numbered = true
		}
	case "tab":
		if inRun {
			p.write("\t")
		}
	case "br", "cr":
		if inRun {
			p.write("\n")
		}
	case "noBreakHyphen":
		if inRun {
			p.write("-")
		}
	case "sym":
		if inRun {
			p.write(symbol(attr(t, "font"), attr(t, "char")))
		}
	case "footnoteReference", "endnoteReference":
		if id := attr(t, "id"); inRun && id != "" {
			p.write("[" + id + "]")
		}
	case "footnote", "endnote":
		if p.notes {
			p.note = "[" + attr(t, "id") + "] "
		}
	case "tbl":
		p.tables = append(p.tables, &table{})
	case "tr":
		if tb := p.table(); tb != nil {
			tb.row = tb.row[:0:0]
		}
	case "tc":
		if tb := p.table(); tb != nil {
			tb.cell.Reset()
		}
	}
}

func (p *bodyParser) table() *table {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *bodyParser) end(n xml.Name) {
	if !isW(n) {
		return
	}
	switch n.Local {
	case "p":
		if len(p.paras) == 0 {
			return
		}
		q := p.paras[len(p.paras)-1]
		p.paras = p.paras[:len(p.paras)-1]
		p.endPara(q)
	case "tc":
		if tb := p.table(); tb != nil {
			tb.row = append(tb.row, format.FoldSpace(tb.cell.String()))
			tb.cell.Reset()
		}
	case "tr":
		if tb := p.table(); tb != nil {
			for len(tb.row) > 0 && tb.row[len(tb.row)-1] == "" {
				tb.row = tb.row[:len(tb.row)-1]
			}
			if len(tb.row) > 0 {
				tb.rows = append(tb.rows, tb.row)
			}
			tb.row = nil
		}
	case "tbl":
		if len(p.tables) == 0 {
			return
		}
		tb := p.tables[len(p.tables)-1]
		p.tables = p.tables[:len(p.tables)-1]
		if outer := p.table(); outer != nil {
			// A nested table is flattened into the cell that holds it.
			var parts []string
			for _, row := range tb.rows {
				parts = append(parts, strings.Join(row, " "))
			}
			appendSpaced(&outer.cell, strings.Join(parts, "; "))
			return
		}
		lines := make([]string, len(tb.rows))
		for i, row := range tb.rows {
			lines[i] = strings.Join(row, " | ")
		}
		p.emit(block{kind: blockPre, text: strings.Join(lines, "\n")})
	}
}

func (p *bodyParser) endPara(q *para) {
	text := q.b.String()
	if tb := p.table(); tb != nil {
		appendSpaced(&tb.cell, text)
		return
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	if p.notes {
		text = p.note + text
		p.note = ""
		p.emit(block{kind: blockPara, text: text})
		return
	}
	level := p.styles.headingLevel(q.style)
	if level == 0 && q.outline >= 0 {
		level = outlineLevel(q.outline)
	}
	switch {
	case level > 0:
		p.emit(block{kind: blockHeading, level: level, text: text})
	case strings.Contains(text, "\n"):
		p.emit(block{kind: blockPre, text: text})
	default:
		p.emit(block{kind: blockPara, text: text})
	}
}

func appendSpaced(b *strings.Builder, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(s)
}

func (p *bodyParser) emit(b block) {
	p.blocks = append(p.blocks, b)
	p.size += len(b.text) + 2
	if p.maxText > 0 && p.size > p.maxText {
		p.truncated = true
	}
}

// symbolFont maps the Symbol font's code points to Unicode, for the
// characters board papers use.
var symbolFont = map[rune]rune{
	0xA3: '≤', 0xB3: '≥', 0xB7: '•', 0xB4: '×', 0xB1: '±', 0xAE: '→', 0xAC: '←',
	0xB0: '°', 0x2D: '−', 0xB9: '≠', 0xBB: '≈', 0xD6: '√', 0xA5: '∞', 0xB8: '÷',
	0xE6: '(', 0xF6: ')', 0xD7: '·', 0xBE: '—', 0x61: 'α', 0x62: 'β', 0x67: 'γ',
	0x64: 'δ', 0x6D: 'μ', 0x70: 'π', 0x73: 'σ', 0x44: 'Δ', 0x53: 'Σ', 0x57: 'Ω',
}

// wingdings maps the Wingdings characters that stand for text.
var wingdings = map[rune]rune{
	0xFC: '✓', 0xFB: '✗', 0xFD: '☒', 0xFE: '☑', 0x6F: '☐', 0xA8: '☐', 0x9F: '•',
	0x6C: '•', 0xA7: '▪', 0xD8: '➢', 0xE0: '→', 0xE8: '➔', 0x4A: '☺',
}

// symbol turns a w:sym (font and hex code, "F0B3") into text. Symbol fonts
// place their glyphs at U+F0xx; other fonts use Unicode.
func symbol(font, code string) string {
	n, err := strconv.ParseUint(code, 16, 32)
	if err != nil || n == 0 {
		return ""
	}
	c := rune(n)
	if c >= 0xF000 && c <= 0xF0FF {
		c -= 0xF000
	}
	f := strings.ToLower(font)
	switch {
	case f == "symbol":
		if m, ok := symbolFont[c]; ok {
			return string(m)
		}
		return ""
	case strings.HasPrefix(f, "wingdings") || strings.HasPrefix(f, "webdings"):
		if m, ok := wingdings[c]; ok {
			return string(m)
		}
		return ""
	}
	if c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF {
		return ""
	}
	return string(c)
}
