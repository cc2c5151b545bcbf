package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

//go:embed data/first_names.txt
var firstNamesData string

func loadFirstNames() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(firstNamesData, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.Fields(line) {
			m[f] = true
		}
	}
	return m
}

var honorifics = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Miss": true, "Dr": true, "Professor": true, "Prof": true,
	"Sir": true, "Dame": true, "Lord": true, "Lady": true, "Baroness": true, "Baron": true, "Cllr": true, "Councillor": true,
}

// Role words: a phrase holding one of these is a job title.
var roleHeads = []string{
	"chief executive", "chief information officer", "chief clinical information officer", "chief operating officer",
	"chief technology officer", "chief officer", "chief nurse", "executive", "director", "chairman", "chairwoman",
	"chair", "president", "vice president", "managing director", "minister", "secretary", "mp", "mep", "spokesman",
	"spokeswoman", "spokesperson", "manager", "head of", "officer", "lead", "consultant", "analyst", "professor",
	"editor", "reporter", "correspondent", "leader", "head", "clerk", "governor", "programme director", "cio", "ceo", "cfo",
	"coo", "cto", "cclo", "ccio", "partner", "founder", "member", "commissioner", "auditor general", "comptroller",
}

var speechVerbs = []string{"said", "says", "told", "added", "explained", "warned", "commented", "insisted", "admitted", "stated", "wrote"}

// Capitalised words that are never part of a person's name.
var notNameWords = map[string]bool{
	"The": true, "NHS": true, "Trust": true, "Hospital": true, "Hospitals": true, "Health": true, "Healthcare": true,
	"Department": true, "Programme": true, "Program": true, "Board": true, "Service": true, "Services": true,
	"System": true, "Systems": true, "Care": true, "Records": true, "Record": true, "National": true, "London": true,
	"Chief": true, "Executive": true, "Director": true, "Secretary": true, "Minister": true, "Committee": true,
	"Council": true, "Authority": true, "University": true, "Foundation": true, "Group": true, "Ltd": true, "plc": true,
	"In": true, "On": true, "At": true, "By": true, "For": true, "But": true, "And": true, "Or": true, "If": true,
	"When": true, "While": true, "After": true, "Before": true, "As": true, "This": true, "That": true, "These": true,
	"It": true, "Its": true, "He": true, "She": true, "They": true, "We": true, "Our": true, "A": true, "An": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true,
	"August": true, "September": true, "October": true, "November": true, "December": true,
	"Christmas": true, "Easter": true, "Millennium": true, "Cerner": true, "Conservative": true, "Labour": true,
	"Liberal": true, "Democrat": true, "MP": true, "Royal": true, "Street": true, "Road": true, "England": true,
	"Wales": true, "Scotland": true, "Britain": true, "UK": true, "Information": true, "Technology": true,
	"Management": true, "Office": true, "Public": true, "Accounts": true, "Audit": true, "Select": true,
	"Administration": true, "Patient": true, "Patients": true, "General": true, "Infirmary": true, "Clinic": true,
	"Centre": true, "Center": true, "Unit": true, "Project": true, "Team": true, "Agency": true, "Network": true,
	"Report": true, "Paper": true, "Plan": true, "Strategy": true, "Update": true, "Minutes": true, "Agenda": true,
	// Outlets, which "told" and "reported" put next to names.
	"Insider": true, "Mail": true, "Times": true, "Guardian": true, "Telegraph": true, "Post": true,
	"Journal": true, "News": true, "Weekly": true, "Herald": true, "Echo": true, "Gazette": true,
	"Observer": true, "Express": true, "Mirror": true, "Standard": true, "Chronicle": true, "Review": true,
}

// nerModel wraps prose's named-entity recogniser: its model is loaded once
// and shared (tagging and classifying only read it), and its panics are
// recovered at this boundary.
type nerModel struct {
	model *prose.Model
}

func newNERModel() (n *nerModel, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("load prose model: %v", p)
		}
	}()
	d, err := prose.NewDocument("Andrew Way said.", prose.WithSegmentation(false))
	if err != nil {
		return nil, fmt.Errorf("load prose model: %w", err)
	}
	return &nerModel{model: d.Model}, nil
}

// people returns the PERSON names prose finds in s; nothing on a panic.
func (n *nerModel) people(s string) (names []string) {
	defer func() {
		if recover() != nil {
			names = nil
		}
	}()
	d, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.UsingModel(n.model))
	if err != nil {
		return nil
	}
	for _, e := range d.Entities() {
		if e.Label == "PERSON" {
			names = append(names, e.Text)
		}
	}
	return names
}

// nameRun is a run of capitalised words in a sentence.
type nameRun struct {
	words []Span
	hon   string // honorific before the run, if any
}

