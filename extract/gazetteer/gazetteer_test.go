package gazetteer

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadEmbedded(t *testing.T) {
	g, _ := loadT(t)
	counts := []struct {
		what string
		got  int
		min  int
	}{
		{"trusts", len(g.Trusts()), 540},
		{"orgs", len(g.Orgs()), 600},
		{"vendors", len(g.Vendors()), 50},
		{"systems", len(g.Systems()), 30},
		{"site rows", len(g.Sites()), 300},
	}
	for _, c := range counts {
		if c.got < c.min {
			t.Errorf("%s = %d; want at least %d", c.what, c.got, c.min)
		}
	}
	names := map[string]bool{}
	for _, s := range g.Sites() {
		names[Key(s.Name)] = true
		if _, ok := g.Trust(s.Code); !ok {
			if _, ok := g.Org(s.Code); !ok {
				t.Errorf("site %q: code %s is neither trust nor org", s.Name, s.Code)
			}
		}
		if !strings.HasPrefix(s.Note, "hand-compiled from public record") {
			t.Errorf("site %q: note %q lacks the provenance", s.Name, s.Note)
		}
	}
	if len(names) < 150 {
		t.Errorf("distinct sites = %d; want at least 150", len(names))
	}
}

func TestTrustNameAt(t *testing.T) {
	g, _ := loadT(t)
	tests := []struct {
		code, date, want string
	}{
		{"RAL", "2008", "Royal Free Hampstead NHS Trust"},
		{"RAL", "2008-11-05", "Royal Free Hampstead NHS Trust"},
		{"RAL", "2012-03-31", "Royal Free Hampstead NHS Trust"},
		{"RAL", "2012-04-01", "Royal Free London NHS Foundation Trust"},
		{"RAL", "2013", "Royal Free London NHS Foundation Trust"},
		{"RAL", "", "Royal Free London NHS Foundation Trust"},
		{"RTH", "2011", "Oxford Radcliffe Hospitals NHS Trust"}, // renamed 1 November: most of 2011
		{"RTH", "2011-10", "Oxford Radcliffe Hospitals NHS Trust"},
		{"RTH", "2011-11", "Oxford University Hospitals NHS Trust"},
		{"RTH", "2012", "Oxford University Hospitals NHS Trust"},
		{"RTH", "2016", "Oxford University Hospitals NHS Foundation Trust"},
		{"RTH", "1990", "Oxford Radcliffe Hospitals NHS Trust"}, // before the first name: the first
		{"RAX", "2009-03", "Kingston Hospital NHS Trust"},
		{"RAX", "2013", "Kingston Hospital NHS Trust"}, // overlapping approximate names: the earlier
		{"RAX", "2020", "Kingston Hospital NHS Foundation Trust"},
		{"RAX", "2025", "Kingston and Richmond NHS Foundation Trust"},
		{"RJ6", "2010-09-30", "Mayday Healthcare NHS Trust"},
		{"RJ6", "2010-10", "Croydon Health Services NHS Trust"},
		{"RNJ", "2009", "Barts and The London NHS Trust"},
		{"RRK", "2009", "University Hospitals Birmingham NHS Foundation Trust"}, // only undated names: current
		{"RW1", "2010", "Hampshire Partnership NHS Foundation Trust"},
		{"RW1", "2015", "Southern Health NHS Foundation Trust"},
		{"XXX", "2010", ""},
	}
	for _, tt := range tests {
		if got := g.TrustNameAt(tt.code, day(tt.date)); got != tt.want {
			t.Errorf("TrustNameAt(%s, %s) = %q; want %q", tt.code, tt.date, got, tt.want)
		}
	}
}

func TestCurrentAndPredecessors(t *testing.T) {
	g, _ := loadT(t)
	cur := []struct{ code, wantCode, wantName string }{
		{"RNJ", "R1H", "Barts Health NHS Trust"},
		{"RQN", "RYJ", "Imperial College Healthcare NHS Trust"},
		{"RBF", "RTH", "Oxford University Hospitals NHS Foundation Trust"},
		{"RAL", "RAL", "Royal Free London NHS Foundation Trust"},
		{"RYQ", "RYQ", "South London Healthcare NHS Trust"}, // dissolved without a single successor
		{"RCS", "RX1", "Nottingham University Hospitals NHS Trust"},
		{"XXX", "", ""},
	}
	for _, tt := range cur {
		if c, n := g.Current(tt.code); c != tt.wantCode || n != tt.wantName {
			t.Errorf("Current(%s) = %s, %q; want %s, %q", tt.code, c, n, tt.wantCode, tt.wantName)
		}
	}
	pred := []struct {
		code string
		want []string
	}{
		{"R1H", []string{"RGC", "RNH", "RNJ"}},
		{"RYJ", []string{"RJ5", "RQN"}},
		{"RYQ", []string{"RG2", "RG3", "RGZ"}},
		{"RAL", []string{"RAP", "RVL"}},
	}
	for _, tt := range pred {
		if got := g.Predecessors(tt.code); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Predecessors(%s) = %v; want %v", tt.code, got, tt.want)
		}
	}
}

