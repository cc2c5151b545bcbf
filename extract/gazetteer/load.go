package gazetteer

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

//go:embed data/*.csv
var dataFS embed.FS

// ErrInvalid is wrapped by every validation error of Load.
var ErrInvalid = errors.New("invalid gazetteer data")

// table is one parsed CSV file: its header and rows, with the line of each
// row for error messages.
type table struct {
	file  string
	cols  map[string]int
	rows  [][]string
	lines []int
}

func (t *table) get(i int, col string) string {
	return strings.TrimSpace(t.rows[i][t.cols[col]])
}

func (t *table) errf(i int, format string, args ...any) error {
	return fmt.Errorf("gazetteer %s line %d: %w: %s", t.file, t.lines[i], ErrInvalid, fmt.Sprintf(format, args...))
}

func (t *table) date(i int, col string) (corpus.Date, error) {
	d, err := corpus.ParseDate(t.get(i, col))
	if err != nil {
		return d, t.errf(i, "column %s: %v", col, err)
	}
	return d, nil
}

// dates reads a from/to pair and checks that from does not come after to.
func (t *table) dates(i int, fromCol, toCol string) (corpus.Date, corpus.Date, error) {
	from, err := t.date(i, fromCol)
	if err != nil {
		return from, from, err
	}
	to, err := t.date(i, toCol)
	if err != nil {
		return from, to, err
	}
	if !from.IsZero() && !to.IsZero() && !from.Start().Before(to.End()) {
		return from, to, t.errf(i, "%s %s is after %s %s", fromCol, from, toCol, to)
	}
	return from, to, nil
}

