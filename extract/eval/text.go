package eval

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteText prints the evaluation as tables: how each document was dated,
// P/R/F1 and counts per type, micro-average, relative-date recall, event
// scores, floor checks and, with showErrors, every false positive and false
// negative by document.
func (e *Evaluation) WriteText(w io.Writer, showErrors bool) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "gold set %s: %d documents; extractor %s\n\n", e.GoldDir, len(e.Docs), e.Extractor)
	fmt.Fprintln(bw, "document dates given to the extractor: published, else published_approx, else none;")
	fmt.Fprintln(bw, "the annotators resolved relative dates against ref_date, which may differ (*)")
	fmt.Fprintf(bw, "  %-6s %-10s  %-16s  %s\n", "doc", "given", "from", "ref_date")
	for _, d := range e.Docs {
		mark := ""
		if d.Differs {
			mark = " *"
		}
		given, from := d.Given, d.GivenFrom
		if given == "" {
			given, from = "unknown", "-"
		}
		fmt.Fprintf(bw, "  %-6s %-10s  %-16s  %s%s\n", d.Doc, given, from, d.RefDate, mark)
		for _, n := range d.Notes {
			fmt.Fprintf(bw, "         note: %s\n", n)
		}
	}
	fmt.Fprintln(bw)
	writeScores(bw, &e.Scores)
	if len(e.Floors) > 0 {
		fmt.Fprintln(bw)
		failed := len(Failed(e.Floors))
		fmt.Fprintf(bw, "floors: %d checked, %d below\n", len(e.Floors), failed)
		for _, c := range e.Floors {
			status := "ok   "
			if !c.OK {
				status = "BELOW"
			}
			fmt.Fprintf(bw, "  %s %s\n", status, c)
		}
	}
	if showErrors {
		fmt.Fprintln(bw)
		writeMisses(bw, &e.Report)
	}
	return bw.Flush()
}

// writeScores prints score.py's table.
func writeScores(w io.Writer, s *Scores) {
	fmt.Fprintf(w, "%-10s %6s %6s %6s %5s %5s %5s %5s %5s\n", "type", "P", "R", "F1", "TP", "FP", "FN", "gold", "opt")
	for _, t := range Types {
		r := s.Entities.Types[t]
		fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f %5d %5d %5d %5d %5d\n", t, r.Precision, r.Recall, r.F1, r.TP, r.FP, r.FN, r.Gold, r.Optional)
	}
	m := s.Entities.Micro
	fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f %5d %5d %5d\n", "micro", m.Precision, m.Recall, m.F1, m.TP, m.FP, m.FN)
	rr := s.Entities.RelativeDates
	fmt.Fprintf(w, "relative dates resolved: %d/%d (recall %.3f)\n", rr.TP, rr.Gold, rr.Recall)
	if s.Events == nil {
		fmt.Fprintln(w, "events: not scored (the gold set has no events.jsonl)")
		return
	}
	for _, x := range []struct {
		name string
		r    PRF
	}{{"strict", s.Events.Strict}, {"date_only", s.Events.DateOnly}} {
		fmt.Fprintf(w, "events %-9s P %.3f R %.3f F1 %.3f (TP %d FP %d FN %d)\n", x.name, x.r.Precision, x.r.Recall, x.r.F1, x.r.TP, x.r.FP, x.r.FN)
	}
}

// writeMisses lists the errors by document: entities by type, then events.
func writeMisses(w io.Writer, r *Report) {
	if len(r.Misses) == 0 && len(r.EventMisses) == 0 {
		fmt.Fprintln(w, "errors: none")
		return
	}
	fmt.Fprintln(w, "errors (fp: predicted, neither required nor optional; fn: required, not predicted):")
	docs := map[string]bool{}
	for _, m := range r.Misses {
		docs[m.Doc] = true
	}
	for _, m := range r.EventMisses {
		docs[m.Doc] = true
	}
	var order []string
	for _, m := range r.Misses {
		if docs[m.Doc] {
			order, docs[m.Doc] = append(order, m.Doc), false
		}
	}
	for _, m := range r.EventMisses {
		if docs[m.Doc] {
			order, docs[m.Doc] = append(order, m.Doc), false
		}
	}
	slices.Sort(order)
	for _, doc := range order {
		fmt.Fprintf(w, "doc %s\n", doc)
		for _, m := range r.Misses {
			if m.Doc != doc {
				continue
			}
			text := ""
			if m.Text != "" && m.Text != m.Norm {
				text = fmt.Sprintf("  (%q)", m.Text)
			}
			fmt.Fprintf(w, "  %-7s %s  %s%s\n", m.Type, m.Error, m.Norm, text)
		}
		for _, m := range r.EventMisses {
			if m.Doc != doc {
				continue
			}
			hint := ""
			if m.DateOnly {
				hint = "  [date matches: kind or trusts differ]"
			}
			fmt.Fprintf(w, "  %-7s %s  %s %s trusts=[%s]%s\n", "event", m.Error, m.Date, m.Kind, strings.Join(m.Trusts, "; "), hint)
			if m.Text != "" {
				fmt.Fprintf(w, "             %s\n", oneLine(m.Text, 160))
			}
		}
	}
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}
