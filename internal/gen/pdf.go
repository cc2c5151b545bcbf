package gen

import (
	"bytes"
	"compress/zlib"
	"strconv"
	"strings"
	"unicode/utf16"
)

// A minimal PDF writer: A4 pages of positioned lines in the standard
// Helvetica fonts with WinAnsiEncoding, Flate content streams, a classic
// cross-reference table, and an Info dictionary.

const (
	pdfW, pdfH    = 595.0, 842.0
	pdfLeft       = 64.0
	pdfRight      = pdfW - 64.0
	pdfTop        = pdfH - 64.0
	pdfBottom     = 72.0
	pdfBodySize   = 10.0
	pdfBodyLead   = 13.5
	pdfFooterSize = 8.0
)

// Advance widths of Helvetica and Helvetica-Bold for codes 32..126, in
// thousandths of the font size (Adobe's AFM files).
var helvWidths = [2][95]uint16{{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}, {
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}}

// highWidth is the width of a WinAnsi code above 126 (the same in both fonts
// for the codes the generator writes).
func highWidth(c byte) uint16 {
	switch c {
	case 0x91, 0x92:
		return 222
	case 0x93, 0x94:
		return 333
	case 0x95:
		return 350
	case 0x97:
		return 1000
	case 0xA0:
		return 278
	}
	return 556
}

var winAnsiExtra = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99,
}

// toWinAnsi encodes s; runes WinAnsi lacks become '?'.
func toWinAnsi(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 32 && r < 127, r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		default:
			if c, ok := winAnsiExtra[r]; ok {
				b = append(b, c)
			} else {
				b = append(b, '?')
			}
		}
	}
	return b
}

func textWidth(s []byte, bold bool, size float64) float64 {
	f := 0
	if bold {
		f = 1
	}
	w := 0
	for _, c := range s {
		if c >= 32 && c <= 126 {
			w += int(helvWidths[f][c-32])
		} else {
			w += int(highWidth(c))
		}
	}
	return float64(w) * size / 1000
}

type pdfLine struct {
	x, y float64
	size float64
	bold bool
	text []byte
}

// pdfLayout places a document's lines on pages.
type pdfLayout struct {
	pages [][]pdfLine
	y     float64
}

func (l *pdfLayout) newPage() {
	l.pages = append(l.pages, nil)
	l.y = pdfTop
}

func (l *pdfLayout) need(h float64) {
	if len(l.pages) == 0 || l.y-h < pdfBottom {
		l.newPage()
	}
}

func (l *pdfLayout) put(x float64, size float64, bold bool, text []byte) {
	p := len(l.pages) - 1
	l.pages[p] = append(l.pages[p], pdfLine{x: x, y: l.y, size: size, bold: bold, text: text})
}

// para wraps text to the width between x and the right margin, keeping the
// paragraph on one page when it fits on one.
func (l *pdfLayout) para(text string, x, size float64, bold bool, after float64) {
	lead := size * 1.35
	if size >= 12 {
		lead = size * 1.2
	}
	words := bytes.Fields(toWinAnsi(text))
	var lines [][]byte
	var line []byte
	space := textWidth([]byte{' '}, bold, size)
	lw := 0.0
	for _, w := range words {
		ww := textWidth(w, bold, size)
		if len(line) > 0 && x+lw+space+ww > pdfRight {
			lines = append(lines, line)
			line, lw = nil, 0
		}
		if len(line) > 0 {
			line = append(line, ' ')
			lw += space
		}
		line = append(line, w...)
		lw += ww
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	if h := lead * float64(len(lines)); h < pdfTop-pdfBottom {
		l.need(h)
	}
	for _, ln := range lines {
		l.need(lead)
		l.put(x, size, bold, ln)
		l.y -= lead
	}
	l.y -= after
}

// table writes rows with the first column left-aligned and the others
// right-aligned in fixed columns.
func (l *pdfLayout) table(rows [][]string) {
	n := len(rows[0])
	colW := (pdfRight - pdfLeft - 190) / float64(n-1)
	for i, row := range rows {
		l.need(pdfBodyLead)
		for j, c := range row {
			t := toWinAnsi(c)
			if j == 0 {
				l.put(pdfLeft, 9, i == 0, t)
				continue
			}
			right := pdfLeft + 190 + colW*float64(j)
			l.put(right-textWidth(t, i == 0, 9), 9, i == 0, t)
		}
		l.y -= pdfBodyLead
	}
	l.y -= 8
}

// writePDF lays a document out on A4 pages and writes it as a PDF.
func writePDF(d *document, out *bytes.Buffer, zw *zlib.Writer) {
	var l pdfLayout
	l.newPage()
	author := d.author
	created := d.pub.Start()
	if d.org != "" {
		l.para(d.org, pdfLeft, 11, true, 18)
		l.para(d.title, pdfLeft, 16, true, 10)
		l.para(d.meeting, pdfLeft, 12, true, 14)
		for _, f := range d.fields {
			l.need(pdfBodyLead)
			l.put(pdfLeft, pdfBodySize, true, toWinAnsi(f[0]+":"))
			l.put(pdfLeft+110, pdfBodySize, false, toWinAnsi(f[1]))
			l.y -= pdfBodyLead
		}
		l.y -= 14
		author = d.authorP
		created = created.AddDate(0, 0, -(2 + len(d.title)%8))
	} else {
		l.para(d.title, pdfLeft, 16, true, 6)
		l.para(longDate(d), pdfLeft, 10, false, 4)
		l.para("By "+d.author, pdfLeft, 10, false, 10)
		if d.standfirst != "" {
			l.para(d.standfirst, pdfLeft, 11, true, 8)
		}
	}
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			l.need(40)
			l.y -= 4
			l.para(bl.text, pdfLeft, 12, true, 4)
		case tableBlock:
			l.need(pdfBodyLead * float64(len(bl.rows)+1))
			l.table(bl.rows)
		case listBlock, linesBlock:
			for _, it := range bl.items {
				x := pdfLeft + 14
				if it == "" || it[0] < '0' || it[0] > '9' {
					l.need(pdfBodyLead)
					l.put(pdfLeft+4, pdfBodySize, false, []byte{0x95})
				}
				l.para(it, x, pdfBodySize, false, 2)
			}
			l.y -= 6
		default:
			l.para(bl.text, pdfLeft, pdfBodySize, false, 7)
		}
	}

	// Running footer: the page number, centred.
	for i := range l.pages {
		pn := toWinAnsi("Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(l.pages)))
		l.pages[i] = append(l.pages[i], pdfLine{x: (pdfW - textWidth(pn, false, pdfFooterSize)) / 2, y: 40, size: pdfFooterSize, text: pn})
	}
	pdfSerialise(&l, out, zw, d.title, author, "D:"+created.Format("20060102")+"093000Z")
}

