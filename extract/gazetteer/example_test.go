package gazetteer_test

import (
	"fmt"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

func Example() {
	g, err := gazetteer.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	m := g.Matcher() // build once per run, reuse for every document

	text := "The Royal Free’s board heard that BT Health would fix Cerner Millenium at St Mary's Hospital."
	for _, mt := range m.Find(text, corpus.MonthDate(2008, time.November)) {
		fmt.Printf("%s %s %q → %s\n", mt.Type, mt.ID, mt.Text, mt.Name)
	}
	code, name := g.Current("RNJ")
	fmt.Println("RNJ today:", code, name)
	// Output:
	// trust RAL "Royal Free" → Royal Free Hampstead NHS Trust
	// vendor bt "BT Health" → BT
	// system cerner-millennium "Cerner Millenium" → Cerner Millennium
	// site RYJ "St Mary's Hospital" → Imperial College Healthcare NHS Trust
	// RNJ today: R1H Barts Health NHS Trust
}
