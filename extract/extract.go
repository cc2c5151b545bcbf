package extract

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/extract/money"
	"github.com/nhs-trawl/trawl/extract/temporal"
)

// Version names the extractor and its rules: stored with every result, so
// that a new version re-extracts only what an older one extracted.
const Version = "extract/1"

// Options tune an Extractor.
type Options struct {
	// NoNER skips prose's named-entity recogniser: people are found by rules
	// and data only (faster, a little lower recall on unusual names).
	NoNER bool
}

// Extractor finds entities and events in documents. Build it once per run
// with New (it loads the gazetteer and the NER model); it is safe for
// concurrent use.
type Extractor struct {
	gaz     *gazetteer.Gazetteer
	matcher *gazetteer.Matcher
	tagger  *temporal.Tagger
	ner     func() (*nerModel, error) // loads the model once, on first use; nil with NoNER
	first   map[string]bool
}

// New loads what extraction needs, except the NER model, which is loaded
// when first needed (see Ready): a run with nothing to extract does not pay
// for it.
func New(opts Options) (*Extractor, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	x := &Extractor{gaz: g, matcher: g.Matcher(), tagger: temporal.New(), first: loadFirstNames()}
	if !opts.NoNER {
		x.ner = sync.OnceValues(newNERModel)
	}
	return x, nil
}

