package gazetteer

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
)

// EntityType says what kind of gazetteer entry a Match is.
type EntityType uint8

// Entity types. A TypeSite match names a hospital; its ID is the trust (or,
// rarely, the commissioner) that ran the site at the date asked for.
const (
	TypeTrust EntityType = iota + 1
	TypeOrg
	TypeVendor
	TypeSystem
	TypeSite
)

// String returns "trust", "org", "vendor", "system" or "site".
func (t EntityType) String() string {
	switch t {
	case TypeTrust:
		return "trust"
	case TypeOrg:
		return "org"
	case TypeVendor:
		return "vendor"
	case TypeSystem:
		return "system"
	case TypeSite:
		return "site"
	}
	return "unknown"
}

// priority breaks ties between entries of different types with the same key:
// "NHS Care Records Service" is both a system and a programme, and the
// project annotates it as a system.
func (t EntityType) priority() int {
	switch t {
	case TypeTrust:
		return 0
	case TypeSite:
		return 1
	case TypeSystem:
		return 2
	case TypeOrg:
		return 3
	}
	return 4
}

// Match is one gazetteer name found in a text.
type Match struct {
	Start, End int    // byte offsets of the name in the text (a possessive "'s" and a leading "the" excluded)
	Text       string // text[Start:End]
	Type       EntityType
	ID         string // ODS code of the trust (also for sites), org, vendor or system ID
	// Name is the canonical name at the date asked for: a trust's legal name
	// at that date (for a site, the legal name of the trust that ran it), an
	// org's, vendor's or system's gazetteer name. A site run by a body that
	// is not a trust keeps the site's own name.
	Name  string
	Alias string // the gazetteer form that matched
	Site  string // for TypeSite, the site's name
}

type caseMode uint8

const (
	caseFold  caseMode = iota // any case
	caseExact                 // exactly as written in the gazetteer
	caseCap                   // as written, or all upper case (single proper-noun words)
)

// tier ranks how an entry was made: names and aliases from the data beat
// variants generated at build time.
const (
	tierData uint8 = iota
	tierGenerated
)

type entry struct {
	typ   EntityType
	id    string
	alias string
	cased []string // the alias's words, case kept, for case checks
	mode  caseMode
	tier  uint8
	valid period // when the name was in use; open bounds are unknown
	sites []Site // for TypeSite, the rows of the site
}

type node struct {
	entries []int32 // indexes into Matcher.entries
}

// Matcher finds gazetteer names in text. Build it once with
// Gazetteer.Matcher; it is immutable and safe for concurrent use.
type Matcher struct {
	g       *Gazetteer
	vocab   map[string]int32 // folded word → token ID (from 1)
	maxWord int              // longest folded word in vocab, in bytes
	root    []int32          // token ID → child node of the root (0: none)
	edges   map[uint64]int32 // node<<32 | token ID → child node
	nodes   []node
	entries []entry
	maxLen  int // longest pattern, in tokens
}

// everyday are single words that name a gazetteer entry but are far more
// often ordinary words or places (Medway the town, a sunrise, Paris, a
// spine, Harris the surname, SMS texts). They match only with the
// qualifiers the gazetteer gives them ("Medway PAS", "EDS Swift").
var everyday = map[string]bool{
	"medway": true, "sunrise": true, "swift": true, "evolve": true, "paris": true,
	"spine": true, "harris": true, "sms": true, "expanse": true,
}

// stemGeneric are words that do not identify a trust on their own: a stem of
// a trust name made only of these ("Queen Elizabeth Hospital", "City
// Hospital") is too ambiguous to be an alias.
var stemGeneric = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "st": true, "saint": true, "queen": true, "queens": true,
	"elizabeth": true, "princess": true, "royal": true, "city": true, "general": true, "county": true,
	"district": true, "hospital": true, "hospitals": true, "university": true, "teaching": true,
	"healthcare": true, "health": true, "care": true, "services": true, "service": true, "community": true,
	"partnership": true, "acute": true, "mental": true, "social": true, "childrens": true, "womens": true,
	"children": true, "women": true, "marys": true, "trust": true, "nhs": true, "foundation": true,
	"integrated": true, "north": true, "south": true, "east": true, "west": true, "central": true,
	"mid": true, "new": true, "united": true, "combined": true, "priority": true, "specialist": true,
	"learning": true, "disability": true, "disabilities": true, "national": true, "ambulance": true,
	"eye": true, "heart": true, "cancer": true, "centre": true, "orthopaedic": true, "infirmary": true,
	"memorial": true, "victoria": true, "alexandra": true, "george": true, "georges": true, "great": true,
}

