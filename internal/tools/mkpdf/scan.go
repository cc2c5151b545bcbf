package main

import (
	"image"
	"image/color"
	"strings"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Scanned pages: text set in the Go fonts on a 300 dpi grey raster, then
// degraded the way a flatbed scanner degrades a printed page (a slight
// skew, grey paper and ink, noise, dust) and quantised to 16 levels of
// grey so that the page compresses to a few tens of kilobytes. Every step
// after the glyph rasteriser is integer arithmetic on a fixed seed, so the
// bytes are the same on every run.

const (
	scanDPI = 300
	scanW   = 2480 // A4 at 300 dpi
	scanH   = 3508
)

// px converts points to pixels at scanDPI.
func px(pt float64) int { return int(pt*scanDPI/72 + 0.5) }

// sheet lays out text on one raster page, top to bottom.
type sheet struct {
	img           *image.Gray
	regular, bold *opentype.Font
	faces         map[[2]int]xfont.Face // by bold and size in tenths of a point
	y             int                   // baseline of the next line, pixels
	left, right   int                   // text block, pixels
}

func newSheet() *sheet {
	img := image.NewGray(image.Rect(0, 0, scanW, scanH))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err) // the embedded font: cannot happen
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return &sheet{img: img, regular: reg, bold: bold, faces: map[[2]int]xfont.Face{},
		y: px(90), left: px(72), right: scanW - px(72)}
}

func (s *sheet) face(bold bool, size float64) xfont.Face {
	k := [2]int{0, int(size * 10)}
	f := s.regular
	if bold {
		k[0], f = 1, s.bold
	}
	if fc, ok := s.faces[k]; ok {
		return fc
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: scanDPI, Hinting: xfont.HintingNone})
	if err != nil {
		panic(err)
	}
	s.faces[k] = fc
	return fc
}

func (s *sheet) draw(fc xfont.Face, x, y int, text string) {
	d := xfont.Drawer{Dst: s.img, Src: image.NewUniform(color.Gray{}), Face: fc, Dot: fixed.P(x, y)}
	d.DrawString(text)
}

func width(fc xfont.Face, text string) int { return xfont.MeasureString(fc, text).Round() }

// para sets a paragraph ragged right, then leaves after points of space.
func (s *sheet) para(bold bool, size float64, text string, after float64) {
	fc := s.face(bold, size)
	lead := px(size * 1.3)
	line := ""
	flush := func() {
		s.y += lead
		s.draw(fc, s.left, s.y, line)
		line = ""
	}
	for _, w := range strings.Fields(text) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && width(fc, try) > s.right-s.left {
			flush()
			try = w
		}
		line = try
	}
	if line != "" {
		flush()
	}
	s.y += px(after)
}

func (s *sheet) heading(text string) { s.para(true, 11, text, 4) }
func (s *sheet) body(text string)    { s.para(false, 10.5, text, 7) }

// table sets rows of cells in columns whose widths are fractions of the
// text block; cells of right-aligned columns end at the column's edge.
func (s *sheet) table(widths []float64, right []bool, rows [][]string) {
	for i, row := range rows {
		fc := s.face(i == 0, 10)
		s.y += px(14)
		x := s.left
		for j, cell := range row {
			w := int(widths[j] * float64(s.right-s.left))
			at := x
			if right[j] {
				at = x + w - width(fc, cell) - px(6)
			}
			s.draw(fc, at, s.y, cell)
			x += w
		}
	}
	s.y += px(10)
}

// footer centres a line at the foot of the page.
func (s *sheet) footer(text string) {
	fc := s.face(false, 8)
	s.draw(fc, (scanW-width(fc, text))/2, scanH-px(36), text)
}