func TestLookups(t *testing.T) {
	g, _ := loadT(t)
	if tr, ok := g.Trust("RAL"); !ok || tr.Name != "Royal Free London NHS Foundation Trust" || len(tr.Names) != 2 {
		t.Errorf("Trust(RAL) = %+v, %v", tr, ok)
	}
	if _, ok := g.Trust("ZZZ"); ok {
		t.Error("Trust(ZZZ) found")
	}
	if o, ok := g.Org("nhs-cfh"); !ok || o.Name != "NHS Connecting for Health" || o.Successor != "nhs-digital" || o.To.String() != "2013-03-31" {
		t.Errorf("Org(nhs-cfh) = %+v, %v", o, ok)
	}
	if s, ok := g.System("cerner-millennium"); !ok || s.VendorID != "cerner" {
		t.Errorf("System(cerner-millennium) = %+v, %v", s, ok)
	}
	if v, ok := g.Vendor("bt"); !ok || !contains(v.Aliases, "BT Health") {
		t.Errorf("Vendor(bt) = %+v, %v; want BT Health among the aliases", v, ok)
	}
	hist := []struct {
		vendor, kind, other, date string
	}{
		{"isoft", "acquired-by", "csc", "2011-07-29"},
		{"csc", "acquired", "isoft", "2011-07-29"},
		{"csc", "merged-into", "dxc", "2017"},
		{"cerner", "acquired-by", "oracle", "2022-06"},
		{"idx", "acquired-by", "ge-healthcare", "2006"},
		{"dxc", "sold-to", "dedalus", "2020-07"},
		{"torex", "acquired-by", "isoft", "2004"},
	}
	for _, h := range hist {
		v, _ := g.Vendor(h.vendor)
		found := false
		for _, e := range v.History {
			if e.Kind == h.kind && e.Other == h.other && e.Date.String() == h.date {
				found = true
			}
		}
		if !found {
			t.Errorf("Vendor(%s).History = %+v; want %s %s %s", h.vendor, v.History, h.kind, h.other, h.date)
		}
	}
	lor, _ := g.System("lorenzo")
	var owners []string
	for _, o := range lor.VendorHistory {
		owners = append(owners, o.VendorID+":"+o.From.String()+"-"+o.To.String())
	}
	if want := "isoft:-2011-07,csc:2011-2017,dxc:2017-2020,dedalus:2020-"; strings.Join(owners, ",") != want {
		t.Errorf("Lorenzo vendor history = %s; want %s", strings.Join(owners, ","), want)
	}
}

