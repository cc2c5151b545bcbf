package index

import (
	"fmt"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/segment"
)

// analyzerEnglish is bleve's "en" analyzer (Unicode words; possessive 's
// stripped; lower case; English stop words dropped; Porter stems) with a
// memo of what its filters make of each word. Every one of those filters
// maps a token on its own, without its neighbours, so a word seen before
// needs a map lookup instead of four filters; the Porter stemmer alone, which
// converts every token to runes and back, was 5% of an index build's CPU.
// The analyzer's output is token for token the same as "en"'s
// (TestAnalyzerSameAsEnglish, FuzzAnalyzer): queries and records analysed by
// either match.
const analyzerEnglish = "trawl_en"

func init() {
	// Registration, as bleve's own analyzers do: a name for a constructor.
	if err := registry.RegisterAnalyzer(analyzerEnglish, newMemoAnalyzer); err != nil {
		panic(err)
	}
}

// Memo bounds: a word longer than memoMaxWord bytes, or a number, is
// filtered every time (numbers are many and each is rare); the memo stops
// growing at memoMaxWords words (~10 MB), far above an English corpus's
// working vocabulary.
const (
	memoMaxWord  = 32
	memoMaxWords = 1 << 17
)

func newMemoAnalyzer(config map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	a, err := cache.AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		return nil, err
	}
	def, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || len(def.CharFilters) > 0 {
		return nil, fmt.Errorf("analyzer %s: bleve's %q analyzer is a %T, not a tokenizer and token filters", analyzerEnglish, en.AnalyzerName, a)
	}
	return &memoAnalyzer{filters: def.TokenFilters, words: newMemo[memoWord](memoMaxWords)}, nil
}

// memoAnalyzer tokenizes (wordTokenizer), then maps each token through a memo of the
// filters' results, read without a lock.
type memoAnalyzer struct {
	filters []analysis.TokenFilter
	words   *memo[memoWord]
	pool    tokenPool // for textField
}

func (m *memoAnalyzer) tokens() *tokens    { return m.pool.get() }
func (m *memoAnalyzer) release(ts *tokens) { m.pool.put(ts) }

// memoWord is what the filters make of a word: its term (shared by every
// token of the word; nothing downstream writes to a token's term), or
// nothing when the word is dropped.
type memoWord struct {
	term []byte
	drop bool
}

// Analyze implements analysis.Analyzer.
func (m *memoAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var ts tokens
	return m.analyze(&ts, input)
}

// analyze is Analyze in ts's memory.
func (m *memoAnalyzer) analyze(ts *tokens, input []byte) analysis.TokenStream {
	tokens := ts.tokenize(input)
	words := m.words.load()
	out := tokens[:0]
	for _, t := range tokens {
		w, ok := words[string(t.Term)]
		if !ok {
			w = m.miss(t)
		}
		if w.drop {
			continue
		}
		t.Term = w.term
		out = append(out, t)
	}
	return out
}

// miss filters a token the memo does not hold, and remembers the result
// unless it is a number or a long word.
func (m *memoAnalyzer) miss(t *analysis.Token) memoWord {
	if len(t.Term) > memoMaxWord || t.Type == analysis.Numeric {
		return m.filter(t.Term)
	}
	return m.words.miss(string(t.Term), func(string) memoWord { return m.filter(t.Term) })
}

// filter runs the filters over one word, on a copy (filters write in place).
func (m *memoAnalyzer) filter(term []byte) memoWord {
	ts := analysis.TokenStream{{Term: append([]byte(nil), term...), Position: 1, Type: analysis.AlphaNumeric}}
	for _, f := range m.filters {
		ts = f.Filter(ts)
	}
	if len(ts) == 0 {
		return memoWord{drop: true}
	}
	return memoWord{term: ts[0].Term}
}

// wordTokenizer splits text into words as bleve's "unicode" tokenizer does
// (github.com/blevesearch/segment: Unicode 8.0 word boundaries, UAX #29),
// with a fast path for ASCII. That library's state machine ran at ~25 MB/s
// and was 6% of an index build's CPU; most text is ASCII.
//
// Text is cut at ASCII white space, which always ends a word. A field of
// ASCII is split here by the rules below; any other field goes to the
// library, together with the white space before it (a combining mark
// attaches to a preceding space). TestTokenizerSameAsUnicode and
// FuzzTokenizer compare the two on every kind of UTF-8 input (documents'
// text is UTF-8; on a byte that is not, the library stops and drops the
// rest of the text, where this goes on).
//
// The rules, for ASCII (UAX #29 WB5-WB13b as the library's longest-match
// grammar has them): letters, digits and '_' join; ':' joins two letters;
// '.' and the apostrophe join two letters or two digits; ',' and ';' join two digits.
// A word of digits and '_' (with at least one digit) is Numeric, any other
// AlphaNumeric. Everything else is a boundary and makes no token.
type wordTokenizer struct{}

