package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// benchTexts are the article and board-paper texts the project has: the HTML
// fixtures' gold texts (36 articles of many outlets and years), the dev set
// and the text board papers.
func benchTexts(tb testing.TB) []string {
	var texts []string
	for _, g := range []string{"../ingest/htmldoc/testdata/pages/*.gold.txt", "../testdata/eval/dev/docs/*.txt", "../testdata/corpus/minutes/*.txt", "../ingest/textdoc/testdata/*.txt"} {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err == nil && len(b) > 200 {
				texts = append(texts, string(b))
			}
		}
	}
	if len(texts) < 10 {
		tb.Skip("not enough fixture texts")
	}
	return texts
}

// benchCorpus builds n bytes of documents: each one a fixture text whose
// paragraphs are shuffled with another's, with a seeded publication date, so
// that the corpus is varied but the same on every run.
func benchCorpus(tb testing.TB, n int) []*corpus.Document {
	texts := benchTexts(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []*corpus.Document
	for size := 0; size < n; {
		a := strings.Split(texts[rng.IntN(len(texts))], "\n\n")
		b := strings.Split(texts[rng.IntN(len(texts))], "\n\n")
		paras := append(a, b[:len(b)/2]...)
		rng.Shuffle(len(paras)-1, func(i, j int) { paras[i+1], paras[j+1] = paras[j+1], paras[i+1] })
		text := strings.Join(paras, "\n\n")
		pub := corpus.DayDate(2003+rng.IntN(20), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		docs = append(docs, &corpus.Document{ID: corpus.IDOf([]byte(text)), Kind: corpus.KindNews, Text: text, Published: pub})
		size += len(text)
	}
	return docs
}

// BenchmarkExtract is the whole extraction (sentences, gazetteer, patterns,
// money, dates, people with prose's NER where rules are unsure, events) over
// more than 5 MB of text on every CPU, in words/s.
func BenchmarkExtract(b *testing.B) {
	docs := benchCorpus(b, 5<<20)
	words, bytes := 0, 0
	for _, d := range docs {
		words += countWords(d.Text)
		bytes += len(d.Text)
	}
	for _, ner := range []bool{true, false} {
		name := "ner"
		if !ner {
			name = "rules-only"
		}
		b.Run(name, func(b *testing.B) {
			x, err := New(Options{NoNER: !ner})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(bytes))
			for b.Loop() {
				var wg sync.WaitGroup
				next := make(chan *corpus.Document)
				for range 2 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for d := range next {
							x.Extract(d)
						}
					}()
				}
				for _, d := range docs {
					next <- d
				}
				close(next)
				wg.Wait()
			}
			b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// BenchmarkExtractLargeDocument checks that time stays linear on one 20 MB
// document.
func BenchmarkExtractLargeDocument(b *testing.B) {
	docs := benchCorpus(b, 20<<20)
	var sb strings.Builder
	for _, d := range docs {
		sb.WriteString(d.Text)
		sb.WriteString("\n\n")
	}
	d := &corpus.Document{Kind: corpus.KindReport, Text: sb.String(), Published: corpus.DayDate(2010, 6, 1)}
	x, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		x.Extract(d)
	}
	b.ReportMetric(float64(countWords(d.Text))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