func TestSiteAt(t *testing.T) {
	g, _ := loadT(t)
	tests := []struct{ site, date, want string }{
		{"Hammersmith Hospital", "2007-09-30", "RQN"},
		{"Hammersmith Hospital", "2007-10-01", "RYJ"},
		{"Hammersmith Hospital", "2007", "RQN"}, // most of 2007
		{"St Bartholomew’s Hospital", "2012-03-31", "RNJ"},
		{"St Bartholomew's Hospital", "", "R1H"},
		{"Princess Royal University Hospital", "2010", "RYQ"},
		{"Princess Royal University Hospital", "2014", "RJZ"},
		{"Addenbrooke's Hospital", "2000", "RGT"},
	}
	for _, tt := range tests {
		s, ok := g.SiteAt(tt.site, day(tt.date))
		if !ok || s.Code != tt.want {
			t.Errorf("SiteAt(%q, %s) = %+v, %v; want %s", tt.site, tt.date, s, ok, tt.want)
		}
	}
	if _, ok := g.SiteAt("Nowhere General", day("2009")); ok {
		t.Error("SiteAt(Nowhere General) found")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestLoadInvalid checks that Load's validation rejects bad data with an
// error that names the file and line.
func TestLoadInvalid(t *testing.T) {
	base := map[string]string{
		"trusts.csv":        "ods_code,name,open_date,close_date,successor_code,status,sources\r\nRAA,A NHS Trust,1991-04-01,2000-03-31,RBB,closed,x\r\nRBB,B NHS Trust,2000-04-01,,,open,x\r\n",
		"names.csv":         "ods_code,name,from,to,note\r\nRAA,A Old NHS Trust,1991,1995,pr\r\n",
		"trust_aliases.csv": "ods_code,alias\r\nRBB,Bee\r\n",
		"orgs.csv":          "id,name,kind,aliases,from,to,successor,source\r\ndh,Department of Health,national-body,DH,,,,pr\r\n",
		"vendors.csv":       "id,name,legal_name,aliases,notes,sources\r\nbt,BT,BT,BT Health,,\r\n",
		"systems.csv":       "id,name,vendor_id,aliases,vendor_history,category,notes\r\nx,X System,bt,,,,\r\n",
		"extra_aliases.csv": "type,id,alias,note\r\n",
		"sites.csv":         "site,ods_code,from,to,note\r\nA Hospital,RAA,,1999-12-31,n\r\nA Hospital,RBB,2000-01-01,,n\r\n",
	}
	mk := func(file, content string) fs.FS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = &fstest.MapFile{Data: []byte(v)}
		}
		if file != "" {
			m[file] = &fstest.MapFile{Data: []byte(content)}
		}
		return m
	}
	if g, err := load(mk("", "")); err != nil || g.TrustNameAt("RAA", day("1993")) != "A Old NHS Trust" {
		t.Fatalf("load(valid) = %v; want a gazetteer", err)
	}
	bad := []struct{ name, file, content, wantMsg string }{
		{"duplicate code", "trusts.csv", "ods_code,name,open_date,close_date,successor_code,status,sources\r\nRAA,A,,,,open,x\r\nRAA,B,,,,open,x\r\n", "duplicate ods_code RAA"},
		{"missing successor", "trusts.csv", "ods_code,name,open_date,close_date,successor_code,status,sources\r\nRAA,A,,,RZZ,closed,x\r\nRBB,B,,,,open,x\r\n", "successor_code RZZ"},
		{"bad date", "names.csv", "ods_code,name,from,to,note\r\nRAA,A,2001-13,,x\r\n", "column from"},
		{"from after to", "names.csv", "ods_code,name,from,to,note\r\nRAA,A,2005,2001,x\r\n", "is after"},
		{"unknown trust in names", "names.csv", "ods_code,name,from,to,note\r\nRZZ,A,,,x\r\n", "not in trusts.csv"},
		{"missing column", "vendors.csv", "id,name\r\nbt,BT\r\n", "missing column"},
		{"unknown vendor", "systems.csv", "id,name,vendor_id,aliases,vendor_history,category,notes\r\nx,X,nobody,,,,\r\n", "vendor_id nobody"},
		{"site code", "sites.csv", "site,ods_code,from,to,note\r\nA Hospital,RZZ,,,n\r\n", "neither in trusts.csv"},
		{"site overlap", "sites.csv", "site,ods_code,from,to,note\r\nA Hospital,RAA,,2001,n\r\nA Hospital,RBB,2000,,n\r\n", "overlap"},
		{"bad status", "trusts.csv", "ods_code,name,open_date,close_date,successor_code,status,sources\r\nRAA,A,,,,gone,x\r\nRBB,B,,,,open,x\r\n", "status"},
		{"extra alias target", "extra_aliases.csv", "type,id,alias,note\r\nsystem,nope,X,\r\n", "no system with id nope"},
		{"org successor", "orgs.csv", "id,name,kind,aliases,from,to,successor,source\r\ndh,DH,x,,,,gone,pr\r\n", "successor gone"},
	}
	for _, tt := range bad {
		_, err := load(mk(tt.file, tt.content))
		if err == nil || !errors.Is(err, ErrInvalid) && tt.wantMsg != "missing column" || !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("%s: load() = %v; want an error naming %s and %q", tt.name, err, tt.file, tt.wantMsg)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Guy’s & St Thomas’", "guys and st thomas"},
		{"St Mary's", "st marys"},
		{"Stoke-on-Trent", "stoke on trent"},
		{"  Royal\n Free  ", "royal free"},
		{"The Christie", "christie"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