func readTable(fsys fs.FS, file string, want ...string) (*table, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", file, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: header: %w", file, err)
	}
	t := &table{file: file, cols: map[string]int{}}
	for i, h := range header {
		t.cols[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range want {
		if _, ok := t.cols[c]; !ok {
			return nil, fmt.Errorf("gazetteer %s: %w: missing column %q (want %s)", file, ErrInvalid, c, strings.Join(want, ","))
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Load parses and validates the embedded gazetteer and builds its indexes.
// Call it once per run and keep the result: it takes about 20 ms.
func Load() (*Gazetteer, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return load(sub)
}

func load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{
		trusts:  map[string]*Trust{},
		orgs:    map[string]*Org{},
		vendors: map[string]*Vendor{},
		systems: map[string]*System{},
		preds:   map[string][]string{},
	}
	steps := []func(fs.FS) error{g.loadTrusts, g.loadNames, g.loadTrustAliases, g.loadOrgs, g.loadVendors, g.loadSystems, g.loadExtraAliases, g.loadSites}
	for _, step := range steps {
		if err := step(fsys); err != nil {
			return nil, err
		}
	}
	for code, t := range g.trusts {
		g.trustIDs = append(g.trustIDs, code)
		if t.Successor != "" {
			g.preds[t.Successor] = append(g.preds[t.Successor], code)
		}
	}
	for _, p := range g.preds {
		sort.Strings(p)
	}
	for id := range g.orgs {
		g.orgIDs = append(g.orgIDs, id)
	}
	for id := range g.vendors {
		g.vendIDs = append(g.vendIDs, id)
	}
	for id := range g.systems {
		g.sysIDs = append(g.sysIDs, id)
	}
	sort.Strings(g.trustIDs)
	sort.Strings(g.orgIDs)
	sort.Strings(g.vendIDs)
	sort.Strings(g.sysIDs)
	g.parseHistories()
	return g, nil
}

func (g *Gazetteer) loadTrusts(fsys fs.FS) error {
	t, err := readTable(fsys, "trusts.csv", "ods_code", "name", "open_date", "close_date", "successor_code", "status", "sources")
	if err != nil {
		return err
	}
	for i := range t.rows {
		code := t.get(i, "ods_code")
		if code == "" || t.get(i, "name") == "" {
			return t.errf(i, "empty ods_code or name")
		}
		if _, dup := g.trusts[code]; dup {
			return t.errf(i, "duplicate ods_code %s", code)
		}
		open, closed, err := t.dates(i, "open_date", "close_date")
		if err != nil {
			return err
		}
		st := t.get(i, "status")
		if st != "open" && st != "closed" {
			return t.errf(i, "status %q: want open or closed", st)
		}
		g.trusts[code] = &Trust{Code: code, Name: t.get(i, "name"), Open: open, Close: closed,
			Successor: t.get(i, "successor_code"), Status: st, Sources: t.get(i, "sources")}
	}
	for i := range t.rows {
		code, succ := t.get(i, "ods_code"), t.get(i, "successor_code")
		if succ == "" {
			continue
		}
		if _, ok := g.trusts[succ]; !ok {
			return t.errf(i, "successor_code %s of %s is not a trust", succ, code)
		}
		if succ == code {
			return t.errf(i, "%s is its own successor", code)
		}
	}
	return nil
}

func (g *Gazetteer) loadNames(fsys fs.FS) error {
	t, err := readTable(fsys, "names.csv", "ods_code", "name", "from", "to", "note")
	if err != nil {
		return err
	}
	for i := range t.rows {
		code := t.get(i, "ods_code")
		tr, ok := g.trusts[code]
		if !ok {
			return t.errf(i, "ods_code %s is not in trusts.csv", code)
		}
		from, to, err := t.dates(i, "from", "to")
		if err != nil {
			return err
		}
		if t.get(i, "name") == "" {
			return t.errf(i, "empty name")
		}
		tr.Names = append(tr.Names, TrustName{Name: t.get(i, "name"), From: from, To: to, Note: t.get(i, "note")})
	}
	return nil
}

func (g *Gazetteer) loadTrustAliases(fsys fs.FS) error {
	t, err := readTable(fsys, "trust_aliases.csv", "ods_code", "alias")
	if err != nil {
		return err
	}
	seen := map[string]string{}
	for i := range t.rows {
		code, alias := t.get(i, "ods_code"), t.get(i, "alias")
		tr, ok := g.trusts[code]
		if !ok {
			return t.errf(i, "ods_code %s is not in trusts.csv", code)
		}
		if alias == "" {
			return t.errf(i, "empty alias")
		}
		if prev, dup := seen[alias]; dup && prev != code {
			return t.errf(i, "alias %q maps to both %s and %s", alias, prev, code)
		}
		seen[alias] = code
		tr.Aliases = append(tr.Aliases, alias)
	}
	return nil
}

func (g *Gazetteer) loadOrgs(fsys fs.FS) error {
	t, err := readTable(fsys, "orgs.csv", "id", "name", "kind", "aliases", "from", "to", "successor", "source")
	if err != nil {
		return err
	}
	for i := range t.rows {
		id := t.get(i, "id")
		if id == "" || t.get(i, "name") == "" {
			return t.errf(i, "empty id or name")
		}
		if _, dup := g.orgs[id]; dup {
			return t.errf(i, "duplicate id %s", id)
		}
		from, to, err := t.dates(i, "from", "to")
		if err != nil {
			return err
		}
		g.orgs[id] = &Org{ID: id, Name: t.get(i, "name"), Kind: t.get(i, "kind"), Aliases: splitList(t.get(i, "aliases")),
			From: from, To: to, Successor: t.get(i, "successor"), Source: t.get(i, "source")}
	}
	for i := range t.rows {
		if s := t.get(i, "successor"); s != "" {
			if _, ok := g.orgs[s]; !ok {
				return t.errf(i, "successor %s of %s is not in orgs.csv", s, t.get(i, "id"))
			}
		}
	}
	return nil
}

func (g *Gazetteer) loadVendors(fsys fs.FS) error {
	t, err := readTable(fsys, "vendors.csv", "id", "name", "legal_name", "aliases", "notes", "sources")
	if err != nil {
		return err
	}
	for i := range t.rows {
		id := t.get(i, "id")
		if id == "" || t.get(i, "name") == "" {
			return t.errf(i, "empty id or name")
		}
		if _, dup := g.vendors[id]; dup {
			return t.errf(i, "duplicate id %s", id)
		}
		g.vendors[id] = &Vendor{ID: id, Name: t.get(i, "name"), LegalName: t.get(i, "legal_name"),
			Aliases: splitList(t.get(i, "aliases")), Notes: t.get(i, "notes"), Sources: t.get(i, "sources")}
	}
	return nil
}

func (g *Gazetteer) loadSystems(fsys fs.FS) error {
	t, err := readTable(fsys, "systems.csv", "id", "name", "vendor_id", "aliases", "vendor_history", "category", "notes")
	if err != nil {
		return err
	}
	for i := range t.rows {
		id := t.get(i, "id")
		if id == "" || t.get(i, "name") == "" {
			return t.errf(i, "empty id or name")
		}
		if _, dup := g.systems[id]; dup {
			return t.errf(i, "duplicate id %s", id)
		}
		v := t.get(i, "vendor_id")
		if _, ok := g.vendors[v]; v != "" && !ok {
			return t.errf(i, "vendor_id %s is not in vendors.csv", v)
		}
		s := &System{ID: id, Name: t.get(i, "name"), VendorID: v, Aliases: splitList(t.get(i, "aliases")),
			Category: t.get(i, "category"), Notes: t.get(i, "notes")}
		s.VendorHistory = g.parseSystemOwners(t.get(i, "vendor_history"))
		g.systems[id] = s
	}
	return nil
}

// loadExtraAliases reads extra_aliases.csv (type,id,alias,note): hand-added
// spellings the source files lack, merged into the entity's Aliases.
func (g *Gazetteer) loadExtraAliases(fsys fs.FS) error {
	t, err := readTable(fsys, "extra_aliases.csv", "type", "id", "alias", "note")
	if err != nil {
		return err
	}
	for i := range t.rows {
		id, alias := t.get(i, "id"), t.get(i, "alias")
		if alias == "" {
			return t.errf(i, "empty alias")
		}
		var list *[]string
		switch typ := t.get(i, "type"); typ {
		case "trust":
			if e, ok := g.trusts[id]; ok {
				list = &e.Aliases
			}
		case "org":
			if e, ok := g.orgs[id]; ok {
				list = &e.Aliases
			}
		case "vendor":
			if e, ok := g.vendors[id]; ok {
				list = &e.Aliases
			}
		case "system":
			if e, ok := g.systems[id]; ok {
				list = &e.Aliases
			}
		default:
			return t.errf(i, "type %q: want trust, org, vendor or system", typ)
		}
		if list == nil {
			return t.errf(i, "no %s with id %s", t.get(i, "type"), id)
		}
		*list = append(*list, alias)
	}
	return nil
}

func (g *Gazetteer) loadSites(fsys fs.FS) error {
	t, err := readTable(fsys, "sites.csv", "site", "ods_code", "from", "to", "note")
	if err != nil {
		return err
	}
	var keys []string // Key of each site row so far
	for i := range t.rows {
		name, code := t.get(i, "site"), t.get(i, "ods_code")
		if name == "" {
			return t.errf(i, "empty site")
		}
		_, isTrust := g.trusts[code]
		_, isOrg := g.orgs[code]
		if !isTrust && !isOrg {
			return t.errf(i, "ods_code %s of %q is neither in trusts.csv nor in orgs.csv", code, name)
		}
		from, to, err := t.dates(i, "from", "to")
		if err != nil {
			return err
		}
		s := Site{Name: name, Code: code, From: from, To: to, Note: t.get(i, "note")}
		k := Key(name)
		for j, prev := range g.sites {
			if keys[j] == k && span(prev.From, prev.To).overlap(span(from, to).bounds()) > 0 {
				return t.errf(i, "site %q: rows %s and %s overlap in time", name, prev.Code, code)
			}
		}
		g.sites = append(g.sites, s)
		keys = append(keys, k)
	}
	return nil
}

// bounds returns p as a closed pair of instants usable by overlap; open ends
// become far past and far future.
func (p period) bounds() (s, e time.Time) {
	s, e = p.from, p.to
	if s.IsZero() {
		s = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if e.IsZero() {
		e = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return s, e
}
