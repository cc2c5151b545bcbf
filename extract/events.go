package extract

import (
	"sort"
	"strings"

	"github.com/nhs-trawl/trawl/corpus"
)

// Event kinds and the words that signal them in a sentence (lower case,
// matched at word starts). Order matters: the first kinds win a sentence
// that signals several, except that a delay may also give a planned go-live.
var eventTriggers = []struct {
	kind  string
	words []string
}{
	{"rescue", []string{"rescue", "recovery plan", "recovery programme", "turn-around", "turnaround", "remedial", "business as usual"}},
	{"suspension", []string{"suspend", "suspension", "halt", "on hold", "paused", "pause ", "put on ice", "stopped all"}},
	{"delay", []string{"delay", "postpone", "slipped", "slippage", "put back", "pushed back", "deferred", "not happen until", "not go live until", "not before", "missed", "later than planned", "rescheduled", "passed unmet", "unmet", "yet to agree", "not been agreed", "not agreed"}},
	{"contract", []string{"contract", "signed", "awarded", "wins ", "won ", "deal ", "procure", "tender"}},
	{"cost", []string{"cost", "spent", "overspend", "deficit", "write-off", "written off", "wrote off", "paid", "losses", "budget"}},
	// Verbal forms only: "a new implementation date", "problems after the
	// go-live" speak of a go-live without reporting one.
	{"go-live", []string{"go live", "went live", "gone live", "goes live", "going live", "went-live", "live with", "deployed", "deploying", "to deploy", "implemented", "rolled out", "roll out", "switched on", "took the system", "taken the system", "installed", "launched"}},
}

var (
	futureCues  = []string{"will ", "shall ", "is to ", "are to ", "to go live", "planned", "plans to", "expected", "is due", "are due", "due to", "scheduled", "until", "not before", "next ", "aims to", "hopes to", "would "}
	pastCues    = []string{"went live", "gone live", "went-live", "was ", "were ", "had ", "took ", "taken", "launched", "installed", "deployed", "has been", "have been", "last "}
	cancelCues  = []string{"scrapped", "cancelled", "canceled", "abandoned", "axed", "terminated", "ditched"}
	asOfNowCues = []string{"so far", "to date", "has now", "have now", "is now", "are now", "has cost", "have cost", "has been", "have been", "has spent", "have spent"}
	corefCues   = []string{"the trust", "trust's", "the hospital", "its "}
	otherCues   = []string{"report", "announce", "green light", "approved", "agreed", "apparent", "reduc", "warned", "revealed", "calls for", "called for", "confirmed", "began", "begin", "emerged", "told"}
	// A demand is not the act: "called for a halt" is an announcement.
	demandCues = []string{"calls for", "called for", "calling for", "urged", "urges", "demanded", "demands"}
	// Words before a date that make it the new date of a delayed event.
	newDateCues = []string{"until ", "till ", "to ", "not before ", "back to ", "now expected in ", "now due in "}
	// Words before a date that make it the date a delayed event missed.
	missedDateCues = []string{"from ", "by ", "for "}
)

