package temporal

import (
	"github.com/nhs-trawl/trawl/corpus"
)

// Mention is one date expression found in a text.
type Mention struct {
	Start, End int    // byte offsets in the text
	Text       string // text[Start:End]
	Value      string // normalised value, e.g. "2009-autumn"; "" in Result.Unresolved
	Type       Type
	Relative   bool   // resolving it needed the reference date
	Mod        string // "", "early", "mid", "late", "end", "start", "before", "by"
	Fuzzy      bool   // a vague expression ("more than two years ago")
}

// Result is the full answer of Analyze.
type Result struct {
	// Mentions are the resolved expressions, in text order, non-overlapping.
	Mentions []Mention
	// Unresolved are relative expressions the tagger recognised but could not
	// resolve because the reference date is unknown or not precise enough
	// ("yesterday" against a month-precision date). Value is "" and Type is
	// the type the value would have had.
	Unresolved []Mention
	// RefUnknown is true when the reference date was unknown and at least
	// one relative expression was therefore left unresolved.
	RefUnknown bool
}

// Tagger finds and normalises date expressions. It is immutable after New
// and safe for concurrent use.
type Tagger struct {
	lex lexicon
}

// New builds a Tagger (its word tables); build one per run and share it.
func New() *Tagger { return &Tagger{lex: newLexicon()} }

// Tag returns the resolved date mentions of text, in text order and
// non-overlapping (the longest expression wins), resolving relative ones
// against ref and the tense of their clause.
func (t *Tagger) Tag(text string, ref corpus.Date) []Mention {
	return t.Analyze(text, ref).Mentions
}

// maxSentTokens bounds the tokens held at once: a longer run without a
// sentence break is cut, which keeps memory flat on any input.
const maxSentTokens = 512

// Analyze is Tag with the unresolved expressions and the unknown-reference
// flag.
func (t *Tagger) Analyze(text string, ref corpus.Date) Result {
	r := &run{t: t, text: text, res: &Result{}}
	r.setRef(ref)
	sc := scanner{text: text, lex: t.lex}
	toks := make([]token, 0, 64)
	for {
		tk, nl, ok := sc.next()
		if !ok {
			break
		}
		if n := len(toks); n > 0 && (nl >= 2 || n >= maxSentTokens || sentenceBreak(&toks[n-1], &tk, nl)) {
			r.sentence(toks)
			toks = toks[:0]
		}
		toks = append(toks, tk)
	}
	if len(toks) > 0 {
		r.sentence(toks)
	}
	r.res.RefUnknown = ref.IsZero() && len(r.res.Unresolved) > 0
	return *r.res
}

// sentenceBreak reports whether cur starts a new sentence after prev: a full
// stop, question or exclamation mark followed by space and a capitalised
// word or an opening quote, or a line break after such a mark.
func sentenceBreak(prev, cur *token, nl int) bool {
	if prev.kind != tPunct || !cur.sp {
		return false
	}
	switch prev.r {
	case '.', '?', '!':
	default:
		return false
	}
	return nl > 0 || (cur.kind == tWord && cur.cap) || (cur.kind == tPunct && (cur.r == '"' || cur.r == '\''))
}

// ref is the reference date as a day interval [rs, re).
type refDate struct {
	d      corpus.Date
	prec   corpus.Precision
	rs, re int
}

func (r *run) setRef(d corpus.Date) {
	if !d.Valid() {
		d = corpus.Date{}
	}
	r.ref = refDate{d: d, prec: d.Precision()}
	switch r.ref.prec {
	case corpus.PrecisionYear:
		r.ref.rs, r.ref.re = civil(d.Year, 1, 1), civil(d.Year+1, 1, 1)
	case corpus.PrecisionMonth:
		r.ref.rs, r.ref.re = civil(d.Year, int(d.Month), 1), civil(d.Year, int(d.Month)+1, 1)
	case corpus.PrecisionDay:
		r.ref.rs = civil(d.Year, int(d.Month), d.Day)
		r.ref.re = r.ref.rs + 1
	}
}
