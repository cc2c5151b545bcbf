package money_test

import (
	"fmt"

	"github.com/nhs-trawl/trawl/extract/money"
)

func ExampleFind() {
	text := "The system has cost the trust £7.2m, against savings of around £2,500 per month; " +
		"the programme's £10m-£12m budget is now $1bn-plus, not the millions once feared."
	for _, a := range money.Find(text) {
		fmt.Printf("%q %v to=%d per=%q approx=%v\n", text[a.Start:a.End], a.Norms(), a.To, a.Per, a.Approx)
	}
	// Output:
	// "£7.2m" [GBP 7200000] to=0 per="" approx=false
	// "£2,500 per month" [GBP 2500] to=0 per="month" approx=true
	// "£10m-£12m" [GBP 10000000 GBP 12000000] to=12000000 per="" approx=false
	// "$1bn-plus" [USD 1000000000] to=0 per="" approx=true
}

func ExampleParse() {
	a, err := money.Parse("£4.676 millions")
	fmt.Println(a.Norm(), err)
	p, _ := money.Parse("50p")
	fmt.Println(p.Norm(), p.Value, p.Minor)
	_, err = money.Parse("millions")
	fmt.Println(err)
	// Output:
	// GBP 4676000 <nil>
	// GBP 0.50 0 50
	// money "millions": not a money amount: want a currency and a number, like £7.2m, $1bn or 3 million pounds
}