// events finds dated statements about IT programmes, sentence by sentence.
func (w *doc) events(ents []Entity) []Event {
	// Mentions by type in offset order, for looking up a sentence's entities.
	var refs []ref
	for i := range ents {
		for _, m := range ents[i].Mentions {
			refs = append(refs, ref{m, &ents[i]})
		}
	}
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].Start < refs[j].Start })

	var out []Event
	lastTrust, lastTrustSent := []*Entity(nil), -10
	next := 0 // sentences and mentions are both in text order: one cursor walks both
	for si, s := range w.sents {
		lower := strings.ToLower(w.text[s.Start:s.End])
		var trusts, vendors, systems, monies []*Entity
		var dates []ref
		for next < len(refs) && refs[next].Start < s.Start {
			next++
		}
		for _, r := range refs[next:] {
			if r.Start >= s.End {
				break
			}
			if r.End > s.End {
				continue
			}
			switch r.e.Type {
			case Trust:
				trusts = appendUnique(trusts, r.e)
			case Vendor:
				vendors = appendUnique(vendors, r.e)
			case System:
				systems = appendUnique(systems, r.e)
			case Money:
				monies = appendUnique(monies, r.e)
			case Date:
				if !r.e.Fuzzy {
					dates = append(dates, r)
				}
			}
		}
		named := len(trusts)+len(systems)+len(vendors)+len(monies) > 0
		if len(trusts) == 0 && si-lastTrustSent <= 3 && (hasAny(lower, corefCues) || !named) {
			trusts = lastTrust // "the trust", or a sentence that names nobody
		} else if len(trusts) > 0 {
			lastTrust, lastTrustSent = trusts, si
		}
		kinds := triggered(lower)
		if len(kinds) > 0 && kinds[0].kind == "suspension" && hasAny(lower, demandCues) {
			kinds = nil
		}
		kinds = reorder(kinds, lower, len(monies) > 0)
		if len(kinds) == 0 && len(dates) > 0 && (len(trusts)+len(systems)+len(vendors) > 0) {
			if at := cueIndex(lower, otherCues); at >= 0 {
				kinds = []trigger{{"other", at}}
			}
		}
		if len(kinds) == 0 || len(trusts)+len(vendors)+len(systems)+len(monies) == 0 {
			continue
		}
		for ki, k := range kinds {
			if ki > 0 && !(kinds[0].kind == "delay" && k.kind == "go-live") {
				break
			}
			if k.kind == "cost" && len(monies) == 0 {
				continue
			}
			ev := Event{Kind: k.kind, DateBasis: "text", Sentence: w.text[s.Start:s.End], Start: s.Start, End: s.End,
				Trusts: []string{}, Vendors: []string{}, Systems: []string{}, Money: []string{}}
			switch {
			case len(dates) == 0:
				// Without a date of its own, a statement is dated by the
				// publication when it is a news lede ("BT is to resume the
				// roll-out") or holds as of then ("have so far cost £7.2m").
				pub := w.d.Published
				lede := w.d.Kind == corpus.KindNews && pub.Precision() == corpus.PrecisionDay && s.Start <= 600
				asOfNow := k.kind != "other" && hasAny(lower, asOfNowCues) && !hasAny(lower, []string{"will ", "would "})
				if pub.IsZero() || !(lede || asOfNow) {
					continue
				}
				ev.Date, ev.DateBasis = pub.String(), "publication"
			case k.kind == "delay":
				// The date that was missed: "postponed from November",
				// "go live by April"; else the first that is not the new one.
				d := dateAfter(w.text, dates, missedDateCues)
				if d == nil {
					d = firstDateNotAfter(w.text, dates, newDateCues)
				}
				if d == nil {
					continue
				}
				ev.Date = d.Norm
			case k.kind == "go-live" && kinds[0].kind == "delay":
				d := dateAfter(w.text, dates, newDateCues) // "not until the autumn"
				if d == nil {
					continue
				}
				ev.Date = d.Norm
			default:
				ev.Date = nearest(dates, s.Start+k.at).e.Norm
			}
			ev.Status = status(ev.Kind, lower, kinds[0].kind == "delay" && ev.Kind == "go-live")
			for _, e := range trusts {
				ev.Trusts = append(ev.Trusts, e.Norm)
				ev.TrustIDs = appendID(ev.TrustIDs, e.ID)
			}
			for _, e := range vendors {
				ev.Vendors = append(ev.Vendors, e.Norm)
				ev.VendorIDs = appendID(ev.VendorIDs, e.ID)
			}
			for _, e := range systems {
				ev.Systems = append(ev.Systems, e.Norm)
				ev.SystemIDs = appendID(ev.SystemIDs, e.ID)
			}
			for _, e := range monies {
				ev.Money = append(ev.Money, e.Norm)
			}
			ev.Page = w.d.PageAt(s.Start)
			out = append(out, ev)
		}
	}
	return out
}

