package index

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// analyzers returns bleve's "en" analyzer and trawl's memo of it, as the
// index mapping builds them.
func analyzers(tb testing.TB) (ref, memo analysis.Analyzer) {
	tb.Helper()
	m, err := NewMapping()
	if err != nil {
		tb.Fatal(err)
	}
	ref, memo = m.AnalyzerNamed(en.AnalyzerName), m.AnalyzerNamed(analyzerEnglish)
	if ref == nil || memo == nil {
		tb.Fatalf("analyzers: en %v, %s %v", ref, analyzerEnglish, memo)
	}
	return ref, memo
}

// sameTokens fails unless both analyzers make the same tokens of text.
func sameTokens(tb testing.TB, ref, memo analysis.Analyzer, text string) {
	tb.Helper()
	want := ref.Analyze([]byte(text))
	got := memo.Analyze([]byte(text))
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		tb.Fatalf("%q:\n got %v\nwant %v", text, got, want)
	}
}

func TestAnalyzerSameAsEnglish(t *testing.T) {
	ref, memo := analyzers(t)
	texts := []string{
		"",
		"The trust's Cerner Millennium go-live was delayed.",
		"THE TRUST’S BOARD AND the Trust's board; the trusts' boards",
		"It cost £7.2m (GBP 7,200,000) in 2008-09, or 7.2 million pounds.",
		"running runs ran runner RUNNING Running",
		"don't can't o'clock rock'n'roll e.g. i.e. U.K. NHS's",
		"Zoë Müller's café — naïve coöperation in Île-de-France; 東京 and ｆｕｌｌｗｉｄｔｈ’ｓ",
		"a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with",
		strings.Repeat("supercalifragilisticexpialidocious ", 3) + strings.Repeat("x", 100) + "'s",
		"s 's ' '' ’s ＇s",
	}
	// Enough distinct words to fold the pending words into the memo several
	// times, and each text twice: the second time from the memo.
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "word%dings Word%d's %d ", i, i%700, i)
	}
	texts = append(texts, b.String())
	for i := 0; i < 50; i++ {
		d, _ := genDoc(i)
		texts = append(texts, d.Title, d.Text)
	}
	for pass := 0; pass < 2; pass++ {
		for _, text := range texts {
			sameTokens(t, ref, memo, text)
		}
	}
}

// TestAnalyzerConcurrent analyses from several goroutines at once, as
// bleve's analysis workers do (run it with -race).
func TestAnalyzerConcurrent(t *testing.T) {
	ref, memo := analyzers(t)
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				d, _ := genDoc(g*40 + i)
				text := d.Text + fmt.Sprintf(" unique%dx%d", g, i)
				if got, want := memo.Analyze([]byte(text)), ref.Analyze([]byte(text)); !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprintf("goroutine %d doc %d differs", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{"The trust's go-live", "RUNNING runs’s", "£7.2m 2008-09", "Zoë’S café", "a the of"} {
		f.Add(s)
	}
	ref, memo := analyzers(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("documents' text is UTF-8")
		}
		sameTokens(t, ref, memo, text)
		sameTokens(t, ref, memo, text) // from the memo
	})
}

// BenchmarkAnalyzer compares bleve's "en" analyzer with the memo on
// generated documents' text.
func BenchmarkAnalyzer(b *testing.B) {
	ref, memo := analyzers(b)
	var texts [][]byte
	size := 0
	for i := 0; i < 200; i++ {
		d, _ := genDoc(i)
		texts = append(texts, []byte(d.Text))
		size += len(d.Text)
	}
	for _, c := range []struct {
		name string
		a    analysis.Analyzer
	}{{"en", ref}, {analyzerEnglish, memo}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				for _, t := range texts {
					c.a.Analyze(t)
				}
			}
		})
	}
}

// sameWords fails unless wordTokenizer splits text as bleve's unicode
// tokenizer does: terms, offsets, positions and types.
func sameWords(tb testing.TB, text string) {
	tb.Helper()
	want := unicode.NewUnicodeTokenizer().Tokenize([]byte(text))
	got := wordTokenizer{}.Tokenize([]byte(text))
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		tb.Fatalf("%q:\n got %v\nwant %v", text, got, want)
	}
}

func TestTokenizerSameAsUnicode(t *testing.T) {
	for _, text := range []string{
		"", " ", "a", "_", "__", "1", "_1_", "a_", "1_a",
		"e.g. U.K. i.e. a.b.c. a..b 1..2 .5 5. a. .a",
		"£7.2m 7,200,000 7;2 7:2 a:b a;b a,b a'b 1'2 'a' a' 'a",
		"2008-09 2008/09 09:30 10.30am 3.5% #1 @home a-b a_b_c 1_2.3 a1.2 1a.b a.1 1.a",
		"don't can't rock'n'roll NHS's trusts' O'Neill",
		"line\r\nline\rline\nline\vline\fline\ttab",
		"café cafe\u0301 \u0301abc a \u0301b naïve Zoë’s trust’s",
		"東京 カタカナ ひらがな 한국어 עברית \"quoted\" ｆｕｌｌ ｗｉｄｔｈ",
		"🇬🇧🇬🇧 👍🏽 a\u200db a\u00adb x\u2019s 1\u2019000",
		"mixed ascii and ünïcödé words, then ascii again.",
		"\u0085next \u2028line \u00a0nbsp",
	} {
		sameWords(t, text)
	}
	for i := 0; i < 20; i++ {
		d, _ := genDoc(i)
		sameWords(t, d.Title)
		sameWords(t, d.Text)
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"e.g. U.K.", "£7.2m 7,200,000", "cafe\u0301 \u0301abc", "a'b 1;2 a:b", "🇬🇧🇬🇧 x\u2019s", "_1_ a_b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("documents' text is UTF-8")
		}
		sameWords(t, text)
	})
}
