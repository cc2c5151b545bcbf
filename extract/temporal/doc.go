// Package temporal is trawl's rule-based temporal tagger for UK English news
// and NHS board papers. It finds date expressions in a text and normalises
// them in the scheme of the eval README:
//
//	day             2008-10-06              "6 October 2008", "October 6, 2008", "06/10/2008" (day first)
//	month           2008-06                 "June 2008", "last June", "in October"
//	year            2010                    "in 2010", "the end of 2010", "next year"
//	ISO week        2010-W09                "last week"
//	season          2009-autumn             "the autumn", "summer of 2010", "winter 2009/10"
//	quarter         2009-Q3                 "Q3 2009", "the third quarter of 2009"
//	financial year  FY2008-09               "2008-09", "2008/09 financial year", "FY09/10"
//	span of days    2011-05-03/2011-05-04   "3-4 May 2011"
//	decade          199X                    "the 1990s"
//
// A Mention is Relative when its value needed the reference date (the
// document's date), including year-less dates such as "6 October". Mod
// records early/mid/late/end/start/before/by; Fuzzy marks vague expressions
// ("more than two years ago").
//
// # How it works
//
// One hand-written scanner walks the bytes once and yields tokens (words
// with a lexicon entry, numbers, ordinals, FY/quarter/decade forms,
// punctuation with byte offsets). Tokens are held one sentence at a time;
// rules fire only at candidate tokens (month and day names, numbers, a few
// cue words), look a bounded number of tokens around, and the longest match
// at each position wins. There are no regular expressions, so time is linear
// in the input and memory is bounded by the longest sentence (cut at 512
// tokens).
//
// Year-less expressions are resolved against the reference date and the
// tense of their clause (see the Tense comment in resolve.go): "went live
// last June" in a March 2009 article is 2008-06, "will go live in the
// autumn" is 2009-autumn, "in October" in a past clause of a November 2008
// article is 2008-10 and in a future clause of a March 2009 article 2009-10.
// A resolution that needs more precision than the reference has ("last
// week" against a month) is not guessed: the expression goes to
// Result.Unresolved, and Result.RefUnknown says when the reference was
// unknown.
//
// Not dates: durations ("90-day", "three months", "in the last three
// months"), clock times, reference numbers ("2007/08/100", "TB2011.07"),
// money, counts ("2000 patients"), the modal "may", "the Sunday Times".
//
// Values sort with Compare or ParseValue, which give a month its whole
// month rather than its first day.
package temporal
