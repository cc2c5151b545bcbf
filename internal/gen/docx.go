package gen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"time"
)

var xmlEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

const docxApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity></Properties>`

func docxStyle(id, name string, level int, size int, bold bool) string {
	var b strings.Builder
	b.WriteString(`<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>`)
	if level > 0 {
		b.WriteString(`<w:outlineLvl w:val="` + string(rune('0'+level-1)) + `"/>`)
	}
	b.WriteString(`</w:pPr><w:rPr>`)
	if bold {
		b.WriteString(`<w:b/>`)
	}
	b.WriteString(`<w:sz w:val="` + itoa(size) + `"/></w:rPr></w:style>`)
	return b.String()
}

var docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	docxStyle("Title", "Title", 0, 40, true) +
	docxStyle("Heading1", "heading 1", 1, 28, true) +
	docxStyle("Heading2", "heading 2", 2, 24, true) +
	docxStyle("Heading3", "heading 3", 3, 22, true) +
	`<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// docxPara writes a paragraph of one style; bold runs are the parts before
// a tab-free "label: " when label is set.
func docxPara(b *bytes.Buffer, style, text string, bold bool) {
	b.WriteString("<w:p>")
	if style != "" {
		b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	b.WriteString("<w:r>")
	if bold {
		b.WriteString("<w:rPr><w:b/></w:rPr>")
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	xmlEsc.WriteString(b, text)
	b.WriteString("</w:t></w:r></w:p>")
}

func docxTable(b *bytes.Buffer, rows [][]string, widths []int) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	for i, row := range rows {
		b.WriteString("<w:tr>")
		for j, c := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(widths[j]) + `" w:type="dxa"/></w:tcPr>`)
			docxPara(b, "", c, i == 0)
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

// writeDOCX writes a Word document: the title in the Title style, sections
// as Heading1, tables as tables, and the title, author and a creation date
// in docProps/core.xml.
func writeDOCX(d *document, out *bytes.Buffer, fw *flate.Writer) {
	var b bytes.Buffer
	b.Grow(32 << 10)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	created := d.pub.Start().Add(9 * time.Hour)
	author := d.author
	if d.org != "" {
		docxPara(&b, "", d.org, true)
		docxPara(&b, "Title", d.title, false)
		docxPara(&b, "", d.meeting, true)
		docxTable(&b, fieldRows(d.fields), []int{2600, 6400})
		docxPara(&b, "", "", false)
		created = created.AddDate(0, 0, -(2 + len(d.title)%8))
		author = d.authorP
	} else {
		docxPara(&b, "Title", d.title, false)
		docxPara(&b, "", longDate(d), false)
		docxPara(&b, "", "By "+d.author, false)
		if d.standfirst != "" {
			docxPara(&b, "", d.standfirst, true)
		}
	}
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			docxPara(&b, "Heading"+itoa(max(1, bl.level)), bl.text, false)
		case tableBlock:
			widths := make([]int, len(bl.rows[0]))
			for i := range widths {
				widths[i] = 1900
			}
			widths[0] = 3400
			docxTable(&b, bl.rows, widths)
		case listBlock, linesBlock:
			for _, it := range bl.items {
				docxPara(&b, "ListBullet", it, false)
			}
		default:
			docxPara(&b, "", bl.text, false)
		}
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`)

	ts := created.UTC().Format("2006-01-02T15:04:05Z")
	var core bytes.Buffer
	core.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	xmlEsc.WriteString(&core, d.title)
	core.WriteString("</dc:title><dc:creator>")
	xmlEsc.WriteString(&core, author)
	core.WriteString("</dc:creator><cp:lastModifiedBy>")
	xmlEsc.WriteString(&core, author)
	core.WriteString(`</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified><dc:language>en-GB</dc:language></cp:coreProperties>`)

	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { fw.Reset(w); return fw, nil })
	mod := created.UTC()
	for _, part := range []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRels)},
		{"word/document.xml", b.Bytes()},
		{"word/_rels/document.xml.rels", []byte(docxDocRels)},
		{"word/styles.xml", []byte(docxStyles)},
		{"docProps/core.xml", core.Bytes()},
		{"docProps/app.xml", []byte(docxApp)},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			continue // cannot happen with a bytes.Buffer
		}
		w.Write(part.data)
	}
	zw.Close()
}

func fieldRows(fields [][2]string) [][]string {
	rows := make([][]string, len(fields))
	for i, f := range fields {
		rows[i] = []string{f[0], f[1]}
	}
	return rows
}
