package temporal

import "github.com/nhs-trawl/trawl/corpus"

// mode says which occurrence of a year-less expression is meant.
type mode uint8

const (
	mNearest  mode = iota // no tense cue: the occurrence nearest the reference (past on a tie)
	mPast                 // past clause: the latest occurrence that began by the end of the reference
	mFuture               // future clause: the earliest occurrence that ends after the reference begins
	mLast                 // "last June": the latest occurrence wholly before the reference
	mNext                 // "next June": the earliest occurrence wholly after the reference
	mThis                 // "this June": the one overlapping the reference, else the one in its year
	mPastSoft             // past decided by a reporting verb or the copula (said, was): see farDays
)

// Tense
//
// A year-less expression ("in October", "the autumn", "6 October",
// "Christmas", "on Monday") is resolved by the tense of its clause. The
// clause is the tokens around the expression, at most 20 each side, cut at a
// sentence end, ';', ':', a quotation mark, a bracket or a clause word (but,
// while, whereas, although, though, however, because). In it, cues are
// classed:
//
//   - strong past: was, were, had, did, said, went, told, ago and the other
//     common irregular past forms (lexicon cPast);
//   - strong future: will, shall, 'll, won't, and "is/are/am to", "due to",
//     "expected to", "set to", "plans to", "aims to", "hopes to",
//     "intends to", "going to", "likely to" (cFuture, cBe/cFutureTo + "to");
//   - weak future: until, till, planned, scheduled, expected, due,
//     proposed, next (cWeakFuture);
//   - weak past: a lower-case word ending in -ed (not after be/is/are/to,
//     which make it a passive or an infinitive, and not a listed adjective).
//
// The nearest strong cue decides (left wins a tie); without one, the nearest
// weak cue; without any, the occurrence nearest in time (mNearest), so that
// "September" in a November article is the past September and "April" in a
// March article the coming April. An expression right after "by" is a
// deadline: it is future only with a strong future cue and otherwise the
// nearest occurrence ("had been examining going live by April", March 2009:
// 2009-04; "By early September it became apparent", November 2008: 2008-09).
// Modal would/could/should/might/must are no cue: they are as often reported
// past as future.

type cue struct {
	v, d int
	soft bool
}

// tenseMode decides the mode for the expression in tokens [a, b).
func (r *run) tenseMode(a, b int) mode {
	ls, lw := r.scanCues(a-1, -1)
	rs, rw := r.scanCues(b, 1)
	strong := nearer(ls, rs)
	if r.deadline {
		if strong.v > 0 {
			return mFuture
		}
		return mNearest
	}
	switch {
	case strong.v < 0 && strong.soft:
		return mPastSoft
	case strong.v < 0:
		return mPast
	case strong.v > 0:
		return mFuture
	}
	switch weak := nearer(lw, rw); {
	case weak.v < 0 && weak.soft:
		return mPastSoft
	case weak.v < 0:
		return mPast
	case weak.v > 0:
		return mFuture
	}
	return mNearest
}

func nearer(l, r cue) cue {
	switch {
	case l.v == 0:
		return r
	case r.v == 0:
		return l
	case r.d < l.d:
		return r
	}
	return l
}

const cueWindow = 20

func (r *run) scanCues(i, dir int) (strong, weak cue) {
	for d := 1; d <= cueWindow && i >= 0 && i < len(r.toks); d, i = d+1, i+dir {
		tk := &r.toks[i]
		if tk.kind == tPunct {
			switch tk.r {
			case ';', ':', '"', '(', ')', '?', '!', '[', ']':
				return strong, weak
			}
			continue
		}
		if tk.kind != tWord {
			continue
		}
		if tk.lx != nil && tk.lx.cls&cBreak != 0 {
			return strong, weak
		}
		v, isStrong := r.cueAt(i)
		soft := tk.lx != nil && tk.lx.cls&cReport != 0
		switch {
		case v == 0:
		case isStrong:
			return cue{v, d, soft}, weak
		case weak.v == 0:
			weak = cue{v, d, soft}
		}
	}
	return strong, weak
}

// cueAt classifies token i as a tense cue: v is -1 past, +1 future, 0 none.
func (r *run) cueAt(i int) (v int, strong bool) {
	tk := &r.toks[i]
	if lx := tk.lx; lx != nil {
		next := r.word(i + 1)
		switch {
		case lx.s == "won" && r.punct(i+1, '\'') && r.word(i+2) == "t":
			return 1, true
		case lx.cls&(cBe|cFutureTo) != 0 && next == "to":
			return 1, true
		case lx.cls&cPast != 0:
			switch r.word(i - 1) {
			case "be", "being", "is", "are", "am", "to", "get":
				return 0, false // "will be held", "is to be paid"
			}
			return -1, true
		case lx.cls&cFuture != 0:
			return 1, true
		case lx.cls&cWeakFuture != 0:
			return 1, false
		}
		if lx.cls&cNoPastEd != 0 || lx.cls&(cMonth|cSeason|cUnit) != 0 {
			return 0, false
		}
	}
	w := r.text[tk.start:tk.end]
	if len(w) >= 5 && w[len(w)-2] == 'e' && w[len(w)-1] == 'd' && !tk.cap {
		switch r.word(i - 1) {
		case "be", "being", "is", "are", "am", "to", "get":
			return 0, false
		}
		return -1, false
	}
	return 0, false
}