// scan degrades the page like a scanner and returns it as 4-bit grey.
// skew is the rotation in 1/65536 radians (positive turns the text
// clockwise), seed drives the noise and the dust.
func (s *sheet) scan(skew int64, seed uint32) *grayImage {
	src := s.img.Pix
	out := make([]byte, scanW*scanH)
	rnd := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	// cos of a small angle is 1 to within 1/65536 for |skew| < 362.
	const one = 1 << 16
	cx, cy := int64(scanW/2), int64(scanH/2)
	for y := range int64(scanH) {
		for x := range int64(scanW) {
			// Rotate back to the source, in 16.16 fixed point.
			dx, dy := x-cx, y-cy
			sx := cx*one + dx*one + dy*skew
			sy := cy*one + dy*one - dx*skew
			x0, y0 := sx>>16, sy>>16
			fx, fy := sx&(one-1), sy&(one-1)
			at := func(x, y int64) int64 {
				if x < 0 || y < 0 || x >= scanW || y >= scanH {
					return 0xff
				}
				return int64(src[y*scanW+x])
			}
			top := at(x0, y0)*(one-fx) + at(x0+1, y0)*fx
			bot := at(x0, y0+1)*(one-fx) + at(x0+1, y0+1)*fx
			v := (top>>16*(one-fy) + bot>>16*fy) >> 16
			// Grey paper, grey ink, a little noise (lost on the paper when
			// quantised, it roughens the edges of the glyphs) and pepper.
			v = 0x30 + v*(0xe5-0x30)/0xff
			n := rnd()
			v += int64(n%9) - 4
			if n>>4%4000 == 0 {
				v -= 0x50
			}
			out[y*scanW+x] = byte(min(max(v, 0), 0xff))
		}
	}
	// Dust: small dark specks.
	for range 60 {
		x, y, r := int(rnd()%scanW), int(rnd()%scanH), 1+int(rnd()%3)
		for yy := max(y-r, 0); yy <= min(y+r, scanH-1); yy++ {
			for xx := max(x-r, 0); xx <= min(x+r, scanW-1); xx++ {
				if (xx-x)*(xx-x)+(yy-y)*(yy-y) <= r*r {
					out[yy*scanW+xx] = 0x40
				}
			}
		}
	}
	return &grayImage{w: scanW, h: scanH, bpc: 4, pix: pack4(out, scanW, scanH)}
}

// pack4 quantises 8-bit grey to 4 bits, two pixels a byte, rows padded to
// whole bytes as PDF wants.
func pack4(pix []byte, w, h int) []byte {
	row := (w + 1) / 2
	out := make([]byte, row*h)
	for y := range h {
		for x := range w {
			q := pix[y*w+x] >> 4
			if x%2 == 0 {
				out[y*row+x/2] = q << 4
			} else {
				out[y*row+x/2] |= q
			}
		}
	}
	return out
}

// scannedPaper is a two-page board paper that was printed, signed and
// scanned: images only, no text layer.
func scannedPaper() []byte {
	p1 := newSheet()
	p1.para(true, 15, "Northfield Hospitals NHS Trust", 2)
	p1.para(false, 11, "Trust Board, 25 February 2009. Agenda item 6. Paper TB/09/021", 12)
	p1.para(true, 13, "Electronic patient record: contract variation", 8)
	p1.heading("1. Purpose")
	p1.body("This paper asks the Board to approve a variation to the local service provider contract for the Cerner Millennium electronic patient record. The variation adds the maternity and theatres modules and extends support to March 2013.")
	p1.heading("2. Background")
	p1.body("The Trust went live with Millennium in June 2008. The recovery plan agreed in November 2008 has cleared the backlog of unvalidated waiting list records, and reporting of referral to treatment times resumed in January 2009.")
	p1.body("BT Health London has offered the two modules for a fixed price of £7.2m over four years, of which £2.9m is capital. NHS Connecting for Health will fund £1.5m of the capital cost.")
	p1.heading("3. Costs")
	p1.table([]float64{0.4, 0.2, 0.2, 0.2}, []bool{false, true, true, true}, [][]string{
		{"Year", "Capital", "Revenue", "Total"},
		{"2009/10", "£1,900k", "£700k", "£2,600k"},
		{"2010/11", "£1,000k", "£1,100k", "£2,100k"},
		{"2011/12", "", "£1,250k", "£1,250k"},
		{"2012/13", "", "£1,250k", "£1,250k"},
	})
	p1.footer("Page 1 of 2")
	p2 := newSheet()
	p2.heading("4. Risks")
	p2.body("The main risk is the capacity of the clinical systems team during the maternity deployment, planned for October 2009. Two analysts will be seconded from the information department until the deployment is stable.")
	p2.heading("5. Recommendation")
	p2.body("The Board is asked to approve the contract variation with BT Health London at a cost of £7.2m and to delegate the signing of the variation to the Chief Executive.")
	p2.para(false, 10.5, "Signed: Helen Marsh, Director of Finance", 2)
	p2.para(false, 10.5, "18 February 2009", 0)
	p2.footer("Page 2 of 2")
	pages := []*page{scannedPage(p1.scan(420, 2009)), scannedPage(p2.scan(-300, 2010))}
	return writePDF(pages, nil, nil, docInfo{Producer: "Canon iR-ADV C5030 PDF", Created: "D:20090218154210Z"})
}

