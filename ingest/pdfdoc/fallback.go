package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"

	"github.com/nhs-trawl/trawl/ingest/format"
)

// The pure-Go fallback, used when pdftotext is not installed. It places the
// glyphs of each page on a grid of character cells, as pdftotext -layout
// does, and hands that text to the same parser.

type goResult struct {
	pages []string
	m     meta
	err   error
}

// readGo reads the PDF with github.com/ledongthuc/pdf into the layout text
// of each page. The parser can panic
// and has no cancellation of its own: it runs in a goroutine that recovers,
// and Read stops waiting when ctx ends.
func readGo(ctx context.Context, in format.Input) ([]string, meta, error) {
	done := make(chan goResult, 1)
	go func() {
		var res goResult
		defer func() {
			if p := recover(); p != nil {
				res = goResult{err: format.Reject(format.ErrCorrupt, "the PDF parser failed: %v", p)}
			}
			done <- res
		}()
		text, m, err := goLayout(ctx, in)
		if err != nil {
			res.err = err
			return
		}
		res = goResult{pages: splitPages(text, m.Pages), m: m}
	}()
	select {
	case res := <-done:
		return res.pages, res.m, res.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && in.Limits.Timeout > 0 {
			return nil, meta{}, format.Reject(format.ErrTimeout, "the PDF parser ran over %s", in.Limits.Timeout)
		}
		return nil, meta{}, ctx.Err()
	}
}

// goLayout returns layout text of the PDF's pages, separated by form feeds.
func goLayout(ctx context.Context, in format.Input) (string, meta, error) {
	r, err := pdf.NewReader(bytes.NewReader(in.Data), int64(len(in.Data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(in.Data, []byte("/Encrypt")) {
			return "", meta{}, format.Reject(format.ErrEncrypted, "a password is needed to open it (%v)", err)
		}
		return "", meta{}, format.Reject(format.ErrCorrupt, "%v", err)
	}
	var m meta
	info := r.Trailer().Key("Info")
	m.Title = info.Key("Title").Text()
	m.Author = info.Key("Author").Text()
	m.Created = info.Key("CreationDate").Text()
	m.Pages = r.NumPage()
	if m.Pages <= 0 {
		return "", m, format.Reject(format.ErrCorrupt, "no pages")
	}
	if in.Limits.MaxPages > 0 && m.Pages > in.Limits.MaxPages {
		return "", m, format.Reject(format.ErrTooLarge, "%d pages, limit %d", m.Pages, in.Limits.MaxPages)
	}
	var b strings.Builder
	failed := 0
	var firstErr any
	for i := 1; i <= m.Pages; i++ {
		if err := ctx.Err(); err != nil {
			return "", m, err
		}
		text, perr := pageLayout(r, i)
		if perr != nil {
			failed++
			if firstErr == nil {
				firstErr = perr
			}
		}
		b.WriteString(text)
		b.WriteByte('\f')
		if in.Limits.MaxTextBytes > 0 && int64(b.Len()) > in.Limits.MaxTextBytes*4 {
			break
		}
	}
	if failed == m.Pages {
		return "", m, format.Reject(format.ErrCorrupt, "no page could be read: %v", firstErr)
	}
	return b.String(), m, nil
}

// pageLayout lays out one page, recovering from the parser's panics.
func pageLayout(r *pdf.Reader, n int) (text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("page %d: %v", n, p)
		}
	}()
	p := r.Page(n)
	if p.V.IsNull() {
		return "", nil
	}
	return gridText(p.Content().Text), nil
}

type glyph struct {
	x, y, w, size float64
	s             string
}

// gridText places glyphs on a grid of character cells: lines by baseline,
// columns by x at half the common font size, a blank line where the gap
// between lines is wide.
func gridText(texts []pdf.Text) string {
	var gs []glyph
	for _, t := range texts {
		if t.S == "" || !finite(t.X) || !finite(t.Y) {
			continue
		}
		r := []rune(t.S)[0]
		if unicode.IsControl(r) {
			continue
		}
		size := math.Abs(t.FontSize)
		if !finite(size) || size < 1 || size > 500 {
			size = 10
		}
		w := t.W
		if !finite(w) || w <= 0 || w > 10*size {
			w = size / 2
		}
		gs = append(gs, glyph{x: t.X, y: t.Y, w: w, size: size, s: t.S})
	}
	if len(gs) == 0 {
		return ""
	}
	sizes := make([]float64, len(gs))
	for i, g := range gs {
		sizes[i] = g.size
	}
	slices.Sort(sizes)
	// Cells a little narrower than an average glyph, so that text falls
	// behind its place on the page rather than running into the next column.
	return layoutGlyphs(gs, sizes[len(sizes)/2]*0.45, 0.5)
}

// layoutGlyphs places glyphs (single characters, or whole words from OCR)
// on a grid of cells of the given width in points. Lines further apart
// than the usual spacing get a blank line between them: the usual spacing
// is the gap between lines at quantile q of all gaps (0.5, the median,
// when most lines are inside paragraphs).
func layoutGlyphs(gs []glyph, cell, q float64) string {

	// Lines: glyphs whose baselines are within a third of their size.
	type line struct {
		y, size float64
		gs      []glyph
	}
	var lines []*line
	byKey := map[int][]*line{}
	for _, g := range gs {
		k := int(math.Floor(g.y / 4))
		var hit *line
		for _, kk := range []int{k, k - 1, k + 1} {
			for _, l := range byKey[kk] {
				if math.Abs(l.y-g.y) <= g.size/3 {
					hit = l
					break
				}
			}
			if hit != nil {
				break
			}
		}
		if hit == nil {
			hit = &line{y: g.y, size: g.size}
			lines = append(lines, hit)
			byKey[k] = append(byKey[k], hit)
		}
		hit.gs = append(hit.gs, g)
		hit.size = max(hit.size, g.size)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })

	minX := math.Inf(1)
	for _, g := range gs {
		minX = min(minX, g.x)
	}
	// A blank line where lines are further apart than usual on the page.
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		gaps = append(gaps, lines[i-1].y-lines[i].y)
	}
	usual := 0.0
	if len(gaps) > 0 {
		slices.Sort(gaps)
		usual = gaps[min(int(float64(len(gaps))*q), len(gaps)-1)]
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			gap := lines[i-1].y - l.y
			if gap > 1.4*usual && gap > l.size {
				b.WriteByte('\n')
			}
			b.WriteByte('\n')
		}
		sort.SliceStable(l.gs, func(a, c int) bool { return l.gs[a].x < l.gs[c].x })
		var row []rune
		end := math.Inf(-1) // x where the last glyph ended
		space := false      // a space glyph since the last letter
		for _, g := range l.gs {
			if strings.TrimSpace(g.s) == "" {
				space = true
				continue
			}
			if len(row) == 0 {
				for n := int(math.Round((g.x - minX) / cell)); len(row) < min(n, 4000); {
					row = append(row, ' ')
				}
			} else if gap := g.x - end; gap > g.size*0.8 {
				// A gap wider than a word space: a table cell or a column.
				n := min(int(math.Round((g.x-minX)/cell)), 4000)
				row = append(row, ' ')
				for len(row) < n {
					row = append(row, ' ')
				}
			} else if space || gap > g.size*0.15 {
				row = append(row, ' ') // a word space
			}
			space = false
			row = append(row, []rune(g.s)...)
			end = g.x + g.w
		}
		b.WriteString(string(row))
	}
	return b.String()
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