// capRuns finds runs of capitalised words (allowing O'Brien, Smith-Jones,
// initials "J.") inside span s, split at words that cannot be in names.
func capRuns(text string, s Span) []nameRun {
	var runs []nameRun
	var cur nameRun
	flush := func() {
		if len(cur.words) > 0 {
			runs = append(runs, cur)
		}
		cur = nameRun{}
	}
	i := s.Start
	for i < s.End {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			if r != ' ' || i+1 >= s.End || !unicode.IsUpper(rune(text[i+1])) {
				if !(r == ' ' && len(cur.words) > 0) {
					flush()
				}
			}
			i += n
			continue
		}
		j := i
		for j < s.End {
			c, m := utf8.DecodeRuneInString(text[j:])
			if !(unicode.IsLetter(c) || c == '\'' || c == '’' || c == '-') {
				break
			}
			j += m
		}
		word := text[i:j]
		// An initial: "J." inside a run.
		if j < s.End && text[j] == '.' && utf8.RuneCountInString(word) == 1 && unicode.IsUpper(r) {
			j++
		}
		switch {
		case !unicode.IsUpper(r):
			flush()
		case honorifics[strings.TrimSuffix(word, ".")] && len(cur.words) == 0:
			cur.hon = word
		case notNameWords[strings.TrimRight(word, "'’s")] || strings.ToUpper(word) == word && len(word) > 1:
			flush()
		default:
			cur.words = append(cur.words, Span{i, j})
		}
		i = j
	}
	flush()
	return runs
}

// persons finds people with their roles and affiliations.
func (w *doc) persons() {
	for _, m := range w.ms {
		if m.typ == Trust || m.typ == Org || m.typ == Vendor {
			w.employers = append(w.employers, m)
		}
	}
	sort.SliceStable(w.employers, func(i, j int) bool { return w.employers[i].Start < w.employers[j].Start })
	first := w.x.first
	var found []mention
	for _, s := range w.sents {
		var unsure []nameRun
		for _, run := range capRuns(w.text, s) {
			if len(run.words) < 2 || len(run.words) > 4 {
				if len(run.words) == 1 && run.hon != "" {
					unsure = append(unsure, run)
				}
				continue
			}
			sp := Span{run.words[0].Start, run.words[len(run.words)-1].End}
			if !w.free(sp) {
				continue
			}
			name := w.text[sp.Start:sp.End]
			before := w.text[s.Start:sp.Start]
			after := w.text[sp.End:s.End]
			role, affil := w.roleOf(before, after, sp)
			ok := run.hon != "" || first[w.text[run.words[0].Start:run.words[0].End]] || role != "" || nearSpeech(before, after)
			if !ok {
				unsure = append(unsure, run)
				continue
			}
			found = append(found, mention{Span: sp, typ: Person, norm: name, e: Entity{Role: role, Affiliation: affil}})
			w.claim(sp)
		}
		// prose's NER looks only at sentences with names the rules could
		// not settle, to keep it off the hot path.
		// prose sees a window of a few words around each unsettled name,
		// not the whole sentence: its cost is per token.
		var ner *nerModel
		if len(unsure) > 0 {
			ner = w.x.nerModel()
		}
		for _, run := range unsure {
			if ner == nil {
				break
			}
			win := window(w.text, s, Span{run.words[0].Start, run.words[len(run.words)-1].End}, 3)
			for _, name := range ner.people(w.text[win.Start:win.End]) {
				if strings.Count(name, " ") < 1 {
					continue
				}
				i := strings.Index(w.text[win.Start:win.End], name)
				if i < 0 {
					continue
				}
				sp := Span{win.Start + i, win.Start + i + len(name)}
				if !w.free(sp) || !plausibleName(name) {
					continue
				}
				role, affil := w.roleOf(w.text[s.Start:sp.Start], w.text[sp.End:s.End], sp)
				found = append(found, mention{Span: sp, typ: Person, norm: name, e: Entity{Role: role, Affiliation: affil}})
				w.claim(sp)
			}
		}
	}
	// Later mentions by surname alone ("Way says...").
	surnames := map[string]mention{}
	for _, m := range found {
		f := strings.Fields(m.norm)
		last := f[len(f)-1]
		if _, dup := surnames[last]; !dup && len(last) > 2 {
			surnames[last] = m
		}
	}
	for _, m := range found {
		w.add(m)
	}
	findKeys(w.text, surnames, func(last string, sp Span) {
		if m := surnames[last]; sp.Start >= m.End && w.free(sp) {
			w.claim(sp)
			w.add(mention{Span: sp, typ: Person, norm: m.norm})
		}
	})
}

// window widens sp by up to n words on each side, inside sentence s.
func window(text string, s, sp Span, n int) Span {
	lo, hi := sp.Start, sp.End
	for k := 0; k <= n && lo > s.Start; {
		lo--
		if text[lo] == ' ' {
			k++
		}
	}
	for k := 0; k <= n && hi < s.End; hi++ {
		if text[hi] == ' ' {
			k++
		}
	}
	for lo > s.Start && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < s.End && !utf8.RuneStart(text[hi]) {
		hi++
	}
	return Span{lo, hi}
}

