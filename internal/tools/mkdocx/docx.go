package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"time"
)

// The WordprocessingML written here is what Word itself writes, cut down to
// the parts a reader meets: paragraphs with styles, runs with tabs, breaks,
// symbols and non-breaking hyphens, tables (nested too), hyperlinks, fields,
// footnotes, text boxes with a VML fallback, and tracked changes.

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsWPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
)

// fixedTime keeps the zips byte-for-byte reproducible.
var fixedTime = time.Date(2019, 3, 28, 10, 15, 0, 0, time.UTC)

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// r is a run of text. Inside s, "\t" becomes <w:tab/> and "\n" <w:br/>.
func r(s string) string { return rp("", s) }

// rb is a bold run.
func rb(s string) string { return rp("<w:b/>", s) }

func rp(props, s string) string {
	var b strings.Builder
	b.WriteString("<w:r>")
	if props != "" {
		b.WriteString("<w:rPr>" + props + "</w:rPr>")
	}
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, seg := range strings.Split(part, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if seg != "" {
				b.WriteString(`<w:t xml:space="preserve">` + esc(seg) + "</w:t>")
			}
		}
	}
	b.WriteString("</w:r>")
	return b.String()
}

// p is a paragraph with an optional style id.
func p(style string, runs ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if style != "" {
		b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	for _, x := range runs {
		b.WriteString(x)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// pt is a paragraph of plain text.
func pt(style, text string) string { return p(style, r(text)) }

// li is a bulleted list paragraph.
func li(text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` + r(text) + "</w:p>"
}

// tbl is a table; each cell is raw paragraph XML (use cell for text).
func tbl(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>`)
	for _, row := range rows {
		b.WriteString("<w:tr>")
		for _, c := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>` + c + "</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// cells turns text cells into paragraph cells.
func cells(texts ...string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = pt("", t)
	}
	return out
}

func rows(table [][]string) [][]string {
	out := make([][]string, len(table))
	for i, row := range table {
		out[i] = cells(row...)
	}
	return out
}

func document(body ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:mc="` + nsMC + `" xmlns:wps="` + nsWPS + `" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>` +
		strings.Join(body, "") +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>`
}

// style is one paragraph style for styles.xml.
type style struct {
	id, name, basedOn string
	outline           int // -1 for none
}

// englishStyles are the ids Word writes in an English install.
var englishStyles = []style{
	{"Normal", "Normal", "", -1},
	{"Title", "Title", "Normal", -1},
	{"Heading1", "heading 1", "Normal", 0},
	{"Heading2", "heading 2", "Normal", 1},
	{"Heading3", "heading 3", "Normal", 2},
	{"ListParagraph", "List Paragraph", "Normal", -1},
}

func styles(list []style) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>`)
	for _, s := range list {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/>`, s.id, esc(s.name))
		if s.basedOn != "" {
			fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, s.basedOn)
		}
		if s.outline >= 0 {
			fmt.Fprintf(&b, `<w:pPr><w:outlineLvl w:val="%d"/></w:pPr>`, s.outline)
		}
		b.WriteString("</w:style>")
	}
	b.WriteString(`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>`)
	return b.String()
}

type coreProps struct {
	title, creator, created, modified, description string
}

func core(c coreProps) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	if c.title != "" {
		b.WriteString("<dc:title>" + esc(c.title) + "</dc:title>")
	}
	if c.description != "" {
		b.WriteString("<dc:description>" + esc(c.description) + "</dc:description>")
	}
	if c.creator != "" {
		b.WriteString("<dc:creator>" + esc(c.creator) + "</dc:creator>")
	}
	b.WriteString("<cp:lastModifiedBy>Board Secretary</cp:lastModifiedBy><cp:revision>4</cp:revision>")
	if c.created != "" {
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + c.created + "</dcterms:created>")
	}
	if c.modified != "" {
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + c.modified + "</dcterms:modified>")
	}
	b.WriteString("</cp:coreProperties>")
	return b.String()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.example.nhs.uk/board" TargetMode="External"/></Relationships>`

func footnotes(notes ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:footnotes xmlns:w="` + nsW + `"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for i, n := range notes {
		fmt.Fprintf(&b, `<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:footnoteRef/></w:r>%s</w:p></w:footnote>`, i+1, r(" "+n))
	}
	b.WriteString("</w:footnotes>")
	return b.String()
}

// part is one zip entry.
type part struct {
	name string
	data string
}

// docxParts returns the parts of a complete .docx.
func docxParts(doc, sty, coreXML, notes string) []part {
	parts := []part{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", sty},
		{"docProps/core.xml", coreXML},
	}
	if notes != "" {
		parts = append(parts, part{"word/footnotes.xml", notes})
	}
	return parts
}

// zipParts writes parts as a deflated zip with fixed times.
func zipParts(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
