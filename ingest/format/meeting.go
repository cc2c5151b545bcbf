package format

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// Board papers and minutes: the meeting they belong to and the items of its
// agenda. The rules read the shapes trusts use on cover sheets, agendas and
// minutes, whatever the format the text came from.

const (
	meetingTopLines = 60   // a meeting date must appear in the first lines...
	meetingTopBytes = 8000 // ...and bytes of the text
	maxTitleLine    = 220  // longer lines are running text, not titles
	maxAgendaItems  = 300

	boardSignalBytes = 16 << 10
)

var (
	// Lines that name a meeting: "Trust Board Meeting – 26 November 2008",
	// "Meeting of the Board of Directors held in public on ...", "Minutes of
	// the Trust Board held on ...", "Council of Governors meeting".
	reMeetingCue = regexp.MustCompile(`(?i)(?:` +
		`\b(?:meeting|minutes)\s+of\s+(?:the\s+|a\s+)?(?:[\w’'&-]+\s+){0,4}?(?:board|directors|governors|committee)\b` +
		`|\b(?:trust|public|nhs|foundation|health|private|part\s+[12i]+|formal)?\s*board(?:\s+of\s+directors)?(?:\s*\((?:public|part\s*[12i]+)\))?(?:\s+(?:meeting|minutes)|\s+in\s+public)\b` +
		`|\bboard\s+of\s+directors\b` +
		`|\bcouncil\s+of\s+governors\b` +
		`|\bgovernors[’']?\s+meeting\b` +
		`|\bboard\s+meeting\b` +
		`|\b(?:trust|public)\s+board\b` +
		`)`)
	// "Date of meeting: 26/11/2008", "Meeting date – 26 November 2008".
	reMeetingDateField = regexp.MustCompile(`(?i)^\W*(?:date\s+of\s+(?:the\s+)?(?:board\s+)?meeting|(?:board\s+)?meeting\s+date|date)\s*[:\-–—]?\s*`)
	// References to another meeting, which must not give this one's date.
	reOtherMeeting = regexp.MustCompile(`(?i)\b(?:next|previous|last|future|forthcoming|following|prior|special|extraordinary\s+general)\s+(?:\w+\s+){0,2}meeting\b|\bmeeting\s+(?:held\s+)?on\s+the\s+same\b|\bdate\s+of\s+next\b`)
	// Sentences read as news or narrative, not as a title.
	reNarrative = regexp.MustCompile(`(?i)\b(?:was|were|heard|told|said|says|will|would|has|have|had|is|are|revealed|agreed|approved|discussed|emerged|according)\b`)
	// "26/11/08".
	reShortYear = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})[/.](\d{2})\b`)

	// Agenda items.
	// "Item 9: Finance report", "Agenda item 7.1 – Cerner ...", "Agenda item 12".
	reItemWord = regexp.MustCompile(`(?i)^\W{0,3}(?:agenda\s+)?item\s*(?:no\.?\s*|number\s*)?(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\b\s*[:.)\-–—|]*\s*(.*)$`)
	// "TB2011.07 Electronic Patient Record update", "BD/10/23 Title",
	// "TB08/104 EPR programme", "PB.12/005: Title".
	reItemRef = regexp.MustCompile(`^\W{0,3}([A-Z]{1,6}\s?[/.]?\s?\d{2,4}\s?[./-]\s?\d{1,4}[a-z]?)\s*[:.)\-–—|]*\s+(\S.*)$`)
	// "7.2 Cerner Millennium recovery plan", "3. Minutes", "1 | Apologies |
	// Chairman" (a table row): only inside an agenda.
	reItemNum = regexp.MustCompile(`^\s*(\d{1,2}(?:\.\d{1,2}){0,2}[a-z]?)\s*[.):]?\s*(?:\|\s*)?(\S.*)$`)
	// The start of an agenda.
	reAgendaHead = regexp.MustCompile(`(?i)^\W*(?:(?:draft\s+|revised\s+)?agenda\b|item\s*\|?\s*(?:no\.?\s*)?\|?\s*(?:title|subject|agenda\s+item|description)\b)`)
	reLeaders    = regexp.MustCompile(`\s*(?:\.{3,}|…+|_{3,})\s*\d*\s*$`)

	// Signs that a text is a board paper or minutes.
	reBoardSignals = []*regexp.Regexp{
		regexp.MustCompile(`(?im)^\W*(?:report\s+to|paper\s+(?:ref|no|number)|enclosure|agenda\s+item|presented\s+by|author|sponsor|executive\s+lead|purpose\s+of\s+(?:the\s+)?(?:paper|report))\b\s*[:\d]`),
		regexp.MustCompile(`(?i)\bthe\s+(?:trust\s+)?board\s+(?:of\s+directors\s+)?is\s+(?:asked|invited|requested|recommended)\s+to\b`),
		regexp.MustCompile(`(?im)^\W*(?:present|in\s+attendance|attendees|apologies(?:\s+for\s+absence)?)\s*[:\-–]?`),
		regexp.MustCompile(`(?im)^\W*(?:draft\s+)?agenda\s*$`),
		regexp.MustCompile(`(?i)\bfor\s+(?:approval|noting|information|assurance|decision|discussion)\b`),
		regexp.MustCompile(`(?im)^\W*(?:recommendations?|action\s+required|decision\s+required)\s*:?\s*$`),
		regexp.MustCompile(`(?i)\bdeclarations?\s+of\s+interests?\b`),
		regexp.MustCompile(`(?i)\bmatters\s+arising\b`),
	}
)

// DetectMeeting reads a board paper, agenda or minutes: the date of the
// meeting it was written for and the agenda items it names, each with the
// byte offset of its line in text. It returns nil when text does not read as
// a board paper: a meeting date must sit on a title line near the top
// ("Trust Board Meeting – 26 November 2008", "Date of meeting: 26/11/2008",
// "Minutes of the Board of Directors held on ..."), or the text must have
// agenda items and other marks of a board paper.
func DetectMeeting(text string) *corpus.Meeting {
	date, dateOK := meetingDate(text)
	items, strong := agendaItems(text)
	if !dateOK && (strong < 2 || boardSignals(text) < 2) {
		return nil
	}
	return &corpus.Meeting{Date: date, Items: items}
}

// boardSignals counts the marks of a board paper in the first
// boardSignalBytes of text: cover sheets and minutes show them near the top,
// and reading only that much keeps detection cheap on 500-page packs.
func boardSignals(text string) int {
	if len(text) > boardSignalBytes {
		text = text[:boardSignalBytes]
	}
	n := 0
	for _, re := range reBoardSignals {
		if re.MatchString(text) {
			n++
		}
	}
	return n
}

// textLine is one line of text with its byte offset.
type textLine struct {
	s     string
	start int
}

func splitLines(text string, maxLines, maxBytes int) []textLine {
	var out []textLine
	off := 0
	for line := range strings.Lines(text) {
		if (maxBytes > 0 && off > maxBytes) || (maxLines > 0 && len(out) >= maxLines) {
			break
		}
		s := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(s) != "" {
			out = append(out, textLine{s: s, start: off})
		}
		off += len(line)
	}
	return out
}

// meetingDate finds the meeting date on a title line near the top.
func meetingDate(text string) (corpus.Date, bool) {
	lines := splitLines(text, meetingTopLines, meetingTopBytes)
	signals := -1 // computed when needed
	for i, l := range lines {
		s := strings.TrimSpace(l.s)
		if len(s) > maxTitleLine {
			continue
		}
		// "Date of meeting: 26/11/2008" on its own line.
		if m := reMeetingDateField.FindStringIndex(s); m != nil && !reOtherMeeting.MatchString(s) {
			field := strings.ToLower(s[:m[1]])
			if strings.Contains(field, "meeting") {
				if d, ok := dateIn(s[m[1]:], true); ok {
					return d, true
				}
			}
		}
		cue := reMeetingCue.FindStringIndex(s)
		if cue == nil || reOtherMeeting.MatchString(s) {
			continue
		}
		// A title, not a sentence about a meeting: short, or not narrative.
		if narrative(s, cue) {
			continue
		}
		d, ok := dateIn(s[cue[1]:], false)
		sameLine := ok
		if !ok && i+1 < len(lines) {
			// The date on the next line or two: "Trust Board Meeting\n26 November 2008"
			for _, next := range lines[i+1 : min(i+3, len(lines))] {
				n := strings.TrimSpace(next.s)
				if len(n) > 120 || reOtherMeeting.MatchString(n) {
					break
				}
				if dd, okk := dateIn(stripDateField(n), true); okk {
					d, ok = dd, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		// A bare title line near the very top is enough; otherwise the text
		// must also look like a board paper.
		bare := sameLine && len(s)-(cue[1]-cue[0]) <= 60
		if !bare || i >= 8 {
			if signals < 0 {
				signals = boardSignals(text)
			}
			if signals < 1 {
				continue
			}
		}
		return d, true
	}
	return corpus.Date{}, false
}

func stripDateField(s string) string {
	if m := reMeetingDateField.FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// narrative reports whether a line holding a meeting cue reads as running
// text: a sentence with a verb, or a cue that is not near the line's start.
func narrative(s string, cue []int) bool {
	if cue[0] > 90 {
		return true
	}
	before := strings.ToLower(strings.TrimSpace(s[:cue[0]]))
	if strings.HasPrefix(before, "the ") || before == "the" || strings.HasPrefix(before, "a ") || before == "a" {
		// "The trust board meeting on 4 May heard ..." reads as news unless it
		// is a bare title.
		if reNarrative.MatchString(s) || strings.HasSuffix(s, ".") {
			return true
		}
	}
	rest := s[cue[1]:]
	if reNarrative.MatchString(rest) && (strings.HasSuffix(s, ".") || len(s) > 120) {
		return true
	}
	return reNarrative.MatchString(s[:cue[0]])
}

// dateIn finds the first date in s (day, month or a day with a two-digit
// year); alone asks for s to be mostly that date.
func dateIn(s string, alone bool) (corpus.Date, bool) {
	d, start, end, ok := FindDate(s)
	if m := reShortYear.FindStringSubmatchIndex(s); m != nil && (!ok || m[0] < start) {
		day, _ := strconv.Atoi(s[m[2]:m[3]])
		mon, _ := strconv.Atoi(s[m[4]:m[5]])
		yy, _ := strconv.Atoi(s[m[6]:m[7]])
		y := 2000 + yy
		if yy >= 70 {
			y = 1900 + yy
		}
		if dd := corpus.DayDate(y, time.Month(mon), day); dd.Valid() {
			d, start, end, ok = dd, m[0], m[1], true
		}
	}
	if !ok {
		return corpus.Date{}, false
	}
	if alone && len(strings.TrimSpace(s[:start]))+len(strings.TrimSpace(s[end:])) > 60 {
		return corpus.Date{}, false
	}
	return d, true
}

// agendaItems finds numbered agenda items: "Item 9: ...", "Agenda item 7.2
// ...", reference-coded minute headings ("TB2011.07 ...", "BD/10/23 ..."), and
// plain numbered lines inside an agenda. The first line for each number wins.
// strong counts the items found by the first two shapes, which say "agenda"
// on their own.
func agendaItems(text string) (items []corpus.AgendaItem, strong int) {
	seen := map[string]bool{}
	add := func(num, title string, start int) bool {
		key := strings.ToLower(strings.Join(strings.Fields(num), ""))
		if seen[key] || len(items) >= maxAgendaItems {
			return false
		}
		seen[key] = true
		items = append(items, corpus.AgendaItem{Number: strings.Join(strings.Fields(num), ""), Title: title, Start: start})
		return true
	}
	lines := splitLines(text, 0, 0)
	inAgenda := false
	miss := 0
	for i, l := range lines {
		s := strings.TrimSpace(l.s)
		if len(s) > maxTitleLine {
			if inAgenda {
				if miss++; miss > 3 {
					inAgenda = false
				}
			}
			continue
		}
		if m := reItemWord.FindStringSubmatch(s); m != nil {
			title := cleanItemTitle(m[2])
			if title == "" && i+1 < len(lines) {
				if n := strings.TrimSpace(lines[i+1].s); len(n) <= 150 && !strings.HasSuffix(n, ".") && reItemWord.FindStringSubmatch(n) == nil {
					title = cleanItemTitle(n)
				}
			}
			if add(m[1], title, l.start) {
				strong++
			}
			continue
		}
		if m := reItemRef.FindStringSubmatch(s); m != nil && refTitle(m[2]) {
			if add(m[1], cleanItemTitle(m[2]), l.start) {
				strong++
			}
			continue
		}
		if reAgendaHead.MatchString(s) {
			inAgenda, miss = true, 0
			continue
		}
		if !inAgenda {
			continue
		}
		if m := reItemNum.FindStringSubmatch(s); m != nil && numTitle(m[2]) {
			add(m[1], cleanItemTitle(m[2]), l.start)
			miss = 0
			continue
		}
		if miss++; miss > 3 {
			inAgenda = false
		}
	}
	return items, strong
}

// refTitle accepts the title after a reference code: words starting with a
// capital, not a sentence running on.
func refTitle(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 160 {
		return false
	}
	r := s[0]
	return (r >= 'A' && r <= 'Z') || r == '"' || strings.HasPrefix(s, "“")
}

// numTitle accepts the text after a plain number in an agenda: a title, not
// a money figure or another number.
func numTitle(s string) bool {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "|"))
	if s == "" || len(s) > 200 {
		return false
	}
	r := s[0]
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || strings.HasPrefix(s, "“") || r == '"'
}

// cleanItemTitle keeps the title cell of a table row and drops dotted
// leaders and page numbers.
func cleanItemTitle(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "|"); i >= 0 {
		s = s[:i]
	}
	s = reLeaders.ReplaceAllString(s, "")
	s = strings.TrimRight(strings.TrimSpace(s), " :–—-")
	return FoldSpace(s)
}

// ApplyMeeting is what every reader does with a board meeting: when d.Text
// reads as a board paper, it records the meeting, makes d a board paper, and
// takes the meeting date as the published date unless a stronger source
// than a dateline or the file's metadata gave one.
func ApplyMeeting(d *corpus.Document) {
	m := DetectMeeting(d.Text)
	if m == nil {
		return
	}
	d.Meeting, d.Kind = m, corpus.KindBoardPaper
	switch d.PublishedSource {
	case "", corpus.DateFromDateline, corpus.DateFromFileMetadata:
		if !m.Date.IsZero() {
			d.Published, d.PublishedSource = m.Date, corpus.DateFromTitlePage
		}
	}
}
