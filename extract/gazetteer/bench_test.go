package gazetteer

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// newsText generates about size bytes of news-like English with gazetteer
// names (full names, aliases, possessives, sites, vendors, systems) mixed in
// at roughly the density of health-IT news: one name in twelve words.
func newsText(size int, seed int64) string {
	r := rand.New(rand.NewSource(seed))
	filler := strings.Fields(`the trust said it would go live with its new electronic patient record system in
the autumn after a delay of several months and the board was told that costs had risen by
millions of pounds while the programme director explained how clinicians and managers had
worked with the supplier to fix problems with data migration outpatient bookings and waiting
list reporting which had left thousands of patients without appointments a spokesperson added
that lessons had been learned and that the deployment would continue in phases over the year.`)
	names := []string{"Royal Free Hampstead NHS Trust", "the Royal Free's", "Barts and The London NHS Trust",
		"Cerner Millennium", "BT", "BT Health's", "Oxford Radcliffe Hospitals NHS Trust", "St Mary’s Hospital",
		"NHS Connecting for Health", "CfH", "National Programme for IT", "NPfIT", "Lorenzo", "iSoft", "CSC",
		"Department of Health", "NHS London", "Kingston Hospital", "Addenbrooke's", "John Radcliffe Hospital",
		"UCLH", "Guy's and St Thomas'", "RiO", "Fujitsu", "Accenture", "Epic", "National Audit Office",
		"Public Accounts Committee", "Royal London Hospital", "Imperial College Healthcare NHS Trust",
		"North Bristol NHS Trust", "Millennium", "NHS Care Records Service", "Medway PAS", "Queen Elizabeth Hospital Birmingham"}
	var b strings.Builder
	b.Grow(size + 200)
	words := 0
	for b.Len() < size {
		if r.Intn(12) == 0 {
			b.WriteString(names[r.Intn(len(names))])
		} else {
			w := filler[r.Intn(len(filler))]
			if r.Intn(15) == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
		}
		words++
		switch {
		case words%200 == 0:
			b.WriteString(".\n\n")
		case words%17 == 0:
			b.WriteString(". ")
		case words%9 == 0:
			b.WriteString(", ")
		case words%40 == 0:
			b.WriteString("\n")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func benchFind(b *testing.B, text string) {
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	m := g.Matcher()
	words := len(strings.Fields(text))
	asOf := corpus.MonthDate(2009, 3)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		n = len(m.Find(text, asOf))
	}
	b.StopTimer()
	if n == 0 {
		b.Fatal("no matches")
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkFind runs Find over 4 MB of generated news text and over one
// 20 MB document; the words/s figure is what the extraction budget needs.
func BenchmarkFind(b *testing.B) {
	b.Run("news-4MB", func(b *testing.B) { benchFind(b, newsText(4<<20, 1)) })
	b.Run("doc-20MB", func(b *testing.B) { benchFind(b, newsText(20<<20, 2)) })
}

func BenchmarkMatcherBuild(b *testing.B) {
	g, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		g.Matcher()
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