// target is a periodic expression whose year the reference decides.
type target struct {
	kind         uint8
	month, day   int
	season, wday int
}

const (
	tgMonth uint8 = iota + 1
	tgDay
	tgSeason
	tgEaster
)

// occ returns the day interval of the target's occurrence in year y.
func (tg target) occ(y int) (s, e int, ok bool) {
	switch tg.kind {
	case tgMonth:
		return civil(y, tg.month, 1), civil(y, tg.month+1, 1), true
	case tgDay:
		if tg.day > daysInMonth(y, tg.month) {
			return 0, 0, false
		}
		s = civil(y, tg.month, tg.day)
		return s, s + 1, true
	case tgSeason:
		sm := 3 + 3*tg.season
		return civil(y, sm, 1), civil(y, sm+3, 1), true
	case tgEaster:
		s = easter(y)
		return s, s + 1, true
	}
	return 0, 0, false
}

// Tense is a cue, not a proof: reported speech puts future dates in past
// clauses ("the revised date was 22 March", "he said it would be presented
// at the February meeting", in a January paper). So when the past was
// decided by a reporting verb or the copula (mPastSoft) and that occurrence
// lies more than farDays before the reference, the coming one wins if it
// lies within nearDays. Event verbs ("met", "went") and future cues are
// trusted.
const (
	farDays  = 240
	nearDays = 92
)

// pickYear chooses the year of tg's occurrence for mode m; ok is false when
// the reference is unknown or too coarse for the mode.
func (r *run) pickYear(tg target, m mode) (int, bool) {
	if m != mPastSoft {
		return r.pickRaw(tg, m)
	}
	y, ok := r.pickRaw(tg, mPast)
	if !ok || r.ref.prec < corpus.PrecisionMonth {
		return y, ok
	}
	if _, e, _ := tg.occ(y); e <= r.ref.rs-farDays {
		if fy, ok := r.pickRaw(tg, mNext); ok {
			if fs, _, _ := tg.occ(fy); fs-r.ref.re < nearDays {
				return fy, true
			}
		}
	}
	return y, ok
}

func (r *run) pickRaw(tg target, m mode) (int, bool) {
	if r.ref.prec == corpus.PrecisionUnknown {
		return 0, false
	}
	if (m == mLast || m == mNext) && r.ref.prec < corpus.PrecisionMonth {
		return 0, false
	}
	Y, rs, re := r.ref.d.Year, r.ref.rs, r.ref.re
	switch m {
	case mThis:
		if s, e, ok := tg.occ(Y); ok && s < re && e > rs {
			return Y, true
		}
		for y := Y - 1; y <= Y+1; y++ {
			if s, e, ok := tg.occ(y); ok && s < re && e > rs {
				return y, true
			}
		}
		_, _, ok := tg.occ(Y)
		return Y, ok
	case mPast:
		for y := Y + 1; y >= Y-3; y-- {
			if s, _, ok := tg.occ(y); ok && s < re {
				return y, true
			}
		}
	case mFuture:
		for y := Y - 1; y <= Y+3; y++ {
			if _, e, ok := tg.occ(y); ok && e > rs {
				return y, true
			}
		}
	case mLast:
		for y := Y + 1; y >= Y-3; y-- {
			if _, e, ok := tg.occ(y); ok && e <= rs {
				return y, true
			}
		}
	case mNext:
		for y := Y - 1; y <= Y+3; y++ {
			if s, _, ok := tg.occ(y); ok && s >= re {
				return y, true
			}
		}
	case mNearest:
		if s, e, ok := tg.occ(Y); ok && s < re && e > rs {
			return Y, true
		}
		prevY, nextY, prevD, nextD := 0, 0, -1, -1
		for y := Y - 3; y <= Y+3; y++ {
			s, e, ok := tg.occ(y)
			switch {
			case !ok:
			case s < re && e > rs:
				return y, true
			case e <= rs:
				prevY, prevD = y, rs-e
			case s >= re && nextD < 0:
				nextY, nextD = y, s-re
			}
		}
		switch {
		case prevD >= 0 && (nextD < 0 || prevD <= nextD):
			return prevY, true
		case nextD >= 0:
			return nextY, true
		}
	}
	return 0, false
}

// pickWeekday chooses the day of weekday w (0 Monday) for mode m; it needs
// a day-precision reference.
func (r *run) pickWeekday(w int, m mode) (int, bool) {
	if r.ref.prec != corpus.PrecisionDay {
		return 0, false
	}
	z := r.ref.rs
	off := (w - weekday(z) + 7) % 7 // days to the next such weekday (0 = today)
	next := z + off
	prev := next
	if off > 0 {
		prev = next - 7
	}
	switch m {
	case mPast, mPastSoft:
		return prev, true
	case mFuture:
		return next, true
	case mLast:
		if prev == z {
			return z - 7, true
		}
		return prev, true
	case mNext:
		if next == z {
			return z + 7, true
		}
		return next, true
	case mThis:
		return z - weekday(z) + w, true
	}
	if z-prev <= next-z {
		return prev, true
	}
	return next, true
}