// mixedPack is a board pack put together from typed papers and one signed
// letter that was scanned in between them.
func mixedPack() []byte {
	b := newBook("Northfield Hospitals NHS Trust — Trust Board, 25 March 2009 — Public papers")
	b.newPage(1)
	b.para(b.bold, 16, "Northfield Hospitals NHS Trust", 4)
	b.para(b.bold, 13, "Trust Board meeting held in public, 25 March 2009", 12)
	b.heading("Agenda item 9: Information management and technology report")
	b.body("This report updates the Board on the electronic patient record programme. The maternity module of Cerner Millennium is on track for deployment in October 2009, and the theatres module for January 2010. The letter from NHS Connecting for Health confirming central funding is attached at page 2.")
	b.body("The Board is asked to note the report.")
	letter := newSheet()
	letter.para(true, 13, "NHS Connecting for Health", 2)
	letter.para(false, 10, "Princes Exchange, Princes Square, Leeds LS1 4HY", 20)
	letter.para(false, 10.5, "16 March 2009", 12)
	letter.para(false, 10.5, "Dear Chief Executive,", 6)
	letter.body("Funding for the Millennium maternity and theatres modules")
	letter.body("I am pleased to confirm that the programme board has approved central funding of £1.5m towards the capital cost of the maternity and theatres modules at Northfield Hospitals NHS Trust, to be paid in two instalments in 2009/10 and 2010/11.")
	letter.body("The funding is conditional on the benefits realisation plan being agreed with the strategic health authority by 30 June 2009.")
	letter.para(false, 10.5, "Yours sincerely,", 30)
	letter.para(false, 10.5, "Dr Ravi Menon, Programme Director", 0)
	b.newPage(1)
	b.heading("Agenda item 10: Finance report, month 11")
	b.body("The Trust reports a surplus of £1.1m to the end of February 2009, in line with plan. Capital expenditure on the electronic patient record was £3.4m against a plan of £3.6m.")
	pages := b.finish()
	pages = append(pages[:1], append([]*page{scannedPage(letter.scan(250, 1603))}, pages[1:]...)...)
	return writePDF(pages, []*font{b.regular, b.bold}, nil, docInfo{
		Title:    "Trust Board 25 March 2009 - public papers",
		Subject:  "Synthetic test fixture generated by trawl mkpdf; the content is fictional",
		Producer: "Adobe Acrobat 8.0 Combine Files",
		Created:  "D:20090319120000Z",
	})
}

// scannedPage is a page that is nothing but the image, edge to edge.
func scannedPage(img *grayImage) *page {
	p := &page{img: img}
	p.image(0, 0, pageW, pageH)
	return p
}