// Ready loads the NER model now and reports whether it loaded. Call it
// before extracting: Extract itself cannot report the failure, and finds
// people by its rules alone without the model.
func (x *Extractor) Ready() error {
	if x.ner == nil {
		return nil
	}
	if _, err := x.ner(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	return nil
}

// nerModel returns the NER model, nil when off or unloadable.
func (x *Extractor) nerModel() *nerModel {
	if x.ner == nil {
		return nil
	}
	m, _ := x.ner()
	return m
}

// Gazetteer returns the gazetteer the extractor links against.
func (x *Extractor) Gazetteer() *gazetteer.Gazetteer { return x.gaz }

// mention is one found mention before aggregation.
type mention struct {
	Span
	typ  EntityType
	norm string
	id   string
	// extra fields, copied onto the entity from its first mention
	e Entity
}

// doc is the working state of one extraction.
type doc struct {
	x     *Extractor
	d     *corpus.Document
	text  string
	sents []Span
	ms    []mention // all mentions, in text order once sorted
	taken []uint64  // bitset of the text's bytes claimed by a mention
	// employers are the trust, org and vendor mentions in text order, for
	// reading a person's employer from a role phrase.
	employers []mention
}

// Extract runs extraction over one document's clean text, resolving
// relative dates against d.Published. It never panics on any text.
func (x *Extractor) Extract(d *corpus.Document) (res Result) {
	res = Result{DocID: d.ID, Extractor: Version, Published: d.Published, Entities: []Entity{}, Events: []Event{}}
	defer func() {
		if p := recover(); p != nil {
			res.Entities, res.Events = []Entity{}, []Event{}
			res.Notes = append(res.Notes, fmt.Sprintf("extraction failed on this text: %v", p))
		}
	}()
	w := &doc{x: x, d: d, text: d.Text, sents: Sentences(d.Text)}
	w.gazetteer()
	w.patterns()
	w.money()
	if unknown := w.dates(); unknown {
		res.Notes = append(res.Notes, "document date unknown: relative dates left unresolved")
	}
	w.shortForms()
	w.persons()
	sort.SliceStable(w.ms, func(i, j int) bool { return w.ms[i].Start < w.ms[j].Start })
	res.Entities = aggregate(w.ms)
	textOf(w.text, res.Entities)
	res.Events = w.events(res.Entities)
	return res
}

func (w *doc) add(m mention) {
	w.ms = append(w.ms, m)
}

func (w *doc) claim(s Span) {
	if w.taken == nil {
		w.taken = make([]uint64, len(w.text)/64+1)
	}
	for i := s.Start; i < s.End; i++ {
		w.taken[i/64] |= 1 << (i % 64)
	}
}

// free reports whether s overlaps no claimed span. Claimed bytes are kept in
// a bitset, so the check costs the length of s, not the number of mentions.
func (w *doc) free(s Span) bool {
	if w.taken == nil {
		return true
	}
	for i := s.Start; i < s.End; i++ {
		if w.taken[i/64]&(1<<(i%64)) != 0 {
			return false
		}
	}
	return true
}

// gazetteer adds the trusts, hospital sites, orgs, vendors and systems the
// gazetteer knows, named as they were at the document's date.
func (w *doc) gazetteer() {
	g := w.x.gaz
	for _, m := range w.x.matcher.Find(w.text, w.d.Published) {
		sp := Span{m.Start, m.End}
		mt := mention{Span: sp, id: m.ID, norm: m.Name}
		switch m.Type {
		case gazetteer.TypeTrust, gazetteer.TypeSite:
			mt.typ = Trust
			if _, ok := g.Trust(m.ID); ok {
				mt.e.CurrentID, mt.e.Current = g.Current(m.ID)
			}
		case gazetteer.TypeOrg:
			mt.typ = Org
			// SHAs and PCTs of 2006-2013 went by "NHS <place>": keep that
			// branding when the text uses it.
			if strings.HasPrefix(m.Alias, "NHS ") && strings.HasPrefix(m.Text, "NHS ") {
				if o, ok := g.Org(m.ID); ok && (o.Kind == "sha" || o.Kind == "pct") {
					mt.norm = m.Alias
				}
			}
		case gazetteer.TypeVendor:
			mt.typ = Vendor
		case gazetteer.TypeSystem:
			mt.typ = System
			if s, ok := g.System(m.ID); ok {
				mt.e.VendorID = s.VendorID
			}
			mt.e.Version = systemVersion(w.text, m.End)
		default:
			continue
		}
		w.claim(sp)
		w.add(mt)
	}
}

// reVersion reads a release after a system name: "Millennium LC1",
// "Lorenzo release 1.9", "(LC1)", "version 2".
var reVersion = regexp.MustCompile(`^\s*(?:\(|,\s*)?(?:(?:release|version|v\.?)\s*([0-9][\w.]*)|(LC\d|R\d(?:\.\d+)?|\d+\.\d+))\)?`)

func systemVersion(text string, end int) string {
	tail := text[end:min(len(text), end+24)]
	if m := reVersion.FindStringSubmatch(tail); m != nil {
		return m[1] + m[2]
	}
	return ""
}

// Trusts and bodies the gazetteer lacks, by the shape of their names.
var (
	reTrustName = regexp.MustCompile(`\b((?:(?:[A-Z][A-Za-z'’.-]+|and|of|upon|on|the|in|&)\s+){0,6}?[A-Z][A-Za-z'’.-]+\s+(?:(?:University\s+)?(?:Hospitals?|Healthcare|Health\s+Care|Partnership|Community(?:\s+Health(?:care)?)?|Mental\s+Health|Care|Teaching)\s+)?NHS\s+(?:Foundation\s+)?Trust)\b`)
	reOrgName   = regexp.MustCompile(`\b((?:[A-Z][A-Za-z'’.-]+\s+(?:and\s+)?){1,5}(?:Primary\s+Care\s+Trust|Clinical\s+Commissioning\s+Group|Strategic\s+Health\s+Authority|Integrated\s+Care\s+Board))\b`)
)

// patterns adds trusts and bodies named in full but missing from the
// gazetteer: "X Hospitals NHS Trust", "X Primary Care Trust". The regexps
// run only on a window before each occurrence of their closing words, so
// that their cost does not grow with the text around them.
func (w *doc) patterns() {
	for _, p := range []struct {
		re      *regexp.Regexp
		typ     EntityType
		anchors []string
	}{
		{reTrustName, Trust, []string{"NHS Trust", "NHS Foundation Trust"}},
		{reOrgName, Org, []string{"Primary Care Trust", "Clinical Commissioning Group", "Strategic Health Authority", "Integrated Care Board"}},
	} {
		for _, anchor := range p.anchors {
			for off := 0; ; {
				i := strings.Index(w.text[off:], anchor)
				if i < 0 {
					break
				}
				end := off + i + len(anchor)
				off = end
				lo := max(0, end-len(anchor)-160)
				for lo > 0 && !utf8.RuneStart(w.text[lo]) {
					lo--
				}
				window := w.text[lo:end]
				m := p.re.FindStringSubmatchIndex(window)
				for m != nil && lo+m[3] != end { // the match must end at this anchor
					next := p.re.FindStringSubmatchIndex(window[m[1]:])
					if next == nil {
						m = nil
						break
					}
					for k := range next {
						next[k] += m[1]
					}
					m = next
				}
				if m == nil {
					continue
				}
				w.patternMatch(Span{lo + m[2], lo + m[3]}, p.typ)
			}
		}
	}
}

func (w *doc) patternMatch(sp Span, typ EntityType) {
	name := w.text[sp.Start:sp.End]
	// Drop a sentence-initial function word swept in: "The", "At".
	for _, lead := range []string{"The ", "the ", "At ", "In ", "By ", "And "} {
		if strings.HasPrefix(name, lead) {
			sp.Start += len(lead)
			name = name[len(lead):]
		}
	}
	if !w.free(sp) || strings.Count(name, " ") < 2 {
		return
	}
	w.claim(sp)
	w.add(mention{Span: sp, typ: typ, norm: canonicalName(name)})
}

// canonicalName writes a name as the scheme wants it: single spaces, ASCII
// apostrophes, "and" for "&", no leading "The".
func canonicalName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.NewReplacer("’", "'", "‘", "'", " & ", " and ").Replace(s)
	s = strings.TrimPrefix(s, "The ")
	return s
}