func pdfLiteral(b *bytes.Buffer, s []byte) {
	b.WriteByte('(')
	for _, c := range s {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x80:
			b.WriteByte('\\')
			b.WriteByte('0' + c>>6)
			b.WriteByte('0' + c>>3&7)
			b.WriteByte('0' + c&7)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
}

// pdfInfoString writes an Info string: a literal for ASCII, else UTF-16BE.
func pdfInfoString(b *bytes.Buffer, s string) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		pdfLiteral(b, []byte(s))
		return
	}
	b.WriteString("<FEFF")
	const hex = "0123456789ABCDEF"
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(hex[u>>12])
		b.WriteByte(hex[u>>8&15])
		b.WriteByte(hex[u>>4&15])
		b.WriteByte(hex[u&15])
	}
	b.WriteByte('>')
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func pdfSerialise(l *pdfLayout, out *bytes.Buffer, zw *zlib.Writer, title, author, created string) {
	var offs []int
	begin := func() int {
		offs = append(offs, out.Len())
		n := len(offs)
		out.WriteString(strconv.Itoa(n) + " 0 obj\n")
		return n
	}
	end := func() { out.WriteString("\nendobj\n") }
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

	// 1 catalog, 2 page tree, 3 and 4 fonts, then a content stream and a
	// page object for each page, then the Info dictionary.
	np := len(l.pages)
	begin()
	out.WriteString("<< /Type /Catalog /Pages 2 0 R >>")
	end()
	begin()
	out.WriteString("<< /Type /Pages /Kids [")
	for i := range np {
		out.WriteString(" " + strconv.Itoa(6+2*i) + " 0 R")
	}
	out.WriteString(" ] /Count " + strconv.Itoa(np) + " >>")
	end()
	for f, base := range []string{"Helvetica", "Helvetica-Bold"} {
		begin()
		out.WriteString("<< /Type /Font /Subtype /Type1 /BaseFont /" + base + " /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [")
		for c := 32; c <= 255; c++ {
			w := highWidth(byte(c))
			if c <= 126 {
				w = helvWidths[f][c-32]
			}
			out.WriteString(strconv.Itoa(int(w)) + " ")
		}
		out.WriteString("] >>")
		end()
	}
	var ops, z bytes.Buffer
	for _, page := range l.pages {
		ops.Reset()
		for _, ln := range page {
			font := "/F1 "
			if ln.bold {
				font = "/F2 "
			}
			ops.WriteString("BT " + font + fmtNum(ln.size) + " Tf " + fmtNum(ln.x) + " " + fmtNum(ln.y) + " Td ")
			pdfLiteral(&ops, ln.text)
			ops.WriteString(" Tj ET\n")
		}
		z.Reset()
		zw.Reset(&z)
		zw.Write(ops.Bytes())
		zw.Close()
		n := begin() // 5+2i, as the page tree says
		out.WriteString("<< /Filter /FlateDecode /Length " + strconv.Itoa(z.Len()) + " >>\nstream\n")
		out.Write(z.Bytes())
		out.WriteString("\nendstream")
		end()
		begin()
		out.WriteString("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " + strconv.Itoa(n) + " 0 R >>")
		end()
	}
	info := begin()
	out.WriteString("<< /Title ")
	pdfInfoString(out, title)
	if author != "" {
		out.WriteString(" /Author ")
		pdfInfoString(out, author)
	}
	out.WriteString(" /Creator (trawl gen) /Producer (trawl gen) /CreationDate (" + created + ") >>")
	end()
	xref := out.Len()
	out.WriteString("xref\n0 " + strconv.Itoa(len(offs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := strconv.Itoa(o)
		out.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	out.WriteString("trailer\n<< /Size " + strconv.Itoa(len(offs)+1) + " /Root 1 0 R /Info " + strconv.Itoa(info) + " 0 R >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
}
