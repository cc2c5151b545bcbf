package gazetteer

import (
	"fmt"
	"strings"
	"testing"
)

// render writes matches as "type:ID:text" for comparison.
func render(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = fmt.Sprintf("%s:%s:%s", m.Type, m.ID, m.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	_, m := loadT(t)
	tests := []struct {
		name string
		text string
		asOf string
		want []string
	}{
		// Full names and aliases.
		{"full trust name", "Royal Free Hampstead NHS Trust said", "2008-11", []string{"trust:RAL:Royal Free Hampstead NHS Trust"}},
		{"trust alias", "staff at the Royal Free were told", "2008", []string{"trust:RAL:Royal Free"}},
		{"acronym alias", "UCLH went live", "2010", []string{"trust:RRV:UCLH"}},
		{"GOSH", "GOSH and GSTT signed", "2015", []string{"trust:RP4:GOSH", "trust:RJ1:GSTT"}},
		{"foundation trust", "Royal Berkshire NHS Foundation Trust", "2012", []string{"trust:RHW:Royal Berkshire NHS Foundation Trust"}},
		{"leading The dropped", "The Hillingdon Hospitals NHS Foundation Trust", "2020", []string{"trust:RAS:Hillingdon Hospitals NHS Foundation Trust"}},
		{"The Christie keeps The", "treated at The Christie in Manchester", "2019", []string{"trust:RBV:The Christie"}},
		{"stem alias", "Oxford University Hospitals has", "2012-05", []string{"trust:RTH:Oxford University Hospitals"}},
		{"vendor", "Cerner said", "2009", []string{"vendor:cerner:Cerner"}},
		{"vendor legal name", "Computer Sciences Corporation won", "2006", []string{"vendor:csc:Computer Sciences Corporation"}},
		{"vendor trading name to parent", "BT Health said", "2008", []string{"vendor:bt:BT Health"}},
		{"BT Global Services", "BT Global Services is", "2008", []string{"vendor:bt:BT Global Services"}},
		{"oracle health is oracle", "Oracle Health bought", "2023", []string{"vendor:oracle:Oracle Health"}},
		{"system", "Lorenzo is late", "2010", []string{"system:lorenzo:Lorenzo"}},
		{"system with vendor name", "iSoft Lorenzo was", "2010", []string{"system:lorenzo:iSoft Lorenzo"}},
		{"org", "the Department of Health said", "2009", []string{"org:dh:Department of Health"}},
		{"org lower case", "the department of health said", "2009", []string{"org:dh:department of health"}},
		{"org acronym", "CfH and NPfIT", "2009", []string{"org:nhs-cfh:CfH", "org:npfit:NPfIT"}},
		{"national programme listed", "the national programme was", "2009", []string{"org:npfit:the national programme"}},
		{"NAO", "the National Audit Office report", "2011", []string{"org:nao:National Audit Office"}},
		{"PAC lower case", "the Commons' public accounts committee", "2011", []string{"org:pac:Commons' public accounts committee"}},
		{"PCT NHS branding", "NHS Wandsworth ran it", "2009", []string{"org:5LG:NHS Wandsworth"}},
		{"SHA", "NHS London said", "2009", []string{"org:Q36:NHS London"}},
		// Possessives and apostrophes.
		{"possessive", "the Royal Free's chief executive", "2008", []string{"trust:RAL:Royal Free"}},
		{"possessive curly", "the Royal Free’s board", "2008", []string{"trust:RAL:Royal Free"}},
		{"possessive vendor", "Cerner's software", "2009", []string{"vendor:cerner:Cerner"}},
		{"possessive acronym", "BT's contract", "2009", []string{"vendor:bt:BT"}},
		{"curly apostrophe in name", "St Mary’s Hospital", "2009", []string{"site:RYJ:St Mary’s Hospital"}},
		{"straight apostrophe", "St Mary's Hospital", "2009", []string{"site:RYJ:St Mary's Hospital"}},
		{"no apostrophe", "St Marys Hospital", "2009", []string{"site:RYJ:St Marys Hospital"}},
		{"trailing apostrophe", "Guy's and St Thomas' NHS Foundation Trust", "2015", []string{"trust:RJ1:Guy's and St Thomas' NHS Foundation Trust"}},
		{"ampersand", "Guy’s & St Thomas’ said", "2015", []string{"trust:RJ1:Guy’s & St Thomas’"}},
		{"and for ampersand", "Royal Brompton and Harefield NHS Foundation Trust", "2015", []string{"trust:RT3:Royal Brompton and Harefield NHS Foundation Trust"}},
		{"line break inside name", "Barts and\nThe London NHS Trust", "2009", []string{"trust:RNJ:Barts and\nThe London NHS Trust"}},
		{"runs of spaces", "Department   of  Health", "2009", []string{"org:dh:Department   of  Health"}},
		{"hyphen", "Staffordshire and Stoke-on-Trent ICB", "2023", []string{"org:QNC:Staffordshire and Stoke-on-Trent ICB"}},
		{"dash as space", "NHS Staffordshire and Stoke on Trent ICB", "2023", []string{"org:QNC:NHS Staffordshire and Stoke on Trent ICB"}},
		// Case rules.
		{"BT needs capitals", "a bt of a problem", "2009", nil},
		{"RiO exact", "RiO went live", "2009", []string{"system:rio:RiO"}},
		{"Rio city not RiO", "flights to Rio and RIO", "2009", nil},
		{"UHB exact", "UHB said; uhb", "2015", []string{"trust:RRK:UHB"}},
		{"Millennium capitalised", "the Millennium roll-out", "2009", []string{"system:cerner-millennium:Millennium"}},
		{"millennium lower case", "since the millennium", "2009", nil},
		{"Cerner upper case headline", "CERNER DEAL", "2009", []string{"vendor:cerner:CERNER"}},
		{"cerner lower case", "a cerner", "2009", nil},
		{"CSC exact", "csc and CSC", "2009", []string{"vendor:csc:CSC"}},
		{"Monitor capitalised only", "monitor the project; Monitor said", "2010", []string{"org:monitor:Monitor"}},
		// Everyday words.
		{"Medway town", "a hospital in Medway", "2014", nil},
		{"Medway PAS", "the Medway PAS went live", "2014", []string{"system:medway:Medway PAS"}},
		{"Medway trust", "Medway NHS Foundation Trust", "2014", []string{"trust:RPA:Medway NHS Foundation Trust"}},
		{"sunrise", "at sunrise and Sunrise", "2014", nil},
		{"Sunrise EPR", "its Sunrise EPR", "2014", []string{"system:sunrise:Sunrise EPR"}},
		{"swift", "a Swift response", "2014", nil},
		{"EDS Swift", "EDS Swift PAS", "2014", []string{"system:swift:EDS Swift"}},
		{"Paris", "a trip to Paris", "2014", nil},
		{"Civica Paris", "Civica Paris", "2014", []string{"system:paris:Civica Paris"}},
		{"spine", "the Spine and the spine", "2014", nil},
		{"national spine", "the national spine", "2014", []string{"org:spine:national spine"}},
		{"SMS texts", "an SMS reminder", "2014", nil},
		// Longest match and overlaps.
		{"longest system over vendor", "Cerner Millennium", "2009", []string{"system:cerner-millennium:Cerner Millennium"}},
		{"longest trust over site", "Kingston Hospital NHS Trust", "2009", []string{"trust:RAX:Kingston Hospital NHS Trust"}},
		{"longest org", "NHS London Acute Programme Board", "2009", []string{"org:Q36:NHS London"}},
		{"adjacent names", "BT and Cerner", "2009", []string{"vendor:bt:BT", "vendor:cerner:Cerner"}},
		{"Millennium CRS", "Millennium CRS", "2009", []string{"system:cerner-millennium:Millennium CRS"}},
		{"CRS alone", "the CRS", "2009", []string{"system:nhs-crs:CRS"}},
		{"misspelt Millenium", "Cerner Millenium", "2009", []string{"system:cerner-millennium:Cerner Millenium"}},
		{"sentence break stops a name", "went to Barts and. The London NHS Trust", "2009", []string{"site:RNJ:Barts"}},
		{"St. abbreviation", "St. Mary's Hospital", "2009", []string{"site:RYJ:St. Mary's Hospital"}},
		// Mis-written forms.
		{"inserted Hospital", "Royal Free Hampstead Hospital NHS Trust", "2008", []string{"trust:RAL:Royal Free Hampstead Hospital NHS Trust"}},
		{"FT for NHS Trust", "Royal Free Hampstead NHS Foundation Trust", "2008", []string{"trust:RAL:Royal Free Hampstead NHS Foundation Trust"}},
		{"Trust alone", "the Oxford Radcliffe Trust", "2010", []string{"trust:RTH:Oxford Radcliffe Trust"}},
		{"dropped Hospitals", "Oxford Radcliffe NHS Trust", "2010", []string{"trust:RTH:Oxford Radcliffe NHS Trust"}},
		{"Hospitals for Hospital", "Kingston Hospitals NHS Trust", "2009", []string{"trust:RAX:Kingston Hospitals NHS Trust"}},
		// Dates.
		{"site before merger", "Hammersmith Hospital", "2006", []string{"site:RQN:Hammersmith Hospital"}},
		{"site after merger", "Hammersmith Hospital", "2008", []string{"site:RYJ:Hammersmith Hospital"}},
		{"Barts before Barts Health", "Barts", "2009", []string{"site:RNJ:Barts"}},
		{"Barts after", "Barts", "2013", []string{"trust:R1H:Barts"}},
		{"Royal London 2011", "the Royal London", "2011-06", []string{"site:RNJ:Royal London"}},
		{"Royal London 2012-04", "the Royal London", "2012-04-02", []string{"site:R1H:Royal London"}},
		{"undated prefers today", "Barts", "", []string{"trust:R1H:Barts"}},
		// Negatives.
		{"generic words", "the trust said the hospital and the programme", "2009", nil},
		{"place names alone", "in East London and Oxford", "2009", nil},
		{"Queen Elizabeth Hospital alone is ambiguous", "the Queen Elizabeth Hospital", "2009", nil},
		{"Manchester University is not the trust", "Manchester University researchers", "2019", nil},
		{"empty", "", "2009", nil},
		{"partial name", "Royal Brompton", "2009", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d = day(tt.asOf)
			got := render(m.Find(tt.text, d))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Find(%q, %s) = %q; want %q", tt.text, tt.asOf, got, tt.want)
			}
		})
	}
	if len(tests) < 60 {
		t.Fatalf("only %d cases", len(tests))
	}
}

