package pdfdoc

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reading pdftotext -layout output (or the same grid of text rebuilt by the
// Go fallback): pages split on form feeds, running headers and footers
// dropped, side-by-side columns split at their gutter and read one after the
// other, tables kept as rows of cells, and paragraphs rebuilt from lines.

// block is one paragraph of a page, or a table when pre is set.
type block struct {
	text string
	pre  bool
}

const (
	maxColumnDepth = 2 // columns within columns: up to four flows across
	minGutter      = 2 // blank character cells between two columns
	minColumnLines = 3 // lines each side needs before a split is a column
	// Pages wider or longer than these are not laid-out text (a landscape
	// A3 page is under 300 characters across and 150 lines down): they are
	// read as one column, which also bounds the work on hostile input.
	maxLayoutWidth = 600
	maxLayoutLines = 500
)

// parseLayout reads layout text into pages of blocks. pages is the page
// count when known (the Go parser's), 0 when not: it decides whether a
// final empty piece after the last form feed is a page.
func parseLayout(out string, pages int) [][]block {
	return parsePages(splitPages(out, pages))
}

// splitPages splits layout text on form feeds into the text of each page.
func splitPages(out string, pages int) []string {
	out = strings.ToValidUTF8(out, "\uFFFD")
	raw := strings.Split(out, "\f")
	if len(raw) > 1 && strings.TrimSpace(raw[len(raw)-1]) == "" && (pages == 0 || len(raw) > pages) {
		raw = raw[:len(raw)-1]
	}
	return raw
}

// parsePages reads the layout text of each page into blocks.
func parsePages(raw []string) [][]block {
	lines := make([][]string, len(raw))
	for i, p := range raw {
		lines[i] = strings.Split(strings.ReplaceAll(expandTabs(p), "\r", ""), "\n")
	}
	dropRunning(lines)
	res := make([][]block, len(lines))
	for i, ls := range lines {
		for _, flow := range columnize(ls, 0) {
			res[i] = append(res[i], paragraphs(flow)...)
		}
		res[i] = mergeContinued(res[i])
	}
	return res
}

// mergeContinued joins a paragraph to the one before it when that one stops
// mid-sentence and this one starts in lower case: a paragraph cut by a
// column break or by a blank row the layout put between its lines.
func mergeContinued(bs []block) []block {
	out := bs[:0]
	for _, b := range bs {
		if n := len(out); n > 0 && !b.pre && !out[n-1].pre {
			prev := strings.TrimSpace(out[n-1].text)
			first, _ := utf8.DecodeRuneInString(b.text)
			if prev != "" && !strings.ContainsAny(prev[len(prev)-1:], ".!?:;") && unicode.IsLower(first) {
				out[n-1].text = joinLines([]string{prev, b.text})
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	return strings.ReplaceAll(s, "\t", "    ")
}

var (
	rePageNumber = regexp.MustCompile(`(?i)^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$`)
	reDigits     = regexp.MustCompile(`\d+`)
)

// dropRunning blanks page numbers and running headers and footers: lines
// among the first or last two of a page that are a page number, or that
// recur (digits aside) on at least half the pages and on three or more.
func dropRunning(pages [][]string) {
	edges := func(ls []string) []int {
		var idx []int
		for i := 0; i < len(ls) && len(idx) < 2; i++ {
			if strings.TrimSpace(ls[i]) != "" {
				idx = append(idx, i)
			}
		}
		n := 0
		for i := len(ls) - 1; i >= 0 && n < 2; i-- {
			if strings.TrimSpace(ls[i]) != "" {
				if !slices.Contains(idx, i) {
					idx = append(idx, i)
				}
				n++
			}
		}
		return idx
	}
	key := func(s string) string {
		return reDigits.ReplaceAllString(strings.Join(strings.Fields(s), " "), "#")
	}
	count := map[string]int{}
	for _, ls := range pages {
		seen := map[string]bool{}
		for _, i := range edges(ls) {
			k := key(ls[i])
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(3, (len(pages)+1)/2)
	for _, ls := range pages {
		for _, i := range edges(ls) {
			if rePageNumber.MatchString(ls[i]) || count[key(ls[i])] >= need {
				ls[i] = ""
			}
		}
	}
}

// columnize splits a page (or a column) into flows in reading order: where
// lines run side by side with a blank gutter between them, the left column's
// lines come before the right column's.
func columnize(lines []string, depth int) [][]string {
	rs := make([][]rune, len(lines))
	w := 0
	for i, l := range lines {
		rs[i] = []rune(strings.TrimRightFunc(l, unicode.IsSpace))
		w = max(w, len(rs[i]))
	}
	if depth >= maxColumnDepth || w < 24 || w > maxLayoutWidth || len(lines) > maxLayoutLines {
		return [][]string{lines}
	}
	var out [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for i := 0; i < len(rs); {
		if len(rs[i]) == 0 {
			cur = append(cur, "")
			i++
			continue
		}
		if lo, hi, end, ok := findColumns(rs, i, w); ok {
			flush()
			left := make([]string, 0, end-i)
			right := make([]string, 0, end-i)
			// A row blank on one side only is the other column's line
			// falling between two of this column's: not a paragraph gap.
			for _, r := range rs[i:end] {
				l := string(r[:min(lo, len(r))])
				var rt string
				if len(r) > hi {
					rt = string(r[hi:])
				}
				lb, rb := strings.TrimSpace(l) == "", strings.TrimSpace(rt) == ""
				if !lb || rb {
					left = append(left, l)
				}
				if !rb || lb {
					right = append(right, rt)
				}
			}
			out = append(out, columnize(left, depth+1)...)
			out = append(out, columnize(right, depth+1)...)
			i = end
			continue
		}
		cur = append(cur, string(rs[i]))
		i++
	}
	flush()
	return out
}

// findColumns looks for a run of lines from start that share a blank gutter
// in the middle of the width w, with text on both sides, and that is not a
// table. It returns the gutter [lo, hi) and the end of the run.
func findColumns(rs [][]rune, start, w int) (lo, hi, end int, ok bool) {
	zlo, zhi := w/5, w-w/5
	mask := make([]bool, w)
	for c := zlo; c < zhi; c++ {
		mask[c] = true
	}
	next := make([]bool, w)
	end = start
	for j := start; j < len(rs); j++ {
		if cellGaps(string(rs[j])) >= 2 {
			break // a table row of three or more cells
		}
		copy(next, mask)
		for c, r := range rs[j] {
			if c < w && !unicode.IsSpace(r) {
				next[c] = false
			}
		}
		if _, _, found := widestRun(next); !found {
			break
		}
		mask, next = next, mask
		end = j + 1
	}
	for end > start && len(rs[end-1]) == 0 {
		end--
	}
	lo, hi, found := widestRun(mask)
	if !found || end-start < minColumnLines {
		return 0, 0, 0, false
	}
	// Each side needs text on enough lines, and prose, not cells.
	var left, right, both, cells, longLeft int
	for _, r := range rs[start:end] {
		l := strings.TrimSpace(string(r[:min(lo, len(r))]))
		var rt string
		if len(r) > hi {
			rt = strings.TrimSpace(string(r[hi:]))
		}
		if l != "" {
			left++
			if utf8.RuneCountInString(strings.TrimRightFunc(string(r[:min(lo, len(r))]), unicode.IsSpace)) >= lo*3/5 {
				longLeft++
			}
		}
		if rt != "" {
			right++
		}
		if l != "" && rt != "" {
			both++
			if hasCellGap(l) || hasCellGap(rt) {
				cells++
			}
		}
	}
	if left < minColumnLines || right < minColumnLines {
		return 0, 0, 0, false
	}
	if both > 0 && cells*3 > both {
		return 0, 0, 0, false // a table: keep its rows whole
	}
	if longLeft*2 < left {
		return 0, 0, 0, false // a narrow label column, not running text
	}
	return lo, hi, end, true
}

// widestRun finds the widest run of true cells of at least minGutter.
func widestRun(mask []bool) (lo, hi int, ok bool) {
	best := 0
	for c := 0; c < len(mask); {
		if !mask[c] {
			c++
			continue
		}
		e := c
		for e < len(mask) && mask[e] {
			e++
		}
		if e-c >= minGutter && e-c > best {
			best, lo, hi = e-c, c, e
		}
		c = e
	}
	return lo, hi, best > 0
}

var reCellGap = regexp.MustCompile(`\S {3,}\S`)

// cellGaps counts the gaps of three or more spaces between words.
func cellGaps(s string) int {
	return len(reCellGap.FindAllStringIndex(strings.TrimSpace(s), -1))
}

// hasCellGap reports whether a trimmed line has a gap of three or more
// spaces between words: table cells in layout text.
func hasCellGap(s string) bool { return reCellGap.MatchString(s) }

var (
	reBullet     = regexp.MustCompile(`^(?:[•·▪●◦■□➢✓\-–*]|o\s|\(?[a-zA-Z0-9]{1,3}[.)]\s)\s*`)
	reHyphenEnd  = regexp.MustCompile(`(\p{Ll}{2,})-$`)
	reLowerStart = regexp.MustCompile(`^(\p{Ll}+)`)
	// Prefixes that make real compounds across a line end.
	compoundPrefix = map[string]bool{"self": true, "well": true, "co": true, "non": true, "post": true,
		"pre": true, "multi": true, "cross": true, "long": true, "short": true, "full": true, "part": true,
		"high": true, "low": true, "re": true, "anti": true, "sub": true, "inter": true, "intra": true,
		"ex": true, "mid": true, "semi": true, "year": true, "day": true, "go": true, "follow": true,
		"built": true, "fit": true, "up": true, "one": true, "two": true, "three": true, "real": true, "time": true,
		"near": true, "front": true, "back": true, "end": true, "state": true, "best": true, "world": true}
)

// paragraphs rebuilds the paragraphs and tables of one flow of lines.
func paragraphs(lines []string) []block {
	// The right edge of a full line: longer lines than most in the flow.
	var ends []int
	for _, l := range lines {
		t := strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(t) != "" && !hasCellGap(strings.TrimSpace(t)) {
			ends = append(ends, utf8.RuneCountInString(t))
		}
	}
	full := 0
	if len(ends) > 0 {
		slices.Sort(ends)
		full = ends[len(ends)*9/10]
	}

	var out []block
	var para []string
	prevEnd := 0
	flushPara := func() {
		if len(para) > 0 {
			out = append(out, block{text: joinLines(para)})
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimRightFunc(lines[i], unicode.IsSpace)
		s := strings.TrimSpace(raw)
		if s == "" {
			flushPara()
			continue
		}
		if hasCellGap(s) {
			flushPara()
			j := i + 1
			for j < len(lines) {
				t := strings.TrimSpace(lines[j])
				if t == "" {
					break
				}
				// A wrapped cell: an indented line between table rows.
				indented := len(lines[j])-len(strings.TrimLeft(lines[j], " ")) >= 4
				if !hasCellGap(t) && !(indented && j+1 < len(lines) && hasCellGap(strings.TrimSpace(lines[j+1]))) && !(indented && j+1 == len(lines)) {
					break
				}
				j++
			}
			out = append(out, block{text: tableText(lines[i:j]), pre: true})
			i = j - 1
			continue
		}
		end := utf8.RuneCountInString(raw)
		if len(para) > 0 {
			prev := para[len(para)-1]
			short := full > 0 && prevEnd < full*3/4
			first, _ := utf8.DecodeRuneInString(s)
			startsNew := unicode.IsUpper(first) || unicode.IsDigit(first) || first == '“' || first == '"'
			endsSentence := strings.ContainsAny(prev[len(prev)-1:], ".:!?;")
			// A short line after a finished sentence, itself unfinished, is
			// a heading: "TB08/101 Apologies".
			heading := startsNew && endsSentence && full > 0 && end < full*3/5 && !strings.ContainsAny(s[len(s)-1:], ".:!?;,")
			// After a short unfinished line, a capital starts a new block:
			// the short line was a heading.
			afterHeading := full > 0 && prevEnd < full*3/5 && startsNew && !strings.ContainsAny(prev[len(prev)-1:], ",-")
			if reBullet.MatchString(s) || heading || (short && endsSentence) || afterHeading {
				flushPara()
			}
		}
		para = append(para, s)
		prevEnd = end
	}
	flushPara()
	return out
}

// joinLines joins the lines of a paragraph, undoing a hyphen at a line end
// when the word was only broken to fit: a lower-case part on each side and
// no prefix that forms real compounds ("self-", "co-", "well-").
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			m := reHyphenEnd.FindStringSubmatch(prev)
			n := reLowerStart.FindStringSubmatch(l)
			if m != nil && n != nil && !compoundPrefix[lastWord(m[1])] {
				s := b.String()
				b.Reset()
				b.WriteString(s[:len(s)-1]) // drop the hyphen
				b.WriteString(l)
				continue
			}
			if !strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, " -") {
				b.WriteByte(' ') // a hyphen at a line end joins its word
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func lastWord(s string) string {
	if i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return strings.ToLower(s[i+1:])
	}
	return strings.ToLower(s)
}

// tableText turns layout lines of a table into rows of cells joined by
// " | ". Cells are cut at character columns blank on every line; a line
// whose first cell is empty continues the row above (a wrapped cell).
func tableText(lines []string) string {
	rs := make([][]rune, len(lines))
	w := 0
	for i, l := range lines {
		rs[i] = []rune(strings.TrimRightFunc(l, unicode.IsSpace))
		w = max(w, len(rs[i]))
	}
	blank := make([]bool, w)
	for c := range blank {
		blank[c] = true
	}
	for _, r := range rs {
		for c, x := range r {
			if !unicode.IsSpace(x) {
				blank[c] = false
			}
		}
	}
	// Cell boundaries: runs of at least two blank columns after the first text.
	type span struct{ lo, hi int }
	var cols []span
	c := 0
	for c < w && blank[c] {
		c++
	}
	for c < w {
		lo := c
		for c < w {
			if blank[c] {
				e := c
				for e < w && blank[e] {
					e++
				}
				if e-c >= 2 || e == w {
					break
				}
				c = e
				continue
			}
			c++
		}
		cols = append(cols, span{lo, c})
		for c < w && blank[c] {
			c++
		}
	}
	var rows [][]string
	for _, r := range rs {
		cells := make([]string, len(cols))
		empty := true
		for k, sp := range cols {
			if sp.lo < len(r) {
				cells[k] = strings.TrimSpace(string(r[sp.lo:min(sp.hi, len(r))]))
			}
			if cells[k] != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if len(rows) > 0 && len(cols) > 1 && cells[0] == "" {
			prev := rows[len(rows)-1]
			for k, v := range cells {
				if v != "" {
					prev[k] = strings.TrimSpace(joinLines([]string{prev[k], v}))
				}
			}
			continue
		}
		rows = append(rows, cells)
	}
	var b strings.Builder
	for i, row := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		for len(row) > 1 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		b.WriteString(strings.Join(row, " | "))
	}
	return b.String()
}
