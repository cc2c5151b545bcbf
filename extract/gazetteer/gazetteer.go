package gazetteer

import (
	"sort"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// Trust is an NHS trust, foundation trust or care trust, keyed by its ODS code.
type Trust struct {
	Code      string
	Name      string // current name, or last name before closure
	Open      corpus.Date
	Close     corpus.Date
	Successor string // ODS code of the trust that took over on closure
	Status    string // "open" or "closed" as of the gazetteer's snapshot
	Sources   string
	// Names is the name history from names.csv, in file order; empty when
	// the trust never changed its name.
	Names []TrustName
	// Aliases are the short forms from trust_aliases.csv.
	Aliases []string
}

// TrustName is one name a trust held, with the period it held it. From or To
// may be unknown (zero) or approximate (year or month precision).
type TrustName struct {
	Name     string
	From, To corpus.Date
	Note     string
}

// Org is an NHS or government body or a national programme.
type Org struct {
	ID        string // ODS code or slug
	Name      string
	Kind      string // national-body, programme, sha, pct, ccg, icb, ...
	Aliases   []string
	From, To  corpus.Date
	Successor string // an Org ID
	Source    string
}

// Vendor is an IT supplier. Trading names and brands of a parent are among
// the parent's Aliases ("BT Health" is BT); a bought company keeps its own
// Vendor with its ownership events in History.
type Vendor struct {
	ID        string
	Name      string // short trading name, as the press writes it
	LegalName string
	Aliases   []string
	Notes     string
	Sources   string
	History   []OwnershipEvent
}

// OwnershipEvent is one corporate event parsed from a vendor's notes: "csc
// acquired isoft on 2011-07-29" is, on isoft, {Kind: "acquired-by", Other:
// "csc", Date: 2011-07-29}, and on csc {Kind: "acquired", Other: "isoft"}.
type OwnershipEvent struct {
	Kind  string      // "acquired-by", "acquired", "merged-into" or "sold-to" (a business sold)
	Other string      // the other company's Vendor ID, or its name when not in the gazetteer
	Date  corpus.Date // zero when the notes give none
	Text  string      // the clause of the notes it came from
}

// System is a named clinical system or national system.
type System struct {
	ID            string
	Name          string
	VendorID      string // developer or principal supplier; may be empty
	Aliases       []string
	VendorHistory []SystemOwner
	Category      string
	Notes         string
}

// SystemOwner is one entry of a system's vendor history: who owned or sold it
// and when (either bound may be zero).
type SystemOwner struct {
	VendorID string // empty when the entry names no gazetteer vendor
	From, To corpus.Date
	Text     string // the entry as written
}

// Site is a hospital site and the body that ran it over a period. A site with
// several rows changed hands; rows of one site do not overlap.
type Site struct {
	Name     string
	Code     string // trust ODS code, or an Org ID for a site a commissioner ran
	From, To corpus.Date
	Note     string
}

// Gazetteer holds the reference data and its indexes. It is immutable once
// Load returns it and safe for concurrent use.
type Gazetteer struct {
	trusts   map[string]*Trust
	orgs     map[string]*Org
	vendors  map[string]*Vendor
	systems  map[string]*System
	sites    []Site
	preds    map[string][]string
	trustIDs []string // sorted
	orgIDs   []string
	vendIDs  []string
	sysIDs   []string
}

// Trust returns the trust with the given ODS code.
func (g *Gazetteer) Trust(code string) (*Trust, bool) {
	t, ok := g.trusts[code]
	return t, ok
}

// Org returns the body with the given ID.
func (g *Gazetteer) Org(id string) (*Org, bool) {
	o, ok := g.orgs[id]
	return o, ok
}

// Vendor returns the vendor with the given ID.
func (g *Gazetteer) Vendor(id string) (*Vendor, bool) {
	v, ok := g.vendors[id]
	return v, ok
}

// System returns the system with the given ID.
func (g *Gazetteer) System(id string) (*System, bool) {
	s, ok := g.systems[id]
	return s, ok
}

// Trusts returns the ODS codes of all trusts, sorted.
func (g *Gazetteer) Trusts() []string { return append([]string(nil), g.trustIDs...) }

// Orgs returns the IDs of all other bodies, sorted.
func (g *Gazetteer) Orgs() []string { return append([]string(nil), g.orgIDs...) }

// Vendors returns the IDs of all vendors, sorted.
func (g *Gazetteer) Vendors() []string { return append([]string(nil), g.vendIDs...) }

// Systems returns the IDs of all systems, sorted.
func (g *Gazetteer) Systems() []string { return append([]string(nil), g.sysIDs...) }

// Sites returns the hospital site rows in file order.
func (g *Gazetteer) Sites() []Site { return append([]Site(nil), g.sites...) }

// Predecessors returns the codes of the trusts whose successor is code,
// sorted.
func (g *Gazetteer) Predecessors(code string) []string {
	return append([]string(nil), g.preds[code]...)
}

// Current follows successors from code to the body that exists today and
// returns its code and name: RNJ (Barts and The London NHS Trust, closed 2012)
// gives R1H, Barts Health NHS Trust. A trust that closed without a single
// successor is its own answer; a loop in the data stops the walk. An unknown
// code returns ("", "").
func (g *Gazetteer) Current(code string) (string, string) {
	t, ok := g.trusts[code]
	if !ok {
		return "", ""
	}
	seen := map[string]bool{code: true}
	for t.Successor != "" && t.Status != "open" {
		next, ok := g.trusts[t.Successor]
		if !ok || seen[next.Code] {
			break
		}
		seen[next.Code] = true
		t = next
	}
	return t.Code, t.Name
}

// period is a half-open interval of time; a zero bound is open-ended.
type period struct{ from, to time.Time }

// span turns a row's From and To into a period: From counts from the start of
// its period and To to the end of its period, so "2013" to "2013" is the
// whole year. Unknown bounds are open.
func span(from, to corpus.Date) period {
	var p period
	if !from.IsZero() {
		p.from = from.Start()
	}
	if !to.IsZero() {
		p.to = to.End()
	}
	return p
}

// overlap returns how long p and [s, e) share, 0 when they do not meet.
func (p period) overlap(s, e time.Time) time.Duration {
	if !p.from.IsZero() && p.from.After(s) {
		s = p.from
	}
	if !p.to.IsZero() && p.to.Before(e) {
		e = p.to
	}
	if !e.After(s) {
		return 0
	}
	return e.Sub(s)
}

// distance returns how far [s, e) lies outside p; 0 when they overlap.
func (p period) distance(s, e time.Time) time.Duration {
	if !p.to.IsZero() && !p.to.After(s) {
		return s.Sub(p.to) + 1
	}
	if !p.from.IsZero() && !p.from.Before(e) {
		return p.from.Sub(e) + 1
	}
	return 0
}

// TrustNameAt returns the legal name of the trust code at date d, from its
// name history: RAL is Royal Free Hampstead NHS Trust in 2008 and Royal Free
// London NHS Foundation Trust in 2013.
//
// The rules, in order:
//   - An unknown code gives "".
//   - An unknown d gives the current (or last) name.
//   - Among the dated names (those with a From or a To), the one whose period
//     overlaps most of d's period wins: a month or year is compared by how
//     much of it each name covered, so "2011" for RTH (renamed on 1 November
//     2011) is Oxford Radcliffe Hospitals NHS Trust. Equal overlaps (two
//     approximate periods both covering a day) go to the earlier name.
//   - When no dated name covers d, the nearest in time wins (a date before
//     the first known name gives the first name); with no dated names at all,
//     the current name.
//
// Undated rows (name variants from returns, "dates unknown") are aliases,
// not names for a date.
func (g *Gazetteer) TrustNameAt(code string, d corpus.Date) string {
	t, ok := g.trusts[code]
	if !ok {
		return ""
	}
	if d.IsZero() || len(t.Names) == 0 {
		return t.Name
	}
	s, e := d.Start(), d.End()
	best := -1
	var bestOv, bestDist time.Duration
	for i, n := range t.Names {
		if n.From.IsZero() && n.To.IsZero() {
			continue
		}
		p := span(n.From, n.To)
		ov := p.overlap(s, e)
		dist := p.distance(s, e)
		switch {
		case best < 0:
		case ov > bestOv:
		case ov == bestOv && ov == 0 && dist < bestDist:
		case ov == bestOv && ov > 0 && earlier(n, t.Names[best]):
		default:
			continue
		}
		best, bestOv, bestDist = i, ov, dist
	}
	if best < 0 {
		return t.Name
	}
	return t.Names[best].Name
}

// earlier reports whether name a began before name b (an unknown start is
// earliest).
func earlier(a, b TrustName) bool {
	switch {
	case a.From.IsZero():
		return !b.From.IsZero()
	case b.From.IsZero():
		return false
	}
	return a.From.Start().Before(b.From.Start())
}

// SiteAt returns the row of the named site (matched by Key) that covers date
// d, by the same rules as TrustNameAt: most overlap, then nearest; for an
// unknown d the latest row. ok is false for an unknown site.
func (g *Gazetteer) SiteAt(name string, d corpus.Date) (Site, bool) {
	k := Key(name)
	var rows []Site
	for _, s := range g.sites {
		if Key(s.Name) == k {
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		return Site{}, false
	}
	return pickSite(rows, d), true
}

func pickSite(rows []Site, d corpus.Date) Site {
	if d.IsZero() {
		sort.SliceStable(rows, func(i, j int) bool { return laterEnd(rows[i].To, rows[j].To) })
		return rows[0]
	}
	s, e := d.Start(), d.End()
	best := 0
	var bestOv, bestDist time.Duration
	for i, r := range rows {
		p := span(r.From, r.To)
		ov, dist := p.overlap(s, e), p.distance(s, e)
		if i == 0 || ov > bestOv || (ov == bestOv && ov == 0 && dist < bestDist) {
			best, bestOv, bestDist = i, ov, dist
		}
	}
	return rows[best]
}

// laterEnd reports whether end a is later than end b, an open end being the
// latest.
func laterEnd(a, b corpus.Date) bool {
	switch {
	case a.IsZero():
		return !b.IsZero()
	case b.IsZero():
		return false
	}
	return a.End().After(b.End())
}
