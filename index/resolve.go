package index

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

// EntityKind names the entity types filters take.
type EntityKind string

// Entity kinds of filters.
const (
	KindTrust  EntityKind = "trust"
	KindOrg    EntityKind = "org"
	KindVendor EntityKind = "vendor"
	KindSystem EntityKind = "system"
	KindPerson EntityKind = "person"
)

func (k EntityKind) fields() entityFields {
	switch k {
	case KindTrust:
		return trustF
	case KindOrg:
		return orgF
	case KindVendor:
		return vendorF
	case KindSystem:
		return systemF
	}
	return personF
}

// Ref is an entity a filter names: by ID when the gazetteer knows it (a
// trust is then found under every name it had), else by its normal name
// (matched exactly, ignoring case).
//
// A name names whichever bodies held it at any time: "Barts" is Barts and
// The London NHS Trust (RNJ) until 2012 and Barts Health NHS Trust (R1H)
// since, so IDs holds both. An ID given as such stands for itself only.
type Ref struct {
	Kind  EntityKind `json:"type"`
	IDs   []string   `json:"ids,omitempty"`
	Name  string     `json:"name"`
	Input string     `json:"input"`
}

// Resolver turns what a user types ("Royal Free", "RAL", "BT Health",
// "Millenium") into Refs through the gazetteer.
type Resolver struct {
	g *gazetteer.Gazetteer
	m *gazetteer.Matcher
}

// NewResolver builds a resolver; it builds the gazetteer's matcher (about
// 100 ms), so make one per run.
func NewResolver(g *gazetteer.Gazetteer) *Resolver {
	return &Resolver{g: g, m: g.Matcher()}
}

// resolverOf returns the index's resolver, loading the gazetteer on first
// use.
func (x *Index) resolverOf() (*Resolver, error) {
	x.resolveOnce.Do(func() {
		g := x.opts.Gazetteer
		if g == nil {
			var err error
			if g, err = gazetteer.Load(); err != nil {
				x.resolveErr = fmt.Errorf("load gazetteer: %w", err)
				return
			}
		}
		x.resolver = NewResolver(g)
	})
	return x.resolver, x.resolveErr
}

// Resolve finds the entity of kind k that s names: an ID, a current or
// former name, or an alias. A name the gazetteer does not know resolves to
// itself (no ID).
func (r *Resolver) Resolve(k EntityKind, s string) Ref {
	s = strings.TrimSpace(s)
	ref := Ref{Kind: k, Name: s, Input: s}
	if r == nil || s == "" || k == KindPerson {
		return ref
	}
	switch k {
	case KindTrust:
		if t, ok := r.g.Trust(strings.ToUpper(s)); ok {
			ref.IDs, ref.Name = []string{t.Code}, t.Name
			return ref
		}
	case KindOrg:
		if o, ok := r.g.Org(s); ok {
			ref.IDs, ref.Name = []string{o.ID}, o.Name
			return ref
		}
	case KindVendor:
		if v, ok := r.g.Vendor(strings.ToLower(s)); ok {
			ref.IDs, ref.Name = []string{v.ID}, v.Name
			return ref
		}
	case KindSystem:
		if sy, ok := r.g.System(strings.ToLower(s)); ok {
			ref.IDs, ref.Name = []string{sy.ID}, sy.Name
			return ref
		}
	}
	// A name: the matcher knows every name, alias and variant. Ask at
	// every year from 1990 to now, so that a name finds each body that held
	// it. Try the name as typed, then in capitals and title case (short
	// names match only as written: "bt" is not "BT").
	seen := map[string]bool{}
	for _, text := range []string{s, strings.ToUpper(s), titleCase(s)} {
		for y := 1990; y <= time.Now().Year(); y++ {
			m, ok := r.whole(k, text, corpus.DayDate(y, time.July, 1))
			if !ok || seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			ref.IDs = append(ref.IDs, m.ID)
		}
		if len(ref.IDs) > 0 {
			break
		}
	}
	if len(ref.IDs) > 0 {
		// Named after the body that holds the name last.
		ref.Name = r.nameOf(k, ref.IDs[len(ref.IDs)-1], s)
		sort.Strings(ref.IDs)
	}
	return ref
}

// whole finds a match of kind k covering all of text's words.
func (r *Resolver) whole(k EntityKind, text string, at corpus.Date) (gazetteer.Match, bool) {
	want := gazetteer.Key(text)
	for _, m := range r.m.Find(text, at) {
		typ := m.Type
		if typ == gazetteer.TypeSite {
			typ = gazetteer.TypeTrust
		}
		if typ.String() != string(k) {
			continue
		}
		if gazetteer.Key(m.Text) == want {
			return m, true
		}
	}
	return gazetteer.Match{}, false
}

func (r *Resolver) nameOf(k EntityKind, id, fallback string) string {
	switch k {
	case KindTrust:
		if t, ok := r.g.Trust(id); ok {
			return t.Name
		}
	case KindOrg:
		if o, ok := r.g.Org(id); ok {
			return o.Name
		}
	case KindVendor:
		if v, ok := r.g.Vendor(id); ok {
			return v.Name
		}
	case KindSystem:
		if s, ok := r.g.System(id); ok {
			return s.Name
		}
	}
	return fallback
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) > 0 {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
