package gen

import (
	"fmt"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

// Documents are dated between these years, inclusive.
const (
	firstYear = 2003
	lastYear  = 2024
)

// world is what the generator knows of the NHS, prepared once from the
// gazetteer. It is read-only after newWorld and shared by every story.
type world struct {
	gz      *gazetteer.Gazetteer
	byYear  [lastYear - firstYear + 1][]*trustInfo // trusts open at some time in the year
	systems []sysInfo
	orgs    map[string]orgInfo // looked up by id only
	// commissioners are the PCTs, CCGs and ICBs, in gazetteer order.
	commissioners []orgInfo
}

type trustInfo struct {
	code        string
	open, close time.Time // zero when unknown (open) or not closed
	aliases     []string
}

type sysInfo struct {
	sys      *gazetteer.System
	from, to int // years in which a story may feature it
}

type orgInfo struct {
	id, name string
	from, to time.Time
}

// systemEras says when each system was plausibly being deployed in the NHS.
// Systems not listed are not featured.
var systemEras = []struct {
	id       string
	from, to int
}{
	{"cerner-millennium", 2005, 2024}, {"lorenzo", 2007, 2020}, {"rio", 2006, 2024}, {"carecast", 2004, 2006},
	{"clinicom", 2003, 2015}, {"patientcentre", 2003, 2012}, {"ipm", 2003, 2020}, {"icm", 2004, 2014},
	{"pims", 2003, 2012}, {"epic-ehr", 2012, 2024}, {"systmone", 2004, 2024}, {"emis-web", 2011, 2024},
	{"trakcare", 2008, 2024}, {"healthshare", 2015, 2024}, {"sunrise", 2010, 2022}, {"medway", 2008, 2024},
	{"careflow", 2016, 2024}, {"totalcare", 2003, 2012}, {"swift", 2003, 2010}, {"cosmic", 2014, 2024},
	{"openmaxims", 2013, 2024}, {"carenotes", 2010, 2024}, {"adastra", 2005, 2024}, {"paris", 2006, 2022},
	{"meditech-expanse", 2018, 2024}, {"nervecentre-epr", 2016, 2024}, {"miya-precision", 2019, 2024},
	{"evolve", 2012, 2024}, {"carecentric", 2010, 2024}, {"orbis", 2015, 2024}, {"pathways-pas", 2003, 2012},
}

// Bodies that speak for the centre, audit it, or run programmes, with the
// years the generator uses them (the gazetteer's own dates still apply).
var (
	oversightIDs = []string{"dh", "nhs-cfh", "nhs-england", "nhs-improvement", "monitor", "nhsx", "nhs-digital", "nhs-tda"}
	auditorIDs   = []string{"nao", "pac", "health-committee", "cqc", "healthcare-commission"}
	programmeIDs = []string{"npfit", "tech-fund", "gde", "digital-aspirant", "frontline-digitisation"}
	orgYears     = map[string][2]int{"nhs-digital": {2016, 2022}, "npfit": {2003, 2012}, "tech-fund": {2013, 2016}, "gde": {2016, 2021}}
	// lsps are the NPfIT prime contractors and the years they held contracts.
	lsps = []struct {
		id       string
		from, to int
	}{{"bt", 2004, 2013}, {"csc", 2004, 2013}, {"fujitsu", 2004, 2008}, {"accenture", 2004, 2006}}
)

func newWorld(gz *gazetteer.Gazetteer) (*world, error) {
	w := &world{gz: gz, orgs: map[string]orgInfo{}}
	for _, code := range gz.Trusts() {
		t, _ := gz.Trust(code)
		ti := &trustInfo{code: code, aliases: t.Aliases}
		if !t.Open.IsZero() {
			ti.open = t.Open.Start()
		}
		if !t.Close.IsZero() {
			ti.close = t.Close.End()
		}
		for y := firstYear; y <= lastYear; y++ {
			ys, ye := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
			if (ti.open.IsZero() || ti.open.Before(ye)) && (ti.close.IsZero() || ti.close.After(ys)) {
				w.byYear[y-firstYear] = append(w.byYear[y-firstYear], ti)
			}
		}
	}
	for y, ts := range w.byYear {
		if len(ts) < 20 {
			return nil, fmt.Errorf("gen: gazetteer has only %d trusts open in %d", len(ts), firstYear+y)
		}
	}
	for _, e := range systemEras {
		s, ok := gz.System(e.id)
		if !ok {
			continue
		}
		w.systems = append(w.systems, sysInfo{sys: s, from: e.from, to: e.to})
	}
	if len(w.systems) < 5 {
		return nil, fmt.Errorf("gen: gazetteer has only %d of the systems the generator features", len(w.systems))
	}
	for _, list := range [][]string{oversightIDs, auditorIDs, programmeIDs} {
		for _, id := range list {
			o, ok := gz.Org(id)
			if !ok {
				return nil, fmt.Errorf("gen: gazetteer lacks org %q", id)
			}
			oi := orgInfo{id: id, name: o.Name}
			if !o.From.IsZero() {
				oi.from = o.From.Start()
			}
			if !o.To.IsZero() {
				oi.to = o.To.End()
			}
			if ys, ok := orgYears[id]; ok {
				oi.from = time.Date(ys[0], 1, 1, 0, 0, 0, 0, time.UTC)
				oi.to = time.Date(ys[1]+1, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			w.orgs[id] = oi
		}
	}
	for _, id := range gz.Orgs() {
		o, _ := gz.Org(id)
		if !contains(commissionerKinds, o.Kind) {
			continue
		}
		oi := orgInfo{id: id, name: o.Name, from: time.Date(2002, 10, 1, 0, 0, 0, 0, time.UTC)}
		if !o.From.IsZero() {
			oi.from = o.From.Start()
		}
		if !o.To.IsZero() {
			oi.to = o.To.End()
		}
		w.commissioners = append(w.commissioners, oi)
	}
	if len(w.commissioners) == 0 {
		return nil, fmt.Errorf("gen: gazetteer has no commissioners")
	}
	for _, l := range lsps {
		if _, ok := gz.Vendor(l.id); !ok {
			return nil, fmt.Errorf("gen: gazetteer lacks vendor %q", l.id)
		}
	}
	return w, nil
}

// openAt reports whether the trust existed on day t.
func (ti *trustInfo) openAt(t time.Time) bool {
	return (ti.open.IsZero() || !ti.open.After(t)) && (ti.close.IsZero() || ti.close.After(t))
}

func (o orgInfo) validAt(t time.Time) bool {
	return (o.from.IsZero() || !o.from.After(t)) && (o.to.IsZero() || o.to.After(t))
}

// vendorAt is the vendor that owned or sold a system at date d.
func (w *world) vendorAt(s *gazetteer.System, d corpus.Date) string {
	t := d.Start()
	for _, h := range s.VendorHistory {
		if h.VendorID == "" {
			continue
		}
		if (h.From.IsZero() || !h.From.Start().After(t)) && (h.To.IsZero() || h.To.End().After(t)) {
			if _, ok := w.gz.Vendor(h.VendorID); ok {
				return h.VendorID
			}
		}
	}
	return s.VendorID
}

// shortName is how the press shortens a trust's name: "Kingston Hospital"
// for "Kingston Hospital NHS Trust".
func shortName(name string) string {
	s := name
	for _, suf := range []string{" NHS Foundation Trust", " NHS Trust", " Foundation Trust", " Trust"} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	s = strings.TrimPrefix(s, "The ")
	if len(s) < 4 {
		return name
	}
	return s
}
