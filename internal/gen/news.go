package gen

import (
	"strconv"
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
)

// HTML page layouts of news sites, by era.
const (
	layoutTable  = iota // 2000s table layout, windows-1252, dateline under the headline
	layoutTableM        // the same with no dateline: the month comes from the URL only
	layoutDiv           // div soup with article:published_time and a <time>
	layoutModern        // JSON-LD NewsArticle, <article>, <aside>
	nLayouts
)

// news writes a news article of about 600 words.
func (s *story) news(d *document) {
	r := s.r
	o := outlets[r.IntN(len(outlets))]
	d.kind, d.outlet, d.host = corpus.KindNews, o.name, o.host
	s.outlet = o.name
	y := s.pub.Year
	switch {
	case y <= 2007:
		d.layout = []int{layoutTable, layoutTable, layoutTable, layoutTableM, layoutDiv}[r.IntN(5)]
	case y <= 2011:
		d.layout = []int{layoutTable, layoutTableM, layoutDiv, layoutDiv, layoutModern}[r.IntN(5)]
	default:
		d.layout = []int{layoutDiv, layoutModern, layoutModern, layoutModern}[r.IntN(4)]
	}
	d.pub, d.precision = s.pub, corpus.PrecisionDay
	if d.layout == layoutTableM {
		d.pub, d.precision = corpus.MonthDate(s.pub.Year, s.pub.Month), corpus.PrecisionMonth
	}
	d.author = pick(r, firstNames) + " " + pick(r, surnames)
	d.section = pick(r, sections[:12])

	kind := eventKinds[r.IntN(len(eventKinds))]
	var lead evTmpl
	for {
		lead = s.eventOf(kind)
		if strings.Contains(lead.text, "{T}") || strings.Contains(lead.text, "{t}") {
			break
		}
	}
	// The first sentence names the trust in full.
	para := func(parts ...string) {
		d.blocks = append(d.blocks, block{kind: paraBlock, text: strings.Join(parts, " ")})
	}
	para(s.event(lead))
	d.standfirst = ""
	if d.layout == layoutModern || r.IntN(3) == 0 {
		d.standfirst = s.plain(s.filler())
	}
	para(s.event(s.eventOf("")), s.plain(s.filler()))
	para(s.quote())
	target := 520 + r.IntN(200)
	lastHead := false
	for d.words() < target {
		switch x := r.IntN(10); {
		case x < 3:
			parts := []string{s.event(s.eventOf(""))}
			for k := r.IntN(3); k > 0; k-- {
				parts = append(parts, s.plain(s.filler()))
			}
			para(parts...)
		case x < 7:
			parts := []string{s.plain(s.filler()), s.plain(s.filler())}
			if r.IntN(2) == 0 {
				parts = append(parts, s.plain(s.filler()))
			}
			para(parts...)
		case x == 7:
			para(s.quote())
		case x == 8:
			para(s.plain(s.fresh(backgrounds)))
		default:
			if d.layout >= layoutDiv && !lastHead {
				d.blocks = append(d.blocks, block{kind: headBlock, level: 2, text: pick(r, crossheads)})
				lastHead = true
				continue
			}
		}
		lastHead = false
	}
	para(s.event(s.eventOf("go-live")))

	s.titleMode = true
	s.cur = sentence{}
	d.title = s.expand(pick(r, headlines[kind]))
	s.titleMode = false

	d.url = "https://" + d.host + "/" + strconv.Itoa(s.pub.Year) + "/" + twoDigits(int(s.pub.Month)) + "/" + slug(d.title, 60) + "/"
	for k := 3 + r.IntN(4); k > 0; k-- {
		d.sidebar = append(d.sidebar, pick(r, sidebarHeadlines))
	}
	for k := r.IntN(5); k > 0; k-- {
		d.comments = append(d.comments, [2]string{pick(r, commenters), pick(r, commentTexts)})
	}
	d.tags = []string{s.sys.Name, s.vend.Name, kind}
}