func (w *doc) money() {
	for _, a := range money.Find(w.text) {
		sp := Span{a.Start, a.End}
		w.claim(sp)
		// A range ("£10m-£12m") is both of its amounts.
		for i, norm := range a.Norms() {
			amount := a.Value
			if i == 1 {
				amount = a.To
			}
			w.add(mention{Span: sp, typ: Money, norm: norm, e: Entity{Currency: a.Currency, Amount: amount, To: a.To, Per: a.Per}})
		}
	}
}

// dates adds the date expressions; it reports whether relative ones were
// left unresolved for want of a document date.
func (w *doc) dates() bool {
	r := w.x.tagger.Analyze(w.text, w.d.Published)
	for _, m := range r.Mentions {
		sp := Span{m.Start, m.End}
		w.claim(sp)
		w.add(mention{Span: sp, typ: Date, norm: m.Value, e: Entity{Relative: m.Relative, Mod: m.Mod, Fuzzy: m.Fuzzy}})
	}
	return r.RefUnknown
}

// shortForms counts later short mentions of a trust named in full earlier in
// the document ("Kingston Hospital NHS Trust" ... "Kingston"), so that
// events in those sentences know their trust.
func (w *doc) shortForms() {
	type short struct {
		key string
		m   mention
	}
	var shorts []short
	seen := map[string]bool{}
	for _, m := range w.ms {
		if m.typ != Trust {
			continue
		}
		k := shortKey(m.norm)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		shorts = append(shorts, short{k, m})
	}
	keys := make(map[string]mention, len(shorts))
	for _, sh := range shorts {
		keys[sh.key] = sh.m
	}
	findKeys(w.text, keys, func(key string, sp Span) {
		m := keys[key]
		if sp.Start < m.Start || !w.free(sp) {
			return
		}
		w.claim(sp)
		w.add(mention{Span: sp, typ: Trust, norm: m.norm, id: m.id, e: m.e})
	})
}

