package temporal

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// benchTemplates are news and board-paper sentences; {T} and {N} are filled
// with a date expression and a trust name.
var benchTemplates = []string{
	"The next deployment of Cerner Millennium at {N} will not occur until {T}, the trust said.",
	"{N} went live with the Care Records Service {T}, more than a year after the first go-live in London.",
	"Problems caused by the system have so far cost the trust £7.2m and disrupted the delivery of care.",
	"In a board paper, the chief executive says: “By {T} it became apparent that the trust could not continue.”",
	"A spokesperson for BT said the company was working with {N} to agree a new implementation date.",
	"The board approved the recovery plan on {T} and asked for a progress report at its next meeting.",
	"An emergency 90-day programme of remedial work was instituted by BT and Cerner to fix 22 problems.",
	"The National Audit Office said the programme would not deliver its original vision by {T}.",
	"Minutes of the meeting held on {T} were agreed as a correct record, subject to minor amendments.",
	"The trust expects to achieve foundation trust status in {T}, subject to the outcome of the review.",
	"Activity for outpatients and inpatients fell, reducing income by £500,000 against the plan.",
	"Richard Bacon MP called for a halt to all deployments, saying the trusts had been brought to their knees.",
}

var benchDates = []string{"6 October 2008", "the autumn", "last June", "early September", "October 6, 2008",
	"the end of 2010", "2009/10", "next year", "March 2009", "last week", "Q3 2009", "the summer of 2010", "2010"}

var benchTrusts = []string{"Kingston Hospital NHS Trust", "the Royal Free", "North Bristol NHS Trust", "Barts and the London"}

func benchText(size int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < size {
		s := benchTemplates[rng.IntN(len(benchTemplates))]
		s = strings.Replace(s, "{T}", benchDates[rng.IntN(len(benchDates))], 1)
		s = strings.Replace(s, "{N}", benchTrusts[rng.IntN(len(benchTrusts))], 1)
		b.WriteString(s)
		if rng.IntN(5) == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func benchTag(b *testing.B, docSize, total int) {
	tg := New()
	doc := benchText(docSize) // tagging is per call; one article repeated is representative
	docs := make([]string, max(1, total/docSize))
	for i := range docs {
		docs[i] = doc
	}
	words, bytes := 0, 0
	for _, d := range docs {
		words += len(strings.Fields(d))
		bytes += len(d)
	}
	ref := corpus.DayDate(2009, 3, 14)
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			tg.Tag(d, ref)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkTag tags 4 MB of news-like text in 4 KB articles.
func BenchmarkTag(b *testing.B) { benchTag(b, 4<<10, 4<<20) }

// BenchmarkTag20MB tags one 20 MB document (linear time on a single input).
func BenchmarkTag20MB(b *testing.B) { benchTag(b, 20<<20, 20<<20) }

// BenchmarkTagNoSpace is a worst case for the scanner: a 2 MB run of
// digits and separators without sentence breaks.
func BenchmarkTagNoSpace(b *testing.B) {
	s := strings.Repeat("12/2008-09.3 ", 160000)
	tg := New()
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		tg.Tag(s, corpus.MonthDate(2009, 3))
	}
}