// TestFindNames checks the canonical name a match carries at its date.
func TestFindNames(t *testing.T) {
	_, m := loadT(t)
	tests := []struct {
		text, asOf, want string
	}{
		{"the Royal Free", "2008-11", "Royal Free Hampstead NHS Trust"},
		{"the Royal Free", "2013", "Royal Free London NHS Foundation Trust"},
		{"Royal Free Hospital", "2008", "Royal Free Hampstead NHS Trust"},
		{"Oxford Radcliffe Hospitals NHS Trust", "2011-03", "Oxford Radcliffe Hospitals NHS Trust"},
		{"Oxford University Hospitals", "2012-01-19", "Oxford University Hospitals NHS Trust"},
		{"John Radcliffe Hospital", "2016", "Oxford University Hospitals NHS Foundation Trust"},
		{"St Mary's Hospital", "2006", "St Mary's NHS Trust"},
		{"St Mary's Hospital", "2009", "Imperial College Healthcare NHS Trust"},
		{"Royal London Hospital", "2009", "Barts and The London NHS Trust"},
		{"Royal London Hospital", "2014", "Barts Health NHS Trust"},
		{"Kingston Hospital", "2009-03", "Kingston Hospital NHS Trust"},
		{"Queen Mary's Hospital, Roehampton", "2009", "Queen Mary's Hospital, Roehampton"},
		{"BT Health", "2008", "BT"},
		{"NHS London", "2009", "London Strategic Health Authority"},
		{"Millenium", "2009", "Cerner Millennium"},
		{"Mayday Hospital", "2009", "Mayday Healthcare NHS Trust"},
		{"Mayday Hospital", "2011", "Croydon Health Services NHS Trust"},
	}
	for _, tt := range tests {
		ms := m.Find(tt.text, day(tt.asOf))
		if len(ms) != 1 || ms[0].Name != tt.want {
			t.Errorf("Find(%q, %s) names = %v; want one match named %q", tt.text, tt.asOf, ms, tt.want)
		}
	}
}

