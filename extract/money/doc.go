// Package money finds and normalises money amounts in UK English text.
//
// Find scans a text once and returns every amount with its byte offsets
// and its normal form "CUR amount", the amount being a whole number of the
// currency's units computed with exact decimal arithmetic on the digits
// (never floating point): "£7.2m" and "£7.2 m" → GBP 7200000, "£4.676
// millions" → GBP 4676000, "£1.1 billion" → GBP 1100000000, "£12.7bn",
// "£500,000", "£500k", "£3million", "3 million pounds", "two million
// pounds", "$1bn" → USD, "US$", "USD 5 million", "€20m" → EUR.
//
// What an amount carries besides its value:
//   - Ranges are one Amount with an upper bound To: "£10m-£12m", "£10-12m",
//     "£10m to £12m", "between £10m and £12m", "5-6 million pounds". Norms
//     gives both bounds as norms. "from £5m to £6m" and "by £5m to £20m"
//     are changes, not ranges: two amounts.
//   - Per is the rate: "£2,500 per month" → "month"; "a year", "per
//     annum", "pa", "p.a.", "annually", "each year", "/year" → "year";
//     "a week", "per day", "an hour"; "per head" and "per capita" → "head";
//     "per patient" → "patient" (any word after "per").
//   - Approx is set when the text hedges or bounds the amount: "around",
//     "about", "almost", "nearly", "some", "c.", "more than", "over", "up
//     to", "at least", "in excess of" before it; "+", "-plus", "or more",
//     "or so" after it. Words before the amount are not part of its Text.
//   - Pence and cents: the scheme counts whole units, so Value holds the
//     whole units and Minor the hundredths below them: "50p" is GBP with
//     Value 0 and Minor 50, "£9.35" is Value 9, Minor 35. Norm then writes
//     two decimals ("GBP 0.50"), which the reference scorer reads and
//     rounds to the unit. Ranges of pence are not read as ranges.
//
// Not money: vague amounts ("millions in lost income", "tens of millions of
// pounds", "several million pounds", "a multi-million pound deal"),
// numbers without a currency ("7.2m patients", "2,000 staff"),
// percentages, dates and reference numbers. Malformed amounts ("£x", "£1,5m",
// "£1.2.3", "£000" table headings, numbers too large for int64) are skipped.
//
// Find is linear in the length of the text: it stops only at digits and at
// the words million, billion and trillion, and looks a bounded distance
// around each. It runs at well over 10 million words a second on news text
// (see BenchmarkFind).
//
// Known gaps: spaces as thousands separators ("£1 200 000"), number words
// without million/billion ("five pounds", "a thousand pounds"),
// currencies other than those with an ISO code, "£", "€" or a "$" prefix
// (US$, A$, C$, NZ$, HK$, S$), and amounts split across a line break.
package money
