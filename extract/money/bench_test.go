package money

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchSentences are news and board-paper sentences, about one in four
// with an amount, the rest with the dates, counts and percentages that
// make a money finder look closer and give up.
var benchSentences = []string{
	"Problems caused by the system have so far cost the trust £7.2m, disrupted the delivery of care and led to delays in patients getting treatment.",
	"The trust went live with Cerner Millennium on 6 October 2008, after a delay of three months.",
	"Royal Free, and Barts and the London NHS Trust before it, experienced significant problems with recording and reporting activity, leading to millions in lost income.",
	"Agency staffing costs continue at around £450,000 per month, and the board was asked to note the position.",
	"More than 2,000 staff were trained in the new system, and 95% of outpatient clinics now book appointments electronically.",
	"The chief executive said the programme remained on track and that the next release was expected in the autumn.",
	"The Department estimates the total cost of the National Programme for IT at £12.7 billion, of which £6.2 billion had been spent by 31 March 2009.",
	"In December, Kingston told EHI that it had postponed go-live from November to allow further testing of the patient administration system.",
	"The forecast outturn is a deficit of between £4.5m and £5.0m before transitional support.",
	"A spokesman said 4.5m patient records had been migrated and that around 300 staff had been retrained over the summer.",
	"The board paper (reference TB2011/07) sets out the risks, the mitigations and the timetable for the next phase.",
	"BT said the deployment at the trust had been a success and that lessons had been learned from earlier sites in London.",
	"Fujitsu's contract, worth £896m, was terminated in 2008, and the dispute over costs remains unresolved.",
	"The Public Accounts Committee said the department had failed to show that the benefits justified the cost.",
	"Savings of £10m-£12m a year were claimed for 2010-11 and 2011/12, but the trust could not evidence them.",
	"Waiting times rose to 18 weeks for 12% of patients in the first quarter, against a target of 8%.",
}

// benchText builds about size bytes of text from benchSentences, in
// paragraphs, and returns it with its word count.
func benchText(size int) (string, int) {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(size + 256)
	for b.Len() < size {
		for i := 0; i < 5; i++ {
			b.WriteString(benchSentences[r.IntN(len(benchSentences))])
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	s := b.String()
	return s, len(strings.Fields(s))
}

func benchFind(b *testing.B, text string, words int) {
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n += len(Find(text))
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	if n == 0 && words > 0 && strings.Contains(text, "£") {
		b.Fatal("found nothing")
	}
}

// BenchmarkFind measures Find in words per second on news text (4 MB in
// documents of about 4 KB, and one 20 MB document) and on a dense,
// adversarial text of currency signs, digits and separators.
func BenchmarkFind(b *testing.B) {
	b.Run("news-4MB-docs", func(b *testing.B) {
		text, _ := benchText(4 << 20)
		var docs []string
		for len(text) > 4096 {
			k := strings.IndexByte(text[4096:], '\n')
			if k < 0 {
				break
			}
			docs = append(docs, text[:4096+k])
			text = text[4096+k:]
		}
		docs = append(docs, text)
		words, size := 0, 0
		for _, d := range docs {
			words += len(strings.Fields(d))
			size += len(d)
		}
		b.SetBytes(int64(size))
		b.ResetTimer()
		for b.Loop() {
			for _, d := range docs {
				Find(d)
			}
		}
		b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	})
	b.Run("news-20MB-single", func(b *testing.B) {
		text, words := benchText(20 << 20)
		benchFind(b, text, words)
	})
	b.Run("adversarial-4MB", func(b *testing.B) {
		unit := "£1-£2-£3,000,000.5m-1,2,3 a a per per between £9 and £1.2.3.4 $1bn+ £1e9 half a million million pounds "
		text := strings.Repeat(unit, (4<<20)/len(unit))
		benchFind(b, text, len(strings.Fields(text)))
	})
}