// stemInstitutional: a stem must hold one of these to be an alias, so that
// place names ("East London", "Isle of Wight") and "Manchester University"
// are not taken for trusts.
var stemInstitutional = map[string]bool{
	"hospital": true, "hospitals": true, "healthcare": true, "health": true, "care": true,
	"infirmary": true, "royal": true, "centre": true, "clinic": true, "partnership": true, "services": true,
}

// Matcher builds the multi-pattern matcher over every name, alias, site and
// generated variant. It takes about 100 ms; build it once per run.
func (g *Gazetteer) Matcher() *Matcher {
	m := &Matcher{g: g, vocab: map[string]int32{}, edges: map[uint64]int32{}, nodes: []node{{}}}
	b := builder{m: m, seen: map[string]bool{}}
	for _, code := range g.trustIDs {
		t := g.trusts[code]
		life := span(t.Open, t.Close)
		b.add(TypeTrust, code, t.Name, tierData, life, false)
		for _, n := range t.Names {
			v := life
			if !n.From.IsZero() || !n.To.IsZero() {
				v = span(n.From, n.To)
			}
			b.add(TypeTrust, code, n.Name, tierData, v, false)
		}
		for _, a := range t.Aliases {
			b.add(TypeTrust, code, a, tierData, life, true)
		}
	}
	for _, code := range g.trustIDs {
		t := g.trusts[code]
		life := span(t.Open, t.Close)
		b.variants(code, t.Name, life)
		for _, n := range t.Names {
			v := life
			if !n.From.IsZero() || !n.To.IsZero() {
				v = span(n.From, n.To)
			}
			b.variants(code, n.Name, v)
		}
	}
	for _, id := range g.orgIDs {
		o := g.orgs[id]
		v := span(o.From, o.To)
		b.add(TypeOrg, id, o.Name, tierData, v, false)
		for _, a := range o.Aliases {
			b.add(TypeOrg, id, a, tierData, v, true)
		}
	}
	for _, id := range g.vendIDs {
		v := g.vendors[id]
		b.add(TypeVendor, id, v.Name, tierData, period{}, false)
		if v.LegalName != "" {
			b.add(TypeVendor, id, v.LegalName, tierData, period{}, false)
		}
		for _, a := range v.Aliases {
			b.add(TypeVendor, id, a, tierData, period{}, true)
		}
	}
	for _, id := range g.sysIDs {
		s := g.systems[id]
		b.add(TypeSystem, id, s.Name, tierData, period{}, false)
		for _, a := range s.Aliases {
			b.add(TypeSystem, id, a, tierData, period{}, true)
		}
	}
	// Sites: one entry per site name, holding all its rows.
	bySite := map[string][]Site{}
	var order []string
	for _, s := range g.sites {
		k := Key(s.Name)
		if _, ok := bySite[k]; !ok {
			order = append(order, k)
		}
		bySite[k] = append(bySite[k], s)
	}
	for _, k := range order {
		rows := bySite[k]
		valid := span(rows[0].From, rows[0].To)
		for _, r := range rows[1:] {
			p := span(r.From, r.To)
			if p.from.IsZero() || (!valid.from.IsZero() && p.from.Before(valid.from)) {
				valid.from = p.from
			}
			if p.to.IsZero() || (!valid.to.IsZero() && p.to.After(valid.to)) {
				valid.to = p.to
			}
		}
		b.addSite(rows[0].Name, rows, valid)
	}
	return m
}

type builder struct {
	m    *Matcher
	seen map[string]bool // type|id|key|mode already added
}

func (b *builder) tokenID(w string) int32 {
	if id, ok := b.m.vocab[w]; ok {
		return id
	}
	id := int32(len(b.m.vocab) + 1)
	b.m.vocab[w] = id
	if len(w) > b.m.maxWord {
		b.m.maxWord = len(w)
	}
	return id
}