// ASCII word-break classes.
const (
	wbOther = iota
	wbLetter
	wbDigit
	wbUnderscore
	wbMidLetter    // ':'
	wbMidNum       // ',' ';'
	wbMidNumLetter // '.' '\''
	wbSpace        // ends a field
)

var wbClass = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wbLetter, wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbDigit
	}
	t['_'] = wbUnderscore
	t[':'] = wbMidLetter
	t[','], t[';'] = wbMidNum, wbMidNum
	t['.'], t['\''] = wbMidNumLetter, wbMidNumLetter
	for _, c := range " \t\n\v\f\r" {
		t[c] = wbSpace
	}
	return t
}()

// tokens hands out tokens from slabs, as the unicode tokenizer does. A
// slab is sized for the text (see reset): slabs of a fixed 256 tokens
// (16 KB) made a 25-word event sentence cost as much as a page, and were a
// quarter of everything an index build allocated. The index's own text
// fields reuse one tokens for many texts (textField.Analyze).
type tokens struct {
	stream  analysis.TokenStream
	scratch []*bleveindex.TokenFreq // tokenFrequency's, each token's term
	slab    []analysis.Token        // slab[:used] are handed out
	used    int
	pos     int
}

func (ts *tokens) add(term []byte, start int, typ analysis.TokenType) {
	if ts.used == len(ts.slab) {
		// Tokens handed out keep the full slab alive.
		ts.slab = make([]analysis.Token, max(64, len(ts.stream)/2))
		ts.used = 0
	}
	t := &ts.slab[ts.used]
	ts.used++
	ts.pos++
	*t = analysis.Token{Term: term, Start: start, End: start + len(term), Position: ts.pos, Type: typ}
	ts.stream = append(ts.stream, t)
}

// reset readies ts for a text of n bytes, reusing what it holds: English
// runs at about one token per six bytes, so most texts fit in one slab.
func (ts *tokens) reset(n int) {
	est := n/5 + 4
	if cap(ts.stream) < est {
		ts.stream = make(analysis.TokenStream, 0, est)
	}
	ts.stream = ts.stream[:0]
	if len(ts.slab) < est {
		ts.slab = make([]analysis.Token, est)
	}
	ts.used, ts.pos = 0, 0
}

// Tokenize implements analysis.Tokenizer.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var ts tokens
	return ts.tokenize(input)
}

// tokenize returns the tokens of input, reusing ts's memory.
func (ts *tokens) tokenize(input []byte) analysis.TokenStream {
	ts.reset(len(input))
	for i := 0; i < len(input); {
		if input[i] < utf8.RuneSelf && wbClass[input[i]] == wbSpace {
			i++
			continue
		}
		end, ascii := i, true
		for end < len(input) {
			c := input[end]
			if c >= utf8.RuneSelf {
				ascii = false
			} else if wbClass[c] == wbSpace {
				break
			}
			end++
		}
		if ascii {
			asciiWords(ts, input, i, end)
		} else {
			from := i
			if i > 0 {
				from = i - 1 // the white space before: see wordTokenizer
			}
			unicodeWords(ts, input[from:end], from)
		}
		i = end
	}
	return ts.stream
}

// asciiWords adds the words of input[from:to], ASCII without white space.
func asciiWords(ts *tokens, input []byte, from, to int) {
	for j := from; j < to; {
		c := wbClass[input[j]]
		if c != wbLetter && c != wbDigit && c != wbUnderscore {
			j++
			continue
		}
		start := j
		letters, digits := false, false
	word:
		for ; j < to; j++ {
			switch wbClass[input[j]] {
			case wbLetter:
				letters = true
			case wbDigit:
				digits = true
			case wbUnderscore:
			case wbMidLetter, wbMidNum, wbMidNumLetter:
				if j+1 >= to {
					break word
				}
				mid, prev, next := wbClass[input[j]], wbClass[input[j-1]], wbClass[input[j+1]]
				switch {
				case prev == wbLetter && next == wbLetter && (mid == wbMidLetter || mid == wbMidNumLetter):
				case prev == wbDigit && next == wbDigit && (mid == wbMidNum || mid == wbMidNumLetter):
				default:
					break word
				}
			default:
				break word
			}
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		ts.add(input[start:j], start, typ)
	}
}

// unicodeWords adds the words the segment library finds in text, which
// starts at offset in the input.
func unicodeWords(ts *tokens, text []byte, offset int) {
	seg := segment.NewWordSegmenterDirect(text)
	start := 0
	for seg.Segment() {
		b := seg.Bytes()
		switch seg.Type() {
		case segment.None:
		case segment.Number:
			ts.add(b, offset+start, analysis.Numeric)
		case segment.Ideo, segment.Kana:
			ts.add(b, offset+start, analysis.Ideographic)
		default:
			ts.add(b, offset+start, analysis.AlphaNumeric)
		}
		start += len(b)
	}
}