func TestFindOffsets(t *testing.T) {
	_, m := loadT(t)
	text := "Yesterday the Royal Free’s board and BT met at St Mary’s Hospital."
	for _, mt := range m.Find(text, day("2009")) {
		if text[mt.Start:mt.End] != mt.Text {
			t.Errorf("match %+v: text[%d:%d] = %q", mt, mt.Start, mt.End, text[mt.Start:mt.End])
		}
	}
	ms := m.Find(text, day("2009"))
	if len(ms) != 3 || ms[0].Text != "Royal Free" || ms[1].Text != "BT" || ms[2].Text != "St Mary’s Hospital" {
		t.Errorf("Find(%q) = %q; want Royal Free, BT, St Mary’s Hospital", text, render(ms))
	}
}

func TestFindDeterministic(t *testing.T) {
	_, m := loadT(t)
	text := newsText(64<<10, 7)
	a := render(m.Find(text, day("2009")))
	for i := 0; i < 3; i++ {
		if b := render(m.Find(text, day("2009"))); strings.Join(a, "|") != strings.Join(b, "|") {
			t.Fatal("Find is not deterministic")
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Royal Free’s", "Barts and\n\nThe London", "St. Mary's", "C&B", "RiO", "’s", "'", "&&", "Guy's and St Thomas'", "\xff\xfe", "Cerner Millennium LC1."} {
		f.Add(s)
	}
	g, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	m := g.Matcher()
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, mt := range m.Find(text, day("2009")) {
			if mt.Start < prev || mt.End <= mt.Start || mt.End > len(text) || text[mt.Start:mt.End] != mt.Text || mt.ID == "" || mt.Name == "" {
				t.Fatalf("bad match %+v in %q", mt, text)
			}
			prev = mt.End
		}
	})
}
