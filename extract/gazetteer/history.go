package gazetteer

import (
	"regexp"
	"sort"
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
)

// This file turns the prose of vendors.csv notes and systems.csv
// vendor_history into structured ownership data. It runs once, in Load.

const monthRe = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`

var (
	reDate = regexp.MustCompile(`\b(?:(\d{1,2}) (` + monthRe + `) ((?:19|20)\d\d)|(` + monthRe + `) ((?:19|20)\d\d)|((?:19|20)\d\d))\b`)
	// reVerb finds the corporate events the notes describe.
	reVerb   = regexp.MustCompile(`(?i)\b(?:was |were )?(acquired by|bought by|acquired|bought|merged with|sold)\b`)
	reRange  = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)?`)
	reTo     = regexp.MustCompile(`\bto (` + monthRe + ` )?((?:19|20)\d\d)\b`)
	reBy     = regexp.MustCompile(`\bby ((?:19|20)\d\d)\b`)
	reFormTo = regexp.MustCompile(`(?i)\bto form (?:the )?([^,;().]+)`)
)

var monthNum = map[string]int{"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
	"July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12}

// firstDate returns the first date written in s.
func firstDate(s string) corpus.Date {
	m := reDate.FindStringSubmatch(s)
	if m == nil {
		return corpus.Date{}
	}
	var d string
	switch {
	case m[1] != "":
		d = m[3] + "-" + two(monthNum[m[2]]) + "-" + two(atoi(m[1]))
	case m[4] != "":
		d = m[5] + "-" + two(monthNum[m[4]])
	default:
		d = m[6]
	}
	v, err := corpus.ParseDate(d)
	if err != nil {
		return corpus.Date{}
	}
	return v
}

func two(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// vendorKeys lists every vendor name, alias and ID as folded token lists, for
// resolving a phrase of the notes to a vendor.
type vendorKey struct {
	id   string
	toks []string
}

func (g *Gazetteer) vendorKeys() []vendorKey {
	var out []vendorKey
	for _, id := range g.vendIDs {
		v := g.vendors[id]
		names := append([]string{v.Name, v.LegalName, strings.ReplaceAll(id, "-", " ")}, v.Aliases...)
		for _, n := range names {
			if k := Key(n); k != "" {
				out = append(out, vendorKey{id, strings.Fields(k)})
			}
		}
	}
	// Longest first, so "GE Healthcare" wins over a shorter name inside it.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].toks) > len(out[j].toks) })
	return out
}

// resolveVendor returns the ID of the vendor whose longest name occurs in
// phrase, or "".
func resolveVendor(keys []vendorKey, phrase string) string {
	toks := strings.Fields(Key(phrase))
	for _, k := range keys {
		for i := 0; i+len(k.toks) <= len(toks); i++ {
			ok := true
			for j, w := range k.toks {
				if toks[i+j] != w && !(j == len(k.toks)-1 && toks[i+j] == w+"s") {
					ok = false
					break
				}
			}
			if ok {
				return k.id
			}
		}
	}
	return ""
}

// clauses splits notes at semicolons and sentence ends (not at an initial
// such as "N. Harris").
func clauses(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := c == ';'
		if c == '.' && i+1 < len(s) && s[i+1] == ' ' {
			// not after a single capital letter (an initial)
			end = !(i >= 1 && s[i-1] >= 'A' && s[i-1] <= 'Z' && (i == 1 || s[i-2] == ' '))
		}
		if end {
			if c := strings.TrimSpace(s[start:i]); c != "" {
				out = append(out, c)
			}
			start = i + 1
		}
	}
	if c := strings.TrimSpace(strings.TrimSuffix(s[start:], ".")); c != "" {
		out = append(out, c)
	}
	return out
}

// object returns the noun phrase at the start of s, cut at the first
// preposition, bracket or punctuation.
func object(s string) string {
	cut := len(s)
	for _, stop := range []string{" on ", " in ", " (", ",", ";", " for ", " to form", " which", " and "} {
		if i := strings.Index(s, stop); i >= 0 && i < cut {
			cut = i
		}
	}
	return strings.TrimSpace(s[:cut])
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

// parseHistories fills Vendor.History from each vendor's notes.
func (g *Gazetteer) parseHistories() {
	keys := g.vendorKeys()
	for _, id := range g.vendIDs {
		v := g.vendors[id]
		for _, cl := range clauses(v.Notes) {
			for _, loc := range reVerb.FindAllStringSubmatchIndex(cl, -1) {
				// The subject just before the verb must be this vendor or
				// nobody named ("DXC sold ..." in CSC's notes is DXC's event).
				if subj := resolveVendor(keys, lastWords(cl[:loc[0]], 2)); subj != "" && subj != id {
					continue
				}
				verb := strings.ToLower(cl[loc[2]:loc[3]])
				rest := cl[loc[1]:]
				var ev OwnershipEvent
				switch verb {
				case "acquired by", "bought by":
					ev.Kind = "acquired-by"
					ev.Other = object(strings.TrimPrefix(strings.TrimSpace(rest), "the "))
				case "acquired", "bought":
					ev.Kind = "acquired"
					ev.Other = object(strings.TrimSpace(rest))
				case "merged with":
					m := reFormTo.FindStringSubmatch(rest)
					if m == nil {
						continue
					}
					ev.Kind = "merged-into"
					ev.Other = strings.TrimSpace(m[1])
				case "sold":
					i := strings.Index(rest, " to ")
					if i < 0 {
						continue
					}
					ev.Kind = "sold-to"
					ev.Other = object(rest[i+4:])
				}
				if ev.Other == "" {
					continue
				}
				if o := resolveVendor(keys, ev.Other); o != "" {
					if o == id {
						continue
					}
					ev.Other = o
				}
				ev.Date = firstDate(rest)
				if ev.Date.IsZero() {
					ev.Date = firstDate(cl)
				}
				ev.Text = cl
				v.History = append(v.History, ev)
			}
		}
	}
}

// parseSystemOwners reads a systems.csv vendor_history field such as
// "isoft (developer, to July 2011); csc (2011-2017); dedalus (2020-)".
func (g *Gazetteer) parseSystemOwners(s string) []SystemOwner {
	keys := g.vendorKeysFrom()
	var out []SystemOwner
	for _, part := range splitList(s) {
		o := SystemOwner{Text: part}
		head := part
		if i := strings.Index(part, "("); i >= 0 {
			head = part[:i]
		}
		o.VendorID = resolveVendor(keys, head)
		if m := reRange.FindStringSubmatch(part); m != nil {
			o.From, _ = corpus.ParseDate(m[1])
			if m[2] != "" {
				o.To, _ = corpus.ParseDate(m[2])
			}
		}
		if m := reTo.FindStringSubmatch(part); m != nil {
			if m[1] != "" {
				o.To = firstDate(m[1] + m[2])
			} else {
				o.To, _ = corpus.ParseDate(m[2])
			}
		}
		if m := reBy.FindStringSubmatch(part); m != nil && o.From.IsZero() {
			o.From, _ = corpus.ParseDate(m[1])
		}
		out = append(out, o)
	}
	return out
}

// vendorKeysFrom is vendorKeys for use while loading, before the sorted ID
// list exists.
func (g *Gazetteer) vendorKeysFrom() []vendorKey {
	if len(g.vendIDs) == 0 {
		ids := make([]string, 0, len(g.vendors))
		for id := range g.vendors {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		saved := g.vendIDs
		g.vendIDs = ids
		defer func() { g.vendIDs = saved }()
	}
	return g.vendorKeys()
}
