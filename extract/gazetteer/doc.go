// Package gazetteer holds trawl's reference data on NHS trusts, hospital
// sites, other NHS bodies, IT vendors and systems, and finds their names in
// text.
//
// The data is embedded from data/*.csv (see data/README.md for sources and
// known gaps). Load parses and validates it once per run; the *Gazetteer it
// returns is immutable and safe for concurrent use, and the package keeps no
// global state: the caller holds the value.
//
// Lookups answer questions that depend on time: TrustNameAt gives a trust's
// legal name at a date (RAL is Royal Free Hampstead NHS Trust in 2008 and
// Royal Free London NHS Foundation Trust from April 2012), Current follows
// successors to the body that exists today, SiteAt gives the trust that ran
// a hospital at a date.
//
// Matcher builds a token trie over every name, alias, site and generated
// variant (mis-written forms such as "X Hospital NHS Trust" for "X NHS
// Trust"). Find walks the text once, normalising words as it goes (case,
// apostrophes, "&", hyphens, line breaks, possessives), and at each word takes
// the longest name that starts there. Case rules: names of four letters or
// fewer ("BT", "UHB") and mixed-case words ("RiO", "NPfIT") match only as
// written; other single words ("Cerner", "Millennium") as written or in
// capitals; longer names in any case. Single words that are mostly everyday
// words or places (Medway, Sunrise, Swift, Evolve, Paris, Spine, Harris, SMS)
// match only with the qualifiers the gazetteer gives them ("Medway PAS").
// When a name belongs to several entries (a PCT and a CCG, a trust alias and
// a hospital site), the one in use at the document's date wins; for an
// undated document, the one in use today.
package gazetteer
