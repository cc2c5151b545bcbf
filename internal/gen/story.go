package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

// trustRef is a trust as one story names it.
type trustRef struct {
	info  *trustInfo
	name  string // legal name at the story's date: the norm
	short string // how the press shortens it
	full  bool   // the full name has been written
}

type person struct {
	name, surname, role, affil string
}

// sentence collects what one sentence mentions, to build its event.
type sentence struct {
	trusts           []*trustRef
	vendors, vendIDs []string
	systems, sysIDs  []string
	money, dates     []string
}

// story writes the text of one document about one trust, one system and its
// vendor, and records every entity and event it plants.
type story struct {
	w    *world
	r    *rand.Rand
	pub  corpus.Date
	pubT time.Time

	trust, trust2 trustRef
	sys           *gazetteer.System
	vend          *gazetteer.Vendor
	lsp           *gazetteer.Vendor // the prime contractor; the vendor outside the NPfIT era
	over, audit   orgInfo
	prog          orgInfo
	outlet        string
	board         bool // a board paper: "the Trust"
	titleMode     bool // headline: short names, no first-mention rules

	ents     []Entity
	seen     map[string]int // type+"\x00"+norm → index in ents; lookups only
	events   []Event
	people   []person
	lastP    int // index of the last person introduced, -1 when none
	roleUsed []string

	cur    sentence
	b      strings.Builder
	entAt0 bool
	used   []string // templates and words already used, to avoid repeats
}

// fresh picks from list, avoiding what the story has used when it can.
func (s *story) fresh(list []string) string {
	var w string
	for try := 0; try < 8; try++ {
		w = list[s.r.IntN(len(list))]
		if !contains(s.used, w) {
			break
		}
	}
	s.used = append(s.used, w)
	return w
}

func newStory(w *world, r *rand.Rand, pub corpus.Date) *story {
	s := &story{w: w, r: r, pub: pub, pubT: pub.Start(), seen: make(map[string]int, 32), lastP: -1}
	s.trust = s.pickTrust("")
	year := pub.Year
	var cands []sysInfo
	for _, si := range w.systems {
		if si.from <= year && year <= si.to {
			cands = append(cands, si)
		}
	}
	s.sys = cands[r.IntN(len(cands))].sys
	vid := w.vendorAt(s.sys, pub)
	if v, ok := w.gz.Vendor(vid); ok {
		s.vend = v
	} else {
		ids := w.gz.Vendors()
		s.vend, _ = w.gz.Vendor(ids[r.IntN(len(ids))])
	}
	s.lsp = s.vend
	var ls []string
	for _, l := range lsps {
		if l.from <= year && year <= l.to && l.id != s.vend.ID {
			ls = append(ls, l.id)
		}
	}
	if len(ls) > 0 && year <= 2011 {
		s.lsp, _ = w.gz.Vendor(ls[r.IntN(len(ls))])
	}
	s.over = s.pickOrg(oversightIDs)
	s.audit = s.pickOrg(auditorIDs)
	s.prog = s.pickOrg(programmeIDs)
	return s
}

// pickTrust picks a trust open at the story's date, other than not.
func (s *story) pickTrust(not string) trustRef {
	list := s.w.byYear[s.pub.Year-firstYear]
	for try := 0; ; try++ {
		ti := list[s.r.IntN(len(list))]
		if ti.code == not || (!ti.openAt(s.pubT) && try < 50) {
			continue
		}
		name := s.w.gz.TrustNameAt(ti.code, s.pub)
		if name == "" {
			continue
		}
		short := shortName(name)
		if len(ti.aliases) > 0 && s.r.IntN(2) == 0 {
			if a := ti.aliases[s.r.IntN(len(ti.aliases))]; len(a) > 4 && !strings.Contains(a, "NHS") {
				short = a
			}
		}
		return trustRef{info: ti, name: name, short: short}
	}
}