// ref is one mention of an entity.
type ref struct {
	Span
	e *Entity
}

// dateAfter returns the first date written right after one of cues.
func dateAfter(text string, dates []ref, cues []string) *Entity {
	for _, d := range dates {
		before := strings.ToLower(text[max(0, d.Start-16):d.Start])
		before = strings.TrimSuffix(before, "the ")
		for _, c := range cues {
			if strings.HasSuffix(before, c) {
				return d.e
			}
		}
	}
	return nil
}

// firstDateNotAfter returns the first date not written right after cues.
func firstDateNotAfter(text string, dates []ref, cues []string) *Entity {
	for _, d := range dates {
		if dateAfter(text, []ref{d}, cues) == nil {
			return d.e
		}
	}
	return nil
}

// cueIndex is the offset of the first cue found in s, or -1.
func cueIndex(s string, cues []string) int {
	best := -1
	for _, c := range cues {
		if i := wordIndex(s, c); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

type trigger struct {
	kind string
	at   int // byte offset of the trigger in the sentence
}

// reorder settles sentences that signal several kinds: a cost with an
// amount beats the noun "the delay" ("the delay would cost £1.3m"); a delay
// of a go-live named as a noun ("the go-live was postponed from April to
// September") also gives the planned go-live.
func reorder(kinds []trigger, lower string, money bool) []trigger {
	if len(kinds) == 0 {
		return kinds
	}
	for i, k := range kinds {
		if k.kind == "cost" && money && i > 0 {
			return append([]trigger{k}, append(kinds[:i:i], kinds[i+1:]...)...)
		}
	}
	if kinds[0].kind == "delay" {
		for _, k := range kinds {
			if k.kind == "go-live" {
				return kinds
			}
		}
		if at := cueIndex(lower, goLiveNouns); at >= 0 {
			return append(kinds, trigger{"go-live", at})
		}
	}
	return kinds
}

var goLiveNouns = []string{"go-live", "go live", "implementation", "deployment", "roll-out", "rollout", "launch", "switchover", "cutover"}

// triggered lists the event kinds a sentence signals, in eventTriggers order.
func triggered(lower string) []trigger {
	var out []trigger
	for _, t := range eventTriggers {
		for _, word := range t.words {
			if i := wordIndex(lower, word); i >= 0 {
				out = append(out, trigger{t.kind, i})
				break
			}
		}
	}
	return out
}

// wordIndex finds word in s at the start of a word.
func wordIndex(s, word string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		if i == 0 || !isWordByte(s[i-1]) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func hasAny(s string, cues []string) bool {
	for _, c := range cues {
		if wordIndex(s, c) >= 0 {
			return true
		}
	}
	return false
}

func status(kind, lower string, newDate bool) string {
	switch {
	case hasAny(lower, cancelCues):
		return "cancelled"
	case kind == "delay":
		return "missed"
	case newDate:
		return "planned"
	case kind != "go-live":
		return ""
	case hasAny(lower, pastCues) && !strings.Contains(lower, "will "):
		return "actual"
	case hasAny(lower, futureCues):
		return "planned"
	}
	return "actual"
}

// nearest returns the mention closest to byte offset at.
func nearest(xs []ref, at int) ref {
	best := xs[0]
	bd := 1 << 30
	for _, x := range xs {
		d := x.Start - at
		if d < 0 {
			d = at - x.End
		}
		if d < bd {
			best, bd = x, d
		}
	}
	return best
}

func appendUnique(list []*Entity, e *Entity) []*Entity {
	for _, x := range list {
		if x == e {
			return list
		}
	}
	return append(list, e)
}

func appendID(ids []string, id string) []string {
	if id == "" {
		return ids
	}
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}