// shortKey is the distinctive head of a trust name: the words before
// "Hospital(s)", "Healthcare", "University", "NHS"...; "" when that would be
// a common word.
func shortKey(name string) string {
	var head []string
	for _, f := range strings.Fields(name) {
		switch f {
		case "Hospital", "Hospitals", "Healthcare", "University", "NHS", "Teaching", "Health", "Care", "Community", "Partnership", "Trust", "Foundation", "Mental", "and", "of":
			goto done
		}
		head = append(head, f)
	}
done:
	k := strings.Join(head, " ")
	if len(head) == 0 || len(head) == len(strings.Fields(name)) || len(k) < 4 || commonHeads[k] {
		return ""
	}
	return k
}

// commonHeads are name heads too common to stand for a trust alone.
var commonHeads = map[string]bool{
	"North": true, "South": true, "East": true, "West": true, "Central": true, "Royal": true,
	"United": true, "City": true, "County": true, "Great": true, "New": true, "The": true,
	"North West": true, "South West": true, "North East": true, "South East": true, "West London": true,
	"East London": true, "North London": true, "South London": true, "Greater": true,
}

// findKeys calls fn for every whole-word occurrence of a key of keys in
// text, in text order. It makes one pass over the text's word starts and
// looks keys up by their first word, so its cost does not grow with the
// number of keys.
func findKeys[V any](text string, keys map[string]V, fn func(key string, sp Span)) {
	byFirst := map[string][]string{}
	for k := range keys {
		first, _, _ := strings.Cut(k, " ")
		byFirst[first] = append(byFirst[first], k)
	}
	for _, ks := range byFirst {
		sort.Slice(ks, func(i, j int) bool { return len(ks[i]) > len(ks[j]) || len(ks[i]) == len(ks[j]) && ks[i] < ks[j] })
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '\'' && c != '’' && c != '-' {
				break
			}
			j += m
		}
		word := text[i:j]
		cands := byFirst[word]
		if a := strings.IndexAny(word, "'’"); a > 0 { // "Kingston's"
			cands = append(cands[:len(cands):len(cands)], byFirst[word[:a]]...)
		}
		for _, k := range cands {
			sp := Span{i, i + len(k)}
			if strings.HasPrefix(text[i:], k) && wordBoundary(text, sp) {
				fn(k, sp)
				break
			}
		}
		i = j
	}
}

func wordBoundary(text string, s Span) bool {
	if s.Start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s.Start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if s.End < len(text) {
		r, _ := utf8.DecodeRuneInString(text[s.End:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// aggregate folds mentions (sorted by offset) into one entity per (type,
// norm), in order of first mention.
func aggregate(ms []mention) []Entity {
	idx := map[string]int{}
	var out []Entity
	for _, m := range ms {
		if m.norm == "" {
			continue
		}
		k := string(m.typ) + "\x00" + strings.ToLower(m.norm)
		if i, ok := idx[k]; ok {
			e := &out[i]
			e.Count++
			e.Mentions = append(e.Mentions, m.Span)
			mergeExtra(e, m.e)
			continue
		}
		e := m.e
		e.Type, e.Norm, e.ID = m.typ, m.norm, m.id
		e.Start, e.End, e.Count = m.Start, m.End, 1
		e.Mentions = []Span{m.Span}
		idx[k] = len(out)
		out = append(out, e)
	}
	return out
}

// mergeExtra fills an entity's empty fields from a later mention.
func mergeExtra(e *Entity, x Entity) {
	if e.Role == "" {
		e.Role = x.Role
	}
	if e.Affiliation == "" {
		e.Affiliation = x.Affiliation
	}
	if e.Version == "" {
		e.Version = x.Version
	}
	if e.Mod == "" {
		e.Mod = x.Mod
	}
}

// textOf fills the Text of each entity from the document.
func textOf(text string, es []Entity) {
	for i := range es {
		es[i].Text = text[es[i].Start:es[i].End]
	}
}