// pickOrg picks one of ids that existed at the story's date; the zero
// orgInfo when none did.
func (s *story) pickOrg(ids []string) orgInfo {
	var ok []orgInfo
	for _, id := range ids {
		if o := s.w.orgs[id]; o.validAt(s.pubT) {
			ok = append(ok, o)
		}
	}
	if len(ok) == 0 {
		return orgInfo{}
	}
	return ok[s.r.IntN(len(ok))]
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// addEntity records an entity once per (type, norm).
func (s *story) addEntity(e Entity) {
	k := e.Type + "\x00" + e.Norm
	if _, ok := s.seen[k]; ok {
		return
	}
	s.seen[k] = len(s.ents)
	s.ents = append(s.ents, e)
}

// writeEnt writes an entity's text.
func (s *story) writeEnt(text string) {
	if s.b.Len() == 0 {
		s.entAt0 = true
	}
	s.b.WriteString(text)
}

// expand fills the slots of tmpl (see templates.go) and returns the text,
// with its first letter capitalised unless it starts with a name.
func (s *story) expand(tmpl string) string {
	s.b.Reset()
	s.entAt0 = false
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		if c != '{' {
			j := strings.IndexByte(tmpl[i:], '{')
			if j < 0 {
				j = len(tmpl) - i
			}
			s.b.WriteString(tmpl[i : i+j])
			i += j
			continue
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			s.b.WriteString(tmpl[i:])
			break
		}
		s.slot(tmpl[i+1 : i+j])
		i += j + 1
	}
	out := s.b.String()
	if !s.entAt0 && out != "" && out[0] >= 'a' && out[0] <= 'z' {
		out = string(out[0]-'a'+'A') + out[1:]
	}
	return out
}

func (s *story) slot(name string) {
	r := s.r
	switch name {
	case "T":
		s.trustFull(&s.trust)
	case "t":
		s.trustShort(&s.trust)
	case "T2":
		s.ensureTrust2()
		s.trustFull(&s.trust2)
	case "t2":
		s.ensureTrust2()
		s.trustShort(&s.trust2)
	case "S":
		s.system()
	case "V":
		s.vendor(s.vend)
	case "L":
		s.vendor(s.lsp)
	case "O":
		s.org(s.over)
	case "A":
		s.org(s.audit)
	case "N":
		s.org(s.prog)
	case "C":
		s.org(s.commissioner())
	case "P":
		s.trustPerson()
	case "Pv":
		s.vendorPerson()
	case "Px":
		s.externalPerson()
	case "person":
		p := s.newPerson("ward sister", s.trust.name)
		s.writeEnt(p.name)
		s.personEntity(p)
	case "p":
		if s.lastP < 0 {
			s.trustPerson()
			return
		}
		p := s.people[s.lastP]
		if r.IntN(2) == 0 {
			s.b.WriteString(p.surname)
		} else {
			s.writeEnt(p.name)
		}
	case "Dp", "dp", "Dpd", "dpd":
		s.date(s.pastDate(name[0] == 'D', len(name) == 3))
	case "Df", "df", "Dfd", "dfd":
		s.date(s.futureDate(name[0] == 'D', len(name) == 3))
	case "FY":
		s.date(s.fy())
	case "M":
		s.money(s.trustMoney())
	case "MB":
		s.money(s.nationalMoney())
	case "Ms":
		s.money(s.smallMoney())
	case "Mpm":
		s.money(s.periodicMoney("month"))
	case "Mpa":
		s.money(s.periodicMoney("year"))
	case "n":
		s.b.WriteString(strconv.Itoa(3 + r.IntN(58)))
	case "nw":
		s.b.WriteString(pick(r, numberWords))
	case "nth":
		s.b.WriteString(pick(r, []string{"second", "third", "fourth", "fifth", "sixth", "latest"}))
	case "pct":
		s.b.WriteString(strconv.Itoa(55+r.IntN(44)) + " per cent")
	case "outlet":
		s.b.WriteString(s.outlet)
	case "said":
		s.b.WriteString(pick(r, saidVerbs))
	case "quote":
		s.b.WriteString(s.fresh(quotes))
	default:
		s.bank(name)
	}
}

func (s *story) bank(name string) {
	upper := name[0] >= 'A' && name[0] <= 'Z'
	var list []string
	switch strings.ToLower(name) {
	case "dept":
		list = depts
	case "staff":
		list = staffGroups
	case "problem":
		list = problems
	case "benefit":
		list = benefits
	case "module":
		list = modules
	case "adj":
		list = adjectives
	case "town":
		list = towns
	case "condition":
		list = conditions
	case "itnoun":
		list = itNouns
	case "desc":
		list = descriptors
	case "adv":
		list = adverbs
	case "vpast":
		list = verbsPast
	case "noun2":
		list = abstractNouns
	case "occ":
		list = occupations
	case "drug":
		list = drugs
	case "tests":
		list = investigations
	case "ward":
		list = wards
	case "fin":
		list = financeTerms
	default:
		s.b.WriteString("{" + name + "}")
		return
	}
	w := s.fresh(list)
	if upper && w != "" && w[0] >= 'a' && w[0] <= 'z' {
		w = string(w[0]-'a'+'A') + w[1:]
	}
	s.b.WriteString(w)
}

func (s *story) ensureTrust2() {
	if s.trust2.info == nil {
		s.trust2 = s.pickTrust(s.trust.info.code)
	}
}

