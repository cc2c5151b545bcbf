package main

import (
	"strings"
	"unicode"
)

// A tiny layout engine: paragraphs flow down one or two columns and on to
// new pages; tables and full-width headings sit across the text block.

const (
	marginX   = 56.0
	marginTop = 70.0 // below the running header
	marginBot = 60.0 // above the footer
	gutter    = 24.0
)

type book struct {
	regular, bold *font
	pages         []*page
	header        string // running header on every page but the first
	footer        func(n, total int) string

	cur    *page
	cols   int
	col    int
	y      float64
	colTop float64 // where the columns of this page start
	lowest float64 // lowest y written since the columns started
	queue  []pending
}

func newBook(header string) *book {
	r, b := newFonts()
	return &book{regular: r, bold: b, header: header, cols: 1,
		footer: func(n, total int) string { return "Page " + itoa(n) + " of " + itoa(total) }}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// newPage starts a page with cols columns.
func (b *book) newPage(cols int) {
	if b.cur != nil && len(b.queue) > 0 && b.cols > 1 {
		b.flush()
	}
	b.cur = &page{}
	b.pages = append(b.pages, b.cur)
	b.cols, b.col = cols, 0
	b.y = pageH - marginTop
	b.colTop = b.y
	b.lowest = b.y
}

// setColumns switches to cols columns below what is on the page already.
func (b *book) setColumns(cols int) {
	b.flush()
	b.cols, b.col = cols, 0
	b.colTop = b.y
	b.lowest = b.y
}

func (b *book) colWidth() float64 {
	full := pageW - 2*marginX
	if b.cols == 1 {
		return full
	}
	return (full - gutter*float64(b.cols-1)) / float64(b.cols)
}

func (b *book) colX() float64 {
	return marginX + float64(b.col)*(b.colWidth()+gutter)
}

// need makes room for h points, moving to the next column or page.
func (b *book) need(h float64) {
	if b.y-h >= marginBot {
		return
	}
	if b.col+1 < b.cols {
		b.track()
		b.col++
		b.y = b.colTop
		return
	}
	b.newPage(b.cols)
}

// lowest is the lowest y written in the current column set.
func (b *book) track() {
	if b.y < b.lowest {
		b.lowest = b.y
	}
}

// A line waiting to be placed: in two-column sections lines are queued and
// balanced across the columns when the section ends.
type pending struct {
	f      *font
	size   float64
	indent float64
	text   string
	lead   float64 // space above the baseline
	after  float64 // extra space after the line
}

// emit places one line, or queues it in a multi-column section.
func (b *book) emit(l pending) {
	if b.cols > 1 {
		b.queue = append(b.queue, l)
		return
	}
	b.need(l.lead)
	b.y -= l.lead
	b.cur.text(l.f, l.size, b.colX()+l.indent, b.y, l.text)
	b.y -= l.after
	b.track()
}

// flush balances queued lines across the columns, page after page.
func (b *book) flush() {
	q := b.queue
	b.queue = nil
	for len(q) > 0 {
		avail := b.y - marginBot
		total := 0.0
		for _, l := range q {
			total += l.lead + l.after
		}
		per := avail
		if total <= avail*float64(b.cols) {
			per = total/float64(b.cols) + 1
		}
		top := b.y
		for c := 0; c < b.cols && len(q) > 0; c++ {
			b.col = c
			b.y = top
			used, glued := 0.0, false
			for len(q) > 0 {
				l := q[0]
				last := c == b.cols-1 && total <= avail*float64(b.cols)
				if used > 0 && !glued && ((!last && used+l.lead > per) || b.y-l.lead < marginBot) {
					break
				}
				glued = l.after < 0 // a bullet stays with its text
				b.y -= l.lead
				b.cur.text(l.f, l.size, b.colX()+l.indent, b.y, l.text)
				b.y -= l.after
				used += l.lead + l.after
				b.track()
				q = q[1:]
			}
		}
		if len(q) > 0 {
			b.newPage(b.cols)
		}
	}
	b.col = 0
	b.y = b.lowest
}

// para writes a wrapped paragraph.
func (b *book) para(f *font, size float64, text string, after float64) {
	lines := wrap(f, size, text, b.colWidth())
	for i, line := range lines {
		l := pending{f: f, size: size, text: line, lead: size * 1.25}
		if i == len(lines)-1 {
			l.after = after
		}
		b.emit(l)
	}
}

// bullet writes an indented item with a bullet.
func (b *book) bullet(text string) {
	const size, indent = 9.5, 12.0
	lines := wrap(b.regular, size, text, b.colWidth()-indent)
	for i, line := range lines {
		l := pending{f: b.regular, size: size, indent: indent, text: line, lead: size * 1.25}
		if i == 0 {
			l.text = "•"
			l.indent = 2
			l.lead, l.after = size*1.25, -size*1.25
			b.emit(l)
			l = pending{f: b.regular, size: size, indent: indent, text: line, lead: size * 1.25}
		}
		if i == len(lines)-1 {
			l.after = 3
		}
		b.emit(l)
	}
}

func (b *book) body(text string)    { b.para(b.regular, 9.5, text, 6) }
func (b *book) heading(text string) { b.para(b.bold, 10.5, text, 3) }

// table writes rows across the full text block; widths are fractions of it
// and right[i] right-aligns column i. The first row is the header, in bold.
func (b *book) table(widths []float64, right []bool, rows [][]string) {
	b.setColumns(1)
	const size = 8.5
	lead := size * 1.3
	full := pageW - 2*marginX
	for r, row := range rows {
		f := b.regular
		if r == 0 {
			f = b.bold
		}
		cells := make([][]string, len(row))
		n := 1
		for i, c := range row {
			cells[i] = wrap(f, size, c, widths[i]*full-6)
			if len(cells[i]) > n {
				n = len(cells[i])
			}
		}
		if b.y-lead*float64(n)-4 < marginBot {
			b.newPage(1)
		}
		top := b.y
		for l := 0; l < n; l++ {
			b.y -= lead
			x := marginX
			for i := range row {
				if l < len(cells[i]) {
					s := cells[i][l]
					if right[i] {
						b.cur.text(f, size, x+widths[i]*full-6-f.width(s, size), b.y, s)
					} else {
						b.cur.text(f, size, x, b.y, s)
					}
				}
				x += widths[i] * full
			}
		}
		b.y -= 4
		if r == 0 {
			b.cur.rule(marginX, top+2, marginX+full, top+2, 0.8)
			b.cur.rule(marginX, b.y+1, marginX+full, b.y+1, 0.5)
		}
	}
	b.cur.rule(marginX, b.y+1, marginX+full, b.y+1, 0.8)
	b.y -= 10
	b.lowest = b.y
}

// finish adds running headers and footers and returns the pages.
func (b *book) finish() []*page {
	b.flush()
	for i, p := range b.pages {
		if i > 0 && b.header != "" {
			p.text(b.regular, 8, marginX, pageH-40, b.header)
			p.rule(marginX, pageH-45, pageW-marginX, pageH-45, 0.4)
		}
		s := b.footer(i+1, len(b.pages))
		p.text(b.regular, 8, (pageW-b.regular.width(s, 8))/2, 32, s)
	}
	return b.pages
}

// wrap breaks text into lines no wider than width, hyphenating a long
// lower-case word when that fills a line much better.
func wrap(f *font, size float64, text string, width float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if f.width(try, size) <= width {
			line = try
			continue
		}
		if line != "" && len(w) >= 10 && isLowerWord(w) {
			for k := len(w) - 4; k >= 4; k-- {
				head := line + " " + w[:k] + "-"
				if f.width(head, size) <= width {
					lines = append(lines, head)
					line, w = "", w[k:]
					break
				}
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}
