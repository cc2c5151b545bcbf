package temporal

// Word classes. A lexeme may belong to several (e.g. "last" is a relative
// word and an ordinal; "by" is a deadline preposition and a month context).
const (
	cMonth       uint32 = 1 << iota // val 1..12
	cMonthAbbr                      // Jan, Sept ...: only next to a day or year
	cStrict                         // May, March: also common words; need strong context
	cWeekday                        // val 0 (Monday) .. 6 (Sunday)
	cWeekdayAbbr                    // Mon, Wed ...: only inside a full date
	cSeason                         // val 0 spring .. 3 winter
	cNumWord                        // val: one=1 ... ; "a"/"an" = 1
	cUnit                           // val: uDay, uWeek, uMonth, uYear, uDecade, uFortnight
	cOrdinal                        // first..fourth, final: val 1..4 (final = 4)
	cPast                           // strong past cue (was, went, said, ago)
	cFuture                         // strong future cue (will, shall)
	cWeakFuture                     // until, till, planned, scheduled, expected, due
	cFutureTo                       // future when followed by "to" (due, set, plans, aims, expected ...)
	cBe                             // is, are, am: "is to" means future
	cBreak                          // clause break words (but, while, although ...)
	cMonthCtx                       // a word before a bare month that makes it a date
	cYearCtx                        // a word before a bare 4-digit year that makes it a year
	cYearNoun                       // "the 2010 report": nouns a year may modify
	cCountNoun                      // "2000 patients": nouns that make a number a count
	cNewspaper                      // "the Sunday Times": words that make a weekday a name
	cPrefixMod                      // early, mid, late, end, start, beginning, middle, earlier, later
	cQualifier                      // "more than", "over", "almost" ... before "N years ago"
	cYearVerb                       // "2010 saw": verbs after a sentence-initial year
	cNoPastEd                       // words ending in -ed that are not past verbs
	cReport                         // reporting verbs and the copula: their past tense is soft
)

const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
	uDecade
	uFortnight
)

type lexeme struct {
	s   string
	cls uint32
	val int
}

type lexicon map[string]*lexeme

func (l lexicon) add(cls uint32, val int, words ...string) {
	for _, w := range words {
		e := l[w]
		if e == nil {
			e = &lexeme{s: w}
			l[w] = e
		}
		e.cls |= cls
		if val != 0 || e.val == 0 {
			if cls&(cMonth|cWeekday|cSeason|cNumWord|cUnit|cOrdinal) != 0 {
				e.val = val
			}
		}
	}
}