func (s *story) trustFull(tr *trustRef) {
	tr.full = true
	s.writeEnt(tr.name)
	s.addEntity(Entity{Type: "trust", Norm: tr.name, ID: tr.info.code, Text: tr.name})
	s.cur.trusts = append(s.cur.trusts, tr)
}

func (s *story) trustShort(tr *trustRef) {
	switch {
	case s.titleMode:
		s.writeEnt(tr.short)
		s.addEntity(Entity{Type: "trust", Norm: tr.name, ID: tr.info.code, Text: tr.short})
		s.cur.trusts = append(s.cur.trusts, tr)
	case !tr.full:
		s.trustFull(tr)
	case tr == &s.trust && s.r.IntN(5) < 2:
		if s.board {
			s.b.WriteString("the Trust")
		} else {
			s.b.WriteString("the trust")
		}
		s.cur.trusts = append(s.cur.trusts, tr)
	default:
		s.writeEnt(tr.short)
		s.cur.trusts = append(s.cur.trusts, tr)
	}
}

func (s *story) system() {
	text := s.sys.Name
	if _, seen := s.seen["system\x00"+s.sys.Name]; seen && !s.titleMode && len(s.sys.Aliases) > 0 && s.r.IntN(4) == 0 {
		if a := s.sys.Aliases[s.r.IntN(len(s.sys.Aliases))]; len(a) >= 6 {
			text = a
		}
	}
	s.writeEnt(text)
	s.addEntity(Entity{Type: "system", Norm: s.sys.Name, ID: s.sys.ID, Text: text})
	s.cur.systems = append(s.cur.systems, s.sys.Name)
	s.cur.sysIDs = append(s.cur.sysIDs, s.sys.ID)
}

func (s *story) vendor(v *gazetteer.Vendor) {
	s.writeEnt(v.Name)
	s.addEntity(Entity{Type: "vendor", Norm: v.Name, ID: v.ID, Text: v.Name})
	s.cur.vendors = append(s.cur.vendors, v.Name)
	s.cur.vendIDs = append(s.cur.vendIDs, v.ID)
}

// commissioner picks a commissioner that existed at the story's date.
func (s *story) commissioner() orgInfo {
	list := s.w.commissioners
	for try := 0; try < 30; try++ {
		o := list[s.r.IntN(len(list))]
		if o.validAt(s.pubT) {
			return o
		}
	}
	return s.w.orgs["dh"]
}

// articleOrgs are bodies written with "the" before them.
func needsArticle(name string) bool {
	return !strings.HasPrefix(name, "NHS") && name != "Monitor" && !strings.HasSuffix(name, " CCG") && !strings.HasSuffix(name, " ICB") && !strings.HasSuffix(name, " PCT")
}

func (s *story) org(o orgInfo) {
	if o.id == "" {
		o = s.w.orgs["dh"]
	}
	text := o.name
	if o.id == "dh" && s.pub.Year >= 2018 {
		text = "Department of Health and Social Care"
	}
	if needsArticle(o.name) {
		s.b.WriteString("the ")
	}
	s.writeEnt(text)
	s.addEntity(Entity{Type: "org", Norm: o.name, ID: o.id, Text: text})
}

// newPerson invents a name not yet used in the story.
func (s *story) newPerson(role, affil string) *person {
	for {
		first, last := pick(s.r, firstNames), pick(s.r, surnames)
		if s.r.IntN(3) == 0 {
			last = pick(s.r, moreSurnames)
		}
		name := first + " " + last
		dup := false
		for _, p := range s.people {
			if p.surname == last {
				dup = true
			}
		}
		if dup {
			continue
		}
		s.people = append(s.people, person{name: name, surname: last, role: role, affil: affil})
		s.lastP = len(s.people) - 1
		return &s.people[s.lastP]
	}
}

func (s *story) personEntity(p *person) {
	s.addEntity(Entity{Type: "person", Norm: p.name, Text: p.name, Role: p.role, Affiliation: p.affil})
}

func (s *story) trustPerson() {
	// Reuse a trust speaker now and then.
	if len(s.people) >= 3 && s.r.IntN(2) == 0 {
		for i, p := range s.people {
			if p.affil == s.trust.name {
				s.lastP = i
				s.b.WriteString(p.role + " ")
				s.writeEnt(p.name)
				return
			}
		}
	}
	roles := trustRoles
	if s.pub.Year >= 2012 && s.r.IntN(3) == 0 {
		roles = laterTrustRoles
	}
	role := pick(s.r, roles)
	for _, u := range s.roleUsed {
		if u == role {
			role = pick(s.r, roles)
			break
		}
	}
	s.roleUsed = append(s.roleUsed, role)
	p := s.newPerson(role, s.trust.name)
	if s.r.IntN(3) == 0 {
		s.trustShort(&s.trust)
		s.b.WriteString("’s " + role + " ")
	} else {
		s.b.WriteString(role + " ")
	}
	s.writeEnt(p.name)
	s.personEntity(p)
}

