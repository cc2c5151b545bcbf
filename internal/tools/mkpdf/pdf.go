package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf16"
)

// A small PDF writer: standard 14 fonts in WinAnsiEncoding, pages made of
// positioned text lines and rules, Flate content streams, a classic xref
// table. Enough to write realistic board packs without a dependency.

const (
	pageW = 595.0 // A4 in points
	pageH = 842.0
)

type font struct {
	res    string // resource name, "F1"
	base   string // BaseFont
	widths map[byte]int
}

// width returns the width of s in points at size.
func (f *font) width(s string, size float64) float64 {
	w := 0
	for _, c := range winAnsi(s) {
		if v, ok := f.widths[c]; ok {
			w += v
		} else {
			w += 556
		}
	}
	return float64(w) * size / 1000
}

func widthTable(ascii string, extra map[byte]int) map[byte]int {
	m := map[byte]int{}
	for i, f := range strings.Fields(ascii) {
		var v int
		fmt.Sscan(f, &v)
		m[byte(32+i)] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

var extraWidths = map[byte]int{0x80: 556, 0x91: 222, 0x92: 222, 0x93: 333, 0x94: 333, 0x95: 350, 0x96: 556, 0x97: 1000, 0xA0: 278, 0xA3: 556, 0xE9: 556}

// Helvetica and Helvetica-Bold advance widths for codes 32..126 (AFM).
func newFonts() (regular, bold *font) {
	regular = &font{res: "F1", base: "Helvetica", widths: widthTable(`
278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278
556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556
1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778
667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556
333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556
556 556 333 500 278 556 500 722 500 500 500 334 260 334 584`, extraWidths)}
	bold = &font{res: "F2", base: "Helvetica-Bold", widths: widthTable(`
278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278
556 556 556 556 556 556 556 556 556 556 333 333 584 584 584 611
975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778
667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556
333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611
611 611 389 556 333 611 556 778 556 556 500 389 280 389 584`, extraWidths)}
	return regular, bold
}

var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99, '\u00a0': 0xA0,
}

// winAnsi encodes s in WinAnsiEncoding; runes it lacks become '?'.
func winAnsi(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 32 && r < 127:
			b = append(b, byte(r))
		case r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		default:
			if c, ok := winAnsiHigh[r]; ok {
				b = append(b, c)
			} else {
				b = append(b, '?')
			}
		}
	}
	return b
}

// pdfString writes s as a literal string in WinAnsi.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range winAnsi(s) {
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c >= 0x80 {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

type page struct {
	ops bytes.Buffer
	img *grayImage // this page's own /Im1, for a scanned page
}

// text places one line of text with its baseline at (x, y).
func (p *page) text(f *font, size, x, y float64, s string) {
	fmt.Fprintf(&p.ops, "BT /%s %.1f Tf %.2f %.2f Td %s Tj ET\n", f.res, size, x, y, pdfString(s))
}

// rule draws a line.
func (p *page) rule(x1, y1, x2, y2, width float64) {
	fmt.Fprintf(&p.ops, "%.2f w %.2f %.2f m %.2f %.2f l S\n", width, x1, y1, x2, y2)
}

// image paints an 8-bit grey image XObject named /Im1 over the rectangle.
func (p *page) image(x, y, w, h float64) {
	fmt.Fprintf(&p.ops, "q %.2f 0 0 %.2f %.2f %.2f cm /Im1 Do Q\n", w, h, x, y)
}

// grayImage is a raw DeviceGray raster of bpc bits a pixel (0 means 8),
// rows padded to whole bytes.
type grayImage struct {
	w, h int
	bpc  int
	pix  []byte
}

// xobject writes the image as an XObject stream and returns its number.
func (img *grayImage) xobject(stream func(dict string, data []byte) int) int {
	bpc := img.bpc
	if bpc == 0 {
		bpc = 8
	}
	return stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent %d /Filter /FlateDecode", img.w, img.h, bpc), deflate(img.pix))
}

type docInfo struct {
	Title, Author, Subject, Creator, Producer string
	Created                                   string // D:YYYYMMDDHHmmSS
}

// writePDF serialises the pages, all sharing the fonts, with an optional
// image resource.
func writePDF(pages []*page, fonts []*font, img *grayImage, info docInfo) []byte {
	var out bytes.Buffer
	var offsets []int
	obj := func(body string) int {
		offsets = append(offsets, out.Len())
		n := len(offsets)
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
		return n
	}
	stream := func(dict string, data []byte) int {
		offsets = append(offsets, out.Len())
		n := len(offsets)
		fmt.Fprintf(&out, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
		return n
	}
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

	// Object numbers are fixed by the order below: 1 catalog, 2 pages tree.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	offsets = append(offsets, 0) // 2: written last, when the kids are known
	pagesAt := len(offsets) - 1

	var fontRes strings.Builder
	for _, f := range fonts {
		var ws strings.Builder
		for c := 32; c <= 255; c++ {
			w, ok := f.widths[byte(c)]
			if !ok {
				w = 556
			}
			fmt.Fprintf(&ws, "%d ", w)
		}
		n := obj(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>", f.base, strings.TrimSpace(ws.String())))
		fmt.Fprintf(&fontRes, "/%s %d 0 R ", f.res, n)
	}
	xobj := ""
	if img != nil {
		xobj = fmt.Sprintf("/XObject << /Im1 %d 0 R >> ", img.xobject(stream))
	}
	var kids []string
	for _, p := range pages {
		xobj := xobj
		if p.img != nil {
			xobj = fmt.Sprintf("/XObject << /Im1 %d 0 R >> ", p.img.xobject(stream))
		}
		c := stream("/Filter /FlateDecode", deflate(p.ops.Bytes()))
		n := obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.0f %.0f] /Resources << /Font << %s>> %s>> /Contents %d 0 R >>", pageW, pageH, fontRes.String(), xobj, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", n))
	}
	offsets[pagesAt] = out.Len()
	fmt.Fprintf(&out, "2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", strings.Join(kids, " "), len(pages))

	var id strings.Builder
	add := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&id, "/%s %s ", k, infoString(v))
		}
	}
	add("Title", info.Title)
	add("Author", info.Author)
	add("Subject", info.Subject)
	add("Creator", info.Creator)
	add("Producer", info.Producer)
	add("CreationDate", info.Created)
	infoN := obj("<< " + id.String() + ">>")

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, infoN, xref)
	return out.Bytes()
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// infoString writes a document information string: ASCII as a literal,
// anything else as UTF-16BE with a byte order mark, as the PDF spec allows.
func infoString(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 127 {
			ascii = false
		}
	}
	if ascii {
		return pdfString(s)
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}