// add registers one name of an entity. alias says whether it is a short
// form rather than a full name (a full name may drop a leading "The"
// whatever its length).
func (b *builder) add(typ EntityType, id, name string, tier uint8, valid period, alias bool) {
	b.addEntry(entry{typ: typ, id: id, alias: name, tier: tier, valid: valid}, !alias)
}

func (b *builder) addSite(name string, rows []Site, valid period) {
	b.addEntry(entry{typ: TypeSite, id: rows[0].Code, alias: name, tier: tierData, valid: valid, sites: rows}, false)
}

func (b *builder) addEntry(e entry, canonical bool) {
	ws := words(e.alias)
	if len(ws) == 0 {
		return
	}
	// A leading "The" is dropped when enough name remains to be distinctive
	// ("The Hillingdon Hospitals NHS Foundation Trust", "The Access Group");
	// it stays, and must then be in the text, for short forms such as "The
	// Christie", "The Information Centre" and "the National Programme".
	if strings.EqualFold(ws[0], "the") && len(ws) > 1 {
		rest := len(ws) - 1
		if rest >= 3 || (canonical && rest >= 2 && ws[0] == "The") {
			ws = ws[1:]
		}
	}
	folded := make([]string, len(ws))
	letters := 0
	for i, w := range ws {
		folded[i] = string(foldWord(nil, w, w == breakWord))
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
	}
	if len(ws) == 1 && everyday[folded[0]] {
		return
	}
	switch {
	case letters <= 4:
		e.mode = caseExact
	case len(ws) == 1 && isTitleOrLower(ws[0]):
		e.mode = caseCap
	case len(ws) == 1:
		e.mode = caseExact
	default:
		e.mode = caseFold
	}
	e.cased = ws
	sig := e.typ.String() + "|" + e.id + "|" + strings.Join(folded, " ") + "|" + string(rune('0'+e.mode))
	if e.mode != caseFold {
		sig += "|" + strings.Join(ws, " ")
	}
	if b.seen[sig] {
		return
	}
	b.seen[sig] = true
	m := b.m
	n := int32(0)
	for i, w := range folded {
		t := b.tokenID(w)
		var next int32
		if i == 0 {
			for int(t) >= len(m.root) {
				m.root = append(m.root, 0)
			}
			next = m.root[t]
		} else {
			next = m.edges[uint64(n)<<32|uint64(t)]
		}
		if next == 0 {
			m.nodes = append(m.nodes, node{})
			next = int32(len(m.nodes) - 1)
			if i == 0 {
				m.root[t] = next
			} else {
				m.edges[uint64(n)<<32|uint64(t)] = next
			}
		}
		n = next
	}
	m.entries = append(m.entries, e)
	m.nodes[n].entries = append(m.nodes[n].entries, int32(len(m.entries)-1))
	if len(folded) > m.maxLen {
		m.maxLen = len(folded)
	}
}