// plausibleName checks a name from the NER model with the rules' word
// lists: capitalised words, none of them an institution's ("Patient
// Administration System", "EPR Programme") or an acronym.
func plausibleName(s string) bool {
	if !allCapitalised(s) {
		return false
	}
	for _, f := range strings.Fields(s) {
		f = strings.TrimRight(f, "'’s.,")
		if notNameWords[f] || honorifics[f] || (len(f) > 1 && strings.ToUpper(f) == f) {
			return false
		}
	}
	return true
}

func allCapitalised(s string) bool {
	for _, f := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// nearSpeech reports a name that speaks: "X said", "said X". The object of
// "told" is a listener, most often an outlet, so it does not count.
func nearSpeech(before, after string) bool {
	b := strings.TrimSpace(strings.ToLower(before))
	a := strings.TrimSpace(strings.ToLower(after))
	for _, v := range speechVerbs {
		if strings.HasPrefix(a, v) || (v != "told" && strings.HasSuffix(b, v)) {
			return true
		}
	}
	return false
}

var (
	reRoleParen   = regexp.MustCompile(`^\s*\(([^()]{2,80})\)`)
	rePostNominal = regexp.MustCompile(`^\s+(MP|MEP|MSP|AM)\b`)
	// ", the Royal Free's chief executive," / ", director of IM&T at North Bristol,"
	reRoleAfter = regexp.MustCompile(`^\s*,\s+(?:the\s+|a\s+|its\s+)?((?:[^,.;:“”"()]){2,90}?)\s*(?:[,.;:)]|\s+(?:said|says|told|added)\b|$)`)
	// "chief executive Andrew Way", "Conservative MP Richard Bacon", "North Bristol's director of IM&T Martin Bell"
	reRoleBefore = regexp.MustCompile(`(?:^|[,;:(]\s*|\b(?:said|says|according to|by|from|with|and)\s+)(?:the\s+)?((?:[A-Za-z&'’.-]+,?\s+){1,7}?)$`)
)

// roleOf reads a person's role and employer around a name.
func (w *doc) roleOf(before, after string, name Span) (role, affil string) {
	// "Jane Collins (Chief Executive)", "Richard Bacon MP"
	if m := reRoleParen.FindStringSubmatchIndex(after); m != nil && isRole(after[m[2]:m[3]]) {
		return w.splitRole(after[m[2]:m[3]], name.End+m[2])
	}
	if m := rePostNominal.FindStringSubmatch(after); m != nil {
		return m[1], ""
	}
	if m := reRoleAfter.FindStringSubmatchIndex(after); m != nil {
		phrase := after[m[2]:m[3]]
		if isRole(phrase) {
			return w.splitRole(phrase, name.End+m[2])
		}
	}
	if m := reRoleBefore.FindStringSubmatchIndex(before); m != nil {
		phrase := strings.TrimSuffix(strings.TrimSpace(before[m[2]:m[3]]), ",")
		skip := 0
		if i := strings.LastIndex(phrase, ", "); i >= 0 { // "However, trust director of IM&T"
			skip = i + 2
			phrase = phrase[skip:]
		}
		for _, lead := range []string{"trust ", "Trust ", "hospital ", "the trust's ", "its "} {
			if strings.HasPrefix(phrase, lead) && isRole(phrase[len(lead):]) {
				skip += len(lead)
				phrase = phrase[len(lead):]
			}
		}
		if isRole(phrase) && !hasAny(strings.ToLower(phrase), speechVerbs) {
			start := name.Start - len(before) + m[2] + skip
			return w.splitRole(phrase, start)
		}
	}
	return "", ""
}

func isRole(phrase string) bool {
	l := " " + strings.ToLower(phrase) + " "
	for _, h := range roleHeads {
		if strings.Contains(l, " "+h+" ") || strings.Contains(l, " "+h+",") {
			return true
		}
	}
	return false
}

// splitRole separates an employer named in a role phrase ("the Royal Free's
// chief executive", "director of IM&T at North Bristol") from the role.
func (w *doc) splitRole(phrase string, at int) (role, affil string) {
	role = phrase
	// An entity mention inside the phrase is the employer: the first one,
	// found by binary search in the employers sorted by offset.
	emp := w.employers
	for _, m := range emp[sort.Search(len(emp), func(i int) bool { return emp[i].Start >= at }):] {
		if m.Start >= at+len(phrase) {
			break
		}
		if m.End <= at+len(phrase) {
			affil = m.norm
			rel := phrase[m.End-at:]
			pre := phrase[:m.Start-at]
			rel = strings.TrimLeft(rel, "'’s ")
			pre = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(pre), " the"))
			for _, p := range []string{" at", " of", " for", " with", " from"} {
				pre = strings.TrimSuffix(pre, p)
			}
			switch {
			case strings.TrimSpace(rel) != "" && isRole(rel):
				role = strings.TrimSpace(rel)
			case isRole(pre):
				role = pre
			}
			break
		}
	}
	role = strings.TrimSpace(role)
	for _, lead := range []string{"the ", "The ", "its ", "Its ", "a ", "A "} {
		role = strings.TrimPrefix(role, lead)
	}
	return role, affil
}