// newLexicon builds the word table once per Tagger; it is read-only after.
func newLexicon() lexicon {
	l := lexicon{}
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, names := range months {
		l.add(cMonth, i+1, names[0])
		for _, a := range names[1:] {
			l.add(cMonth|cMonthAbbr, i+1, a)
		}
	}
	l.add(cStrict, 0, "may", "march")
	days := [][]string{
		{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"}, {"thursday", "thu", "thur", "thurs"},
		{"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
	}
	for i, names := range days {
		l.add(cWeekday, i, names[0])
		for _, a := range names[1:] {
			l.add(cWeekday|cWeekdayAbbr, i, a)
		}
	}
	for i, s := range []string{"spring", "summer", "autumn", "winter"} {
		l.add(cSeason, i, s)
	}
	l.add(cSeason, 2, "fall")
	nums := []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	for i, s := range nums {
		l.add(cNumWord, i+1, s)
	}
	l.add(cNumWord, 1, "a", "an")
	l.add(cNumWord, 30, "thirty")
	l.add(cNumWord, 40, "forty")
	l.add(cNumWord, 50, "fifty")
	l.add(cUnit, uDay, "day", "days")
	l.add(cUnit, uWeek, "week", "weeks")
	l.add(cUnit, uMonth, "month", "months")
	l.add(cUnit, uYear, "year", "years")
	l.add(cUnit, uDecade, "decade", "decades")
	l.add(cUnit, uFortnight, "fortnight")
	for i, s := range []string{"first", "second", "third", "fourth"} {
		l.add(cOrdinal, i+1, s)
	}
	l.add(cOrdinal, 4, "final")

	// Tense cues (see tense in rules.go for how they are weighed).
	l.add(cPast, 0, "was", "were", "had", "did", "went", "said", "told", "took", "made", "began", "became",
		"came", "saw", "gave", "found", "got", "left", "met", "paid", "sent", "spent", "held", "brought",
		"thought", "wrote", "won", "lost", "knew", "ran", "fell", "rose", "grew", "built", "bought", "sold",
		"chose", "led", "kept", "felt", "heard", "meant", "stood", "understood", "broke", "drove", "ago",
		"wasn", "weren", "hadn", "didn", "previously", "earlier", "already", "underwent", "undertook", "overtook")
	l.add(cReport, 0, "said", "told", "was", "were", "reported", "announced", "stated", "confirmed", "agreed",
		"explained", "added", "noted", "warned", "revealed", "indicated", "suggested", "claimed", "insisted",
		"admitted", "wrote", "thought", "understood", "believed", "hoped", "expected", "decided", "asked")
	l.add(cFuture, 0, "will", "shall", "ll", "tomorrow")
	l.add(cWeakFuture, 0, "soon", "upcoming", "forthcoming", "future")
	l.add(cWeakFuture, 0, "until", "till", "planned", "scheduled", "expected", "due", "proposed", "intended",
		"anticipated", "targeted", "plans", "aims", "hopes", "intends", "next")
	l.add(cFutureTo, 0, "due", "set", "expected", "planned", "scheduled", "plans", "plan", "aims", "aim",
		"hopes", "hope", "intends", "intend", "going", "likely", "poised", "preparing", "prepares", "want", "wants", "expects", "expect")
	l.add(cBe, 0, "is", "are", "am")
	l.add(cBreak, 0, "but", "while", "whilst", "whereas", "although", "though", "however", "because")

	l.add(cMonthCtx, 0, "in", "on", "by", "since", "until", "till", "from", "during", "before", "after",
		"early", "mid", "late", "last", "next", "this", "of", "through", "throughout", "between", "and", "or",
		"to", "end", "start", "beginning", "middle", "the", "a", "an", "each", "every", "that", "around",
		"about", "pre", "post", "following", "previous", "its", "their", "his", "her", "our", "mid", "as", "for",
		"than", "into", "within", "late", "earlier", "later", "ending", "of", "at", "towards", "toward", "s")
	l.add(cYearCtx, 0, "in", "since", "until", "till", "by", "from", "during", "before", "after", "throughout",
		"through", "between", "early", "late", "mid", "circa", "c", "year", "to", "and", "or", "for", "around",
		"within", "into", "pre", "post", "spring", "summer", "autumn", "winter", "of", "than", "as", "ending", "ended")
	l.add(cYearNoun, 0, "report", "reports", "review", "election", "elections", "budget", "accounts", "survey",
		"census", "contract", "contracts", "deal", "strategy", "plan", "plans", "deadline", "deadlines", "target",
		"targets", "olympics", "games", "audit", "figures", "guidance", "framework", "launch", "white", "act",
		"reforms", "reorganisation", "settlement", "statement", "spending", "manifesto", "inquiry", "paper",
		"papers", "go", "level", "levels", "baseline", "edition", "results", "award", "awards", "version", "release",
		"data", "agreement", "agreements", "tender", "procurement", "merger", "crisis", "recession", "round")
	l.add(cCountNoun, 0, "patients", "beds", "staff", "people", "users", "nurses", "doctors", "records",
		"pounds", "jobs", "posts", "cases", "visits", "appointments", "operations", "admissions", "sites",
		"units", "members", "employees", "hospitals", "gps", "practices", "pcs", "computers", "devices",
		"licences", "licenses", "times", "items", "hours", "minutes", "miles", "words", "pages", "calls",
		"referrals", "clinicians", "consultants", "workers", "managers", "children", "adults", "babies",
		"deaths", "errors", "incidents", "complaints", "tests", "scans", "prescriptions", "systems")
	l.add(cNewspaper, 0, "times", "telegraph", "mirror", "express", "post", "herald", "mail", "people",
		"sport", "club", "school", "bloody", "observer", "independent", "tribune")
	l.add(cPrefixMod, 0, "early", "mid", "late", "end", "start", "beginning", "middle", "earlier", "later", "close")
	l.add(cQualifier, 0, "more", "over", "almost", "nearly", "about", "around", "some", "roughly", "approximately",
		"less", "under", "just", "barely", "well", "little")
	l.add(cYearVerb, 0, "saw", "was", "will", "has", "had", "is", "brought", "marked", "began", "begins", "ended",
		"sees", "are", "were", "could", "should", "may", "might", "must", "promises", "looks", "proved", "would", "also")
	l.add(cNoPastEd, 0, "need", "bed", "red", "shed", "speed", "seed", "feed", "breed", "proceed", "exceed",
		"succeed", "hundred", "indeed", "based", "related", "detailed", "dedicated", "limited", "united",
		"integrated", "advanced", "unexpected", "interested", "concerned", "supposed", "required", "named",
		"called", "so-called", "skilled", "qualified", "experienced", "informed", "established", "sustained",
		"increased", "reduced", "improved", "automated", "computerised", "computerized", "shared", "trusted",
		"speed", "embed", "weed", "greed", "deed", "heed", "reed", "steed", "tweed", "wed", "led", "fed",
		"sled", "fled", "bred", "shred", "bled", "sacred", "naked", "wicked", "crooked", "ragged", "rugged",
		"aged", "beloved", "learned", "alleged", "blessed", "dogged", "jagged", "wretched", "linked", "joined")
	// Plain words the rules test by name.
	l.add(0, 0, "the", "s", "t", "last", "this", "next", "today", "yesterday", "tonight", "morning",
		"afternoon", "evening", "night", "weekend", "christmas", "eve", "boxing", "new", "easter", "quarter",
		"financial", "fiscal", "fy", "current", "coming", "past", "half", "by", "before", "pre", "no", "later",
		"than", "page", "pages", "para", "paragraph", "no", "number", "ref", "reference", "item", "minute",
		"minutes", "paper", "tb", "section", "chapter", "table", "figure", "annex", "appendix", "version",
		"v", "release", "phase", "level", "room", "box", "route", "line", "bed", "ward", "flat", "unit",
		"be", "being", "been", "get", "got", "day", "eve", "week", "month", "year", "s", "d", "ending",
		"years", "bank", "holiday", "holidays", "period", "so", "would", "could", "should", "might", "must",
		"may", "has", "have")
	return l
}