// isTitleOrLower reports whether w is "Cerner" or "cerner" shaped: no capital
// after the first letter.
func isTitleOrLower(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// variants generates, for a trust's full name, the mis-written forms seen in
// news and board papers: "Hospital"/"Hospitals" inserted or dropped before
// "NHS Trust", "NHS Trust" for "NHS Foundation Trust" and back, "Trust"
// alone, and the stem without "NHS Trust" when it is distinctive
// ("Oxford University Hospitals", "Royal Free Hampstead").
func (b *builder) variants(code, name string, valid period) {
	ws := strings.Fields(Key(name))
	var stem []string
	switch {
	case hasSuffix(ws, "nhs", "foundation", "trust"):
		stem = ws[:len(ws)-3]
	case hasSuffix(ws, "nhs", "trust"):
		stem = ws[:len(ws)-2]
	default:
		return
	}
	if len(stem) == 0 {
		return
	}
	core := stem
	if l := core[len(core)-1]; l == "hospital" || l == "hospitals" {
		core = core[:len(core)-1]
	}
	if len(core) == 0 || !distinctive(core) {
		return
	}
	for _, mid := range [][]string{nil, {"hospital"}, {"hospitals"}} {
		for _, suf := range [][]string{{"nhs", "trust"}, {"nhs", "foundation", "trust"}, {"foundation", "trust"}, {"trust"}} {
			if len(suf) <= 2 && suf[0] != "nhs" && len(core) < 2 {
				continue // "Kingston Trust" is too loose
			}
			v := join(core, mid, suf)
			b.add(TypeTrust, code, v, tierGenerated, valid, true)
		}
	}
	if len(stem) >= 2 && institutional(stem) {
		b.add(TypeTrust, code, strings.Join(stem, " "), tierGenerated, valid, true)
	}
}

func hasSuffix(ws []string, suf ...string) bool {
	if len(ws) < len(suf) {
		return false
	}
	for i, s := range suf {
		if ws[len(ws)-len(suf)+i] != s {
			return false
		}
	}
	return true
}

func join(parts ...[]string) string {
	var all []string
	for _, p := range parts {
		all = append(all, p...)
	}
	return strings.Join(all, " ")
}

// distinctive reports whether ws holds a word that is not generic.
func distinctive(ws []string) bool {
	for _, w := range ws {
		if !stemGeneric[w] {
			return true
		}
	}
	return false
}

func institutional(ws []string) bool {
	for _, w := range ws {
		if stemInstitutional[w] {
			return distinctive(ws)
		}
	}
	return false
}

// qtok is a token of the text being matched, with its word IDs.
type qtok struct {
	token
	id, alt int32 // alt: the word without a possessive "'s"
}

// Find returns the gazetteer names in text, left to right, without overlaps:
// at each word the longest name that starts there wins. Names are resolved
// as of asOf: among entries sharing a name, the one in use at asOf is chosen
// (see choose), trusts get their legal name at asOf and sites the trust that
// ran them then. Find is linear in the text and holds only a few tokens in
// memory at once.
func (m *Matcher) Find(text string, asOf corpus.Date) []Match {
	var out []Match
	sc := scanner{text: text}
	q := make([]qtok, 0, 64)
	var buf []byte
	done := false
	fill := func(n int) bool {
		for len(q) < n && !done {
			t, ok := sc.next()
			if !ok {
				done = true
				break
			}
			qt := qtok{token: t}
			if len(text[t.start:t.end]) <= m.maxWord*2+4 {
				buf = foldWord(buf, text[t.start:t.end], t.brk)
				qt.id = m.vocab[string(buf)]
				if t.posEnd > 0 {
					buf = foldWord(buf, text[t.start:t.posEnd], false)
					qt.alt = m.vocab[string(buf)]
				}
			}
			q = append(q, qt)
		}
		return len(q) >= n
	}
	var asOfS, asOfE time.Time
	if !asOf.IsZero() {
		asOfS, asOfE = asOf.Start(), asOf.End()
	}
	i := 0
	for fill(i + 1) {
		if i > 256 {
			q = append(q[:0], q[i:]...)
			i = 0
		}
		bestEnd, bestEntry, bestPos := -1, int32(-1), false
		try := func(n int32, j int, pos bool) {
			if n == 0 || len(m.nodes[n].entries) == 0 {
				return
			}
			if e := m.choose(text, m.nodes[n].entries, q[i:j+1], pos, asOf, asOfS, asOfE); e >= 0 {
				bestEnd, bestEntry, bestPos = j, e, pos
			}
		}
		var n int32
		first := q[i]
		if first.alt != 0 && int(first.alt) < len(m.root) {
			try(m.root[first.alt], i, true)
		}
		if first.id != 0 && int(first.id) < len(m.root) {
			n = m.root[first.id]
		}
		j := i
		for n != 0 {
			try(n, j, false)
			j++
			if j-i >= m.maxLen || !fill(j+1) {
				break
			}
			t := q[j]
			if t.alt != 0 {
				try(m.edges[uint64(n)<<32|uint64(t.alt)], j, true)
			}
			if t.id == 0 {
				break
			}
			n = m.edges[uint64(n)<<32|uint64(t.id)]
		}
		if bestEntry < 0 {
			i++
			continue
		}
		start := q[i].start
		end := q[bestEnd].end
		if bestPos {
			end = q[bestEnd].posEnd
		}
		out = append(out, m.match(text, start, end, &m.entries[bestEntry], asOf))
		i = bestEnd + 1
	}
	return out
}

func (m *Matcher) match(text string, start, end int, e *entry, asOf corpus.Date) Match {
	mt := Match{Start: start, End: end, Text: text[start:end], Type: e.typ, ID: e.id, Alias: e.alias}
	switch e.typ {
	case TypeTrust:
		mt.Name = m.g.TrustNameAt(e.id, asOf)
	case TypeOrg:
		mt.Name = m.g.orgs[e.id].Name
	case TypeVendor:
		mt.Name = m.g.vendors[e.id].Name
	case TypeSystem:
		mt.Name = m.g.systems[e.id].Name
	case TypeSite:
		row := pickSite(append([]Site(nil), e.sites...), asOf)
		mt.ID, mt.Site = row.Code, row.Name
		if _, ok := m.g.trusts[row.Code]; ok {
			mt.Name = m.g.TrustNameAt(row.Code, asOf)
		} else {
			mt.Name = row.Name
		}
	}
	return mt
}

// choose picks, among the entries of one name, the one the text means, or
// -1 when none passes its case rule. The order of preference:
//  1. names and aliases from the data before generated variants;
//  2. the entry in use at asOf (its period overlaps asOf), else the one
//     nearest in time to asOf; when asOf is unknown, the entry still in use
//     today, else the one that ended last — an undated text is read as
//     recent, the only reading that needs no guess at its age;
//  3. trust, site, system, org, vendor, in that order;
//  4. the order the entries were built in (deterministic).
func (m *Matcher) choose(text string, cands []int32, toks []qtok, pos bool, asOf corpus.Date, s, e time.Time) int32 {
	best := int32(-1)
	var bestTier uint8
	var bestOv, bestDist time.Duration
	bestPri := 0
	for _, ci := range cands {
		en := &m.entries[ci]
		if !caseOK(text, en, toks, pos) {
			continue
		}
		var ov, dist time.Duration
		if asOf.IsZero() {
			// Rank by end: open (current) first, then latest end.
			switch {
			case en.valid.to.IsZero():
				ov = 1 << 62
			default:
				ov = time.Duration(en.valid.to.Unix())
			}
		} else {
			ov, dist = en.valid.overlap(s, e), en.valid.distance(s, e)
		}
		pri := en.typ.priority()
		better := false
		switch {
		case best < 0:
			better = true
		case en.tier != bestTier:
			better = en.tier < bestTier
		case (ov > 0) != (bestOv > 0):
			better = ov > 0
		case ov == 0 && dist != bestDist:
			better = dist < bestDist
		case ov > 0 && asOf.IsZero() && ov != bestOv:
			better = ov > bestOv
		case pri != bestPri:
			better = pri < bestPri
		}
		if better {
			best, bestTier, bestOv, bestDist, bestPri = ci, en.tier, ov, dist, pri
		}
	}
	return best
}

// caseOK checks an entry's case rule against the text's tokens.
func caseOK(text string, en *entry, toks []qtok, pos bool) bool {
	if en.mode == caseFold {
		return true
	}
	if len(toks) != len(en.cased) {
		return false
	}
	for k, t := range toks {
		end := t.end
		if pos && k == len(toks)-1 {
			end = t.posEnd
		}
		w := text[t.start:end]
		want := en.cased[k]
		if sameCased(w, want, t.brk) {
			continue
		}
		if en.mode == caseCap && isUpperForm(w, want) {
			continue
		}
		return false
	}
	return true
}

// sameCased compares a text word with a gazetteer word, ignoring apostrophes
// and reading "&" as "and" case-insensitively.
func sameCased(w, want string, brk bool) bool {
	if brk {
		return want == breakWord
	}
	if w == want {
		return true
	}
	if w == "&" || w == "＆" {
		return strings.EqualFold(want, "and")
	}
	if strings.EqualFold(want, "and") && strings.EqualFold(w, "and") {
		return true
	}
	return casedWord(w, false) == want
}

// isUpperForm reports whether w is want in capitals ("CERNER").
func isUpperForm(w, want string) bool {
	w = casedWord(w, false)
	if utf8.RuneCountInString(w) != utf8.RuneCountInString(want) {
		return false
	}
	return w == strings.ToUpper(want) && w != want
}

// Names returns every name the matcher knows for an entity, sorted; for
// tests and diagnostics.
func (m *Matcher) Names(typ EntityType, id string) []string {
	var out []string
	for _, e := range m.entries {
		if e.typ == typ && e.id == id {
			out = append(out, e.alias)
		}
	}
	sort.Strings(out)
	return out
}