func (s *story) vendorPerson() {
	role := pick(s.r, vendorRoles)
	p := s.newPerson(role, s.vend.Name)
	s.vendor(s.vend)
	s.b.WriteString("’s " + role + " ")
	s.writeEnt(p.name)
	s.personEntity(p)
}

func (s *story) externalPerson() {
	role := pick(s.r, externalRoles)
	p := s.newPerson(role, "")
	s.b.WriteString(role + " ")
	s.writeEnt(p.name)
	s.personEntity(p)
}

func (s *story) date(d dateExpr) {
	s.b.WriteString(d.text)
	text := d.text
	for _, p := range []string{"in ", "on ", "by ", "at "} {
		if strings.HasPrefix(text, p) {
			text = text[len(p):]
			break
		}
	}
	s.addEntity(Entity{Type: "date", Norm: d.norm, Text: text, Relative: d.relative, Mod: d.mod})
	s.cur.dates = append(s.cur.dates, d.norm)
}

func (s *story) money(m moneyExpr) {
	s.writeEnt(m.text)
	s.addEntity(Entity{Type: "money", Norm: m.norm(), Text: m.text, Per: m.per})
	s.cur.money = append(s.cur.money, m.norm())
}

// plain expands a sentence that plants no event.
func (s *story) plain(tmpl string) string {
	s.cur = sentence{}
	return s.expand(tmpl)
}

// event expands an event template and records its event.
func (s *story) event(t evTmpl) string {
	s.cur = sentence{}
	text := s.expand(t.text)
	ev := Event{Kind: t.kind, Status: t.status, Sentence: text}
	if len(s.cur.dates) > 0 {
		ev.Date = s.cur.dates[0]
	} else {
		ev.Date, ev.DateBasis = s.pub.String(), "publication"
	}
	trusts := s.cur.trusts
	national := strings.Contains(t.text, "{MB}") || strings.Contains(t.text, "{A}") || strings.Contains(t.text, "for trusts")
	if len(trusts) == 0 && !national {
		trusts = []*trustRef{&s.trust}
	}
	for _, tr := range trusts {
		if !contains(ev.TrustIDs, tr.info.code) {
			ev.Trusts = append(ev.Trusts, tr.name)
			ev.TrustIDs = append(ev.TrustIDs, tr.info.code)
		}
	}
	ev.Trusts = nonNil(ev.Trusts)
	ev.Vendors, ev.VendorIDs = uniq2(s.cur.vendors, s.cur.vendIDs)
	ev.Systems, ev.SystemIDs = uniq2(s.cur.systems, s.cur.sysIDs)
	ev.Money, _ = uniq2(s.cur.money, s.cur.money)
	s.events = append(s.events, ev)
	return text
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// uniq2 drops repeats from parallel lists, keyed by the second.
func uniq2(a, ids []string) ([]string, []string) {
	var oa, oi []string
	for i, id := range ids {
		if !contains(oi, id) {
			oa, oi = append(oa, a[i]), append(oi, id)
		}
	}
	return oa, oi
}

// eventOf picks an event template of kind whose needs the story can meet.
func (s *story) eventOf(kind string) evTmpl {
	for try := 0; ; try++ {
		t := eventTemplates[s.r.IntN(len(eventTemplates))]
		if kind != "" && t.kind != kind {
			continue
		}
		if strings.Contains(t.text, "{L}") && s.lsp == s.vend {
			continue
		}
		if try < 40 && contains(s.used, t.text) {
			continue
		}
		s.used = append(s.used, t.text)
		return t
	}
}

// filler is a sentence of reporting that plants no event.
func (s *story) filler() string {
	switch s.r.IntN(10) {
	case 0, 1, 2:
		return s.plain(s.fresh(colourFillers))
	case 3:
		return s.plain(s.fresh(moreColourFillers))
	}
	return s.plain(s.fresh(fillers))
}

// quote writes a quotation paragraph.
func (s *story) quote() string {
	f := s.fresh(quoteForms)
	if s.board {
		f = "“{quote},” {said} {P}."
	}
	return s.plain(f)
}

var eventKinds = []string{"go-live", "delay", "suspension", "cost", "contract", "rescue"}

// wordCount counts words roughly: runs of non-spaces.
func wordCount(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
