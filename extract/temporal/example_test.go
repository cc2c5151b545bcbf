package temporal_test

import (
	"fmt"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/temporal"
)

func Example() {
	tg := temporal.New() // build once, share between goroutines
	text := "The trusts went live with Cerner Millennium last June. " +
		"Kingston will now go live in the autumn, and must be a foundation trust by the end of 2010."
	for _, m := range tg.Tag(text, corpus.MonthDate(2009, 3)) {
		fmt.Printf("%-18q %-12s %-7s relative=%v mod=%q\n", m.Text, m.Value, m.Type, m.Relative, m.Mod)
	}
	// Output:
	// "last June"        2008-06      month   relative=true mod=""
	// "the autumn"       2009-autumn  season  relative=true mod=""
	// "by the end of 2010" 2010         year    relative=false mod="end"
}

func ExampleCompare() {
	fmt.Println(temporal.Compare("2008-06", "2008-06-01"), temporal.Compare("FY2008-09", "2008-03"))
	// Output: -1 1
}
