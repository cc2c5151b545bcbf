package gen

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
)

func titleCase(role string) string {
	words := strings.Fields(role)
	for i, w := range words {
		if i > 0 && (w == "of" || w == "and" || w == "for" || w == "the") {
			continue
		}
		if w[0] >= 'a' && w[0] <= 'z' {
			words[i] = string(w[0]-'a'+'A') + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// boardPaper writes a board paper of about 600 words: a cover sheet, maybe
// the meeting's agenda, numbered sections, a finance table, risks and the
// recommendation.
func (s *story) boardPaper(d *document) {
	r := s.r
	s.board = true
	d.kind = corpus.KindBoardPaper
	d.pub, d.precision = s.pub, corpus.PrecisionDay
	s.trust.full = true
	d.org = s.trust.name
	s.addEntity(Entity{Type: "trust", Norm: s.trust.name, ID: s.trust.info.code, Text: s.trust.name})

	s.cur = sentence{}
	d.title = s.expand(pick(r, paperTitles))

	t := s.pubT
	date := dayTextYear(t)
	form := pick(r, meetingForms)
	form = strings.Replace(form, "{weekday}", t.Weekday().String(), 1)
	d.meeting = strings.Replace(form, "{date}", date, 1)
	s.addEntity(Entity{Type: "date", Norm: dayNorm(t), Text: date})

	item := strconv.Itoa(5+r.IntN(9)) + "." + strconv.Itoa(1+r.IntN(4))
	presenter := s.newPerson(pick(r, trustRoles), s.trust.name)
	s.personEntity(presenter)
	author := s.newPerson(pick(r, trustRoles), s.trust.name)
	s.personEntity(author)
	d.authorP = author.name
	d.fields = [][2]string{
		{"Agenda item", item},
		{"Paper ref", "TB" + twoDigits(t.Year()%100) + "/" + strconv.Itoa(100+r.IntN(200))},
		{"Report to", pick(r, []string{"Trust Board", "Board of Directors", "Trust Board (Part 1)"})},
		{"Presented by", presenter.name + ", " + titleCase(presenter.role)},
		{"Author", author.name + ", " + titleCase(author.role)},
		{"Purpose", pick(r, purposes)},
	}

	head := func(n int, text string) {
		d.blocks = append(d.blocks, block{kind: headBlock, level: 1, text: strconv.Itoa(n) + ". " + text})
	}
	para := func(parts ...string) {
		d.blocks = append(d.blocks, block{kind: paraBlock, text: strings.Join(parts, " ")})
	}

	if r.IntN(3) == 0 {
		d.blocks = append(d.blocks, block{kind: headBlock, level: 1, text: "Agenda"})
		var items []string
		n := 0
		for _, it := range standingItems[:4] {
			n++
			items = append(items, strconv.Itoa(n)+". "+it)
		}
		for k := 2 + r.IntN(4); k > 0; k-- {
			n++
			items = append(items, strconv.Itoa(n)+". "+pick(r, standingItems[4:]))
		}
		n++
		items = append(items, strconv.Itoa(n)+". "+d.title)
		d.blocks = append(d.blocks, block{kind: listBlock, items: items})
	}

	head(1, "Purpose")
	s.cur = sentence{}
	para(s.expand("This paper updates the Board of {T} on the {S} programme and sets out the position on timetable, cost and risk."),
		s.expand("The Board is asked to "+pick(r, recommendations)+"."))
	head(2, "Background")
	para(s.event(s.eventOf("contract")), s.plain(s.filler()))
	para(s.event(s.eventOf("")), s.plain(s.fresh(backgrounds)))
	head(3, "Progress since the last report")
	kind := eventKinds[r.IntN(len(eventKinds))]
	para(s.event(s.eventOf(kind)), s.plain(s.filler()), s.plain(s.filler()))
	para(s.event(s.eventOf("")), s.plain(s.filler()))
	if r.IntN(2) == 0 {
		para(s.quote())
	}
	head(4, "Financial position")
	para(s.event(s.eventOf("cost")), s.plain(s.filler()))
	d.blocks = append(d.blocks, s.financeTable())
	para(s.event(s.eventOf("cost")))
	head(5, "Risks and issues")
	var risks []string
	for k := 3 + r.IntN(3); k > 0; k-- {
		s.cur = sentence{}
		risks = append(risks, s.expand(pick(r, []string{
			"Risk that {problem} delays the next phase.", "{Staff} may not be released for training in time.",
			"Dependence on {V} for fixes to {module}.", "Funding for {FY} is not yet confirmed.",
			"Data quality in {dept} after migration.", "Capacity of the informatics team to support {dept}.",
			"Interfaces with {module} are not yet stable.", "Clinical engagement in {dept} is uneven.",
		})))
	}
	d.blocks = append(d.blocks, block{kind: listBlock, items: risks})
	para(s.plain(s.filler()), s.plain(s.filler()))
	head(6, "Next steps")
	para(s.event(s.eventOf("go-live")), s.plain(s.filler()))
	for d.words() < 520+r.IntN(180) {
		para(s.event(s.eventOf("")), s.plain(s.filler()), s.plain(s.filler()))
	}
	head(7, "Recommendation")
	para("The Board is asked to:")
	var recs []string
	for _, i := range r.Perm(len(recommendations))[:2+r.IntN(2)] {
		recs = append(recs, recommendations[i]+";")
	}
	recs[len(recs)-1] = strings.TrimSuffix(recs[len(recs)-1], ";") + "."
	d.blocks = append(d.blocks, block{kind: listBlock, items: recs})
}

// financeTable is the programme's budget against forecast for the year, in
// pounds or in thousands of pounds.
func (s *story) financeTable() block {
	r := s.r
	fy := fyOf(s.pubT)
	fyt := fyText(fy, true)
	s.addEntity(Entity{Type: "date", Norm: fyNorm(fy), Text: fyt})
	thousands := r.IntN(2) == 0
	unit := ""
	if thousands {
		unit = " £000"
	}
	rows := [][]string{{"Item", "Budget " + fyt + unit, "Forecast" + unit, "Variance" + unit}}
	var tb, tf int64
	cell := func(n int64) string {
		if thousands {
			return groupThousands(n / 1000)
		}
		if n == 0 {
			return "–"
		}
		m := moneyExpr{text: "£" + groupThousands(n), amount: n}
		s.addEntity(Entity{Type: "money", Norm: m.norm(), Text: m.text})
		return m.text
	}
	for _, i := range r.Perm(len(financeRows))[:4+r.IntN(3)] {
		b := int64(20+r.IntN(400)) * 5_000
		f := b + int64(r.IntN(41)-15)*5_000
		if f < 0 {
			f = 0
		}
		v := f - b
		if v < 0 {
			v = -v
		}
		tb, tf = tb+b, tf+f
		rows = append(rows, []string{financeRows[i], cell(b), cell(f), cell(v)})
	}
	v := tf - tb
	if v < 0 {
		v = -v
	}
	rows = append(rows, []string{"Total", cell(tb), cell(tf), cell(v)})
	return block{kind: tableBlock, rows: rows}
}

// writeText renders a document as plain text wrapped at 78 columns.
func writeText(d *document, b *bytes.Buffer) {
	b.WriteString(d.title + "\n")
	b.WriteString(strings.Repeat("=", utf8.RuneCountInString(d.title)) + "\n\n")
	if d.org != "" {
		b.WriteString(d.org + "\n\n" + d.meeting + "\n\n")
		for _, f := range d.fields {
			b.WriteString(f[0] + ": " + f[1] + "\n")
		}
		b.WriteString("\n")
	} else {
		b.WriteString(longDate(d) + "\n\n")
		if d.author != "" {
			b.WriteString("By " + d.author + "\n\n")
		}
		if d.standfirst != "" {
			wrap(b, d.standfirst, 78)
			b.WriteString("\n")
		}
	}
	for _, bl := range d.blocks {
		switch bl.kind {
		case headBlock:
			b.WriteString(bl.text + "\n\n")
		case tableBlock:
			widths := make([]int, len(bl.rows[0]))
			for _, row := range bl.rows {
				for i, c := range row {
					widths[i] = max(widths[i], utf8.RuneCountInString(c))
				}
			}
			for _, row := range bl.rows {
				var line strings.Builder
				for i, c := range row {
					if i > 0 {
						line.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+3))
						line.WriteString(c)
					} else {
						line.WriteString(c + strings.Repeat(" ", widths[0]-utf8.RuneCountInString(c)))
					}
				}
				b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
			}
			b.WriteString("\n")
		case listBlock, linesBlock:
			for _, it := range bl.items {
				if bl.kind == listBlock && (it == "" || it[0] < '0' || it[0] > '9') {
					b.WriteString("- ")
				}
				b.WriteString(it + "\n")
			}
			b.WriteString("\n")
		default:
			wrap(b, bl.text, 78)
			b.WriteString("\n")
		}
	}
}

// wrap writes text in lines of at most width runes, ending with a newline.
func wrap(b *bytes.Buffer, text string, width int) {
	col := 0
	for w := range strings.FieldsSeq(text) {
		n := utf8.RuneCountInString(w)
		if col > 0 && col+1+n > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	b.WriteByte('\n')
}
