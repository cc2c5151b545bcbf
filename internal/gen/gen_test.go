package gen

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestDeterministic(t *testing.T) {
	for _, f := range AllFormats {
		t.Run(string(f), func(t *testing.T) {
			a := newGen(t, Options{Seed: 42, Formats: []Format{f}})
			b := newGen(t, Options{Seed: 42, Formats: []Format{f}})
			c := newGen(t, Options{Seed: 43, Formats: []Format{f}})
			for i := range 20 {
				da, db, dc := a.Generate(i), b.Generate(i), c.Generate(i)
				if !bytes.Equal(da.Data, db.Data) || da.Path != db.Path {
					t.Fatalf("doc %d: seed 42 gave different bytes on two runs (%s, %s)", i, da.Path, db.Path)
				}
				if !reflect.DeepEqual(da.Truth, db.Truth) {
					t.Fatalf("doc %d: seed 42 gave different truth on two runs", i)
				}
				if bytes.Equal(da.Data, dc.Data) {
					t.Errorf("doc %d: seeds 42 and 43 gave the same bytes", i)
				}
				if again := a.Generate(i); !bytes.Equal(again.Data, da.Data) {
					t.Errorf("doc %d: generating it twice with one generator gave different bytes", i)
				}
			}
		})
	}
}

// hashTree hashes every file under dir with its relative path.
func hashTree(t *testing.T, dir string) (sum [32]byte, files int) {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(b)
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	copy(sum[:], h.Sum(nil))
	return sum, files
}

func TestWriteShardsAndTruth(t *testing.T) {
	const n = 1003
	opts := Options{Seed: 5, Formats: []Format{HTML, Text}}
	var sums [2][32]byte
	var truths [2][]byte
	for k, workers := range []int{1, 3} {
		opts.Workers = workers
		g := newGen(t, opts)
		dir := t.TempDir()
		var truth bytes.Buffer
		calls := 0
		st, err := g.Write(context.Background(), dir, n, &truth, func(done int) { calls++ })
		if err != nil {
			t.Fatal(err)
		}
		if st.Docs != n || st.HTML+st.Text != n || st.Bytes <= 0 || calls == 0 {
			t.Errorf("workers %d: stats %+v, %d progress calls; want %d documents", workers, st, calls, n)
		}
		var files int
		sums[k], files = hashTree(t, dir)
		if files != n {
			t.Errorf("workers %d: %d files written; want %d", workers, files, n)
		}
		for shard, want := range map[string]int{"0000": ShardSize, "0001": n - ShardSize} {
			es, err := os.ReadDir(filepath.Join(dir, shard))
			if err != nil || len(es) != want {
				t.Errorf("workers %d: folder %s holds %d files (%v); want %d", workers, shard, len(es), err, want)
			}
		}
		truths[k] = truth.Bytes()
		sc := bufio.NewScanner(bytes.NewReader(truth.Bytes()))
		sc.Buffer(nil, 1<<20)
		line := 0
		for sc.Scan() {
			var tr Truth
			if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
				t.Fatalf("truth line %d: %v", line+1, err)
			}
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tr.Path))); err != nil {
				t.Errorf("truth line %d names %s: %v", line+1, tr.Path, err)
			}
			if !strings.HasPrefix(filepath.Base(tr.Path), strings.Repeat("0", 6-len(itoa(line)))+itoa(line)+"-") {
				t.Errorf("truth line %d is for %s; want document %d in order", line+1, tr.Path, line)
			}
			if tr.Title == "" || tr.Published == "" || len(tr.Entities) == 0 || len(tr.Events) == 0 {
				t.Errorf("truth line %d is thin: %+v", line+1, tr)
			}
			line++
		}
		if line != n {
			t.Errorf("workers %d: %d truth lines; want %d", workers, line, n)
		}
	}
	if sums[0] != sums[1] || !bytes.Equal(truths[0], truths[1]) {
		t.Errorf("output depends on the number of workers")
	}
}

func TestWriteCancelled(t *testing.T) {
	g := newGen(t, Options{Seed: 1, Formats: []Format{Text}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.Write(ctx, t.TempDir(), 10, nil, nil); err == nil {
		t.Errorf("Write with a cancelled context = nil error; want context.Canceled")
	}
}

func TestMixAndFormats(t *testing.T) {
	g := newGen(t, Options{Seed: 9, Formats: []Format{HTML, DOCX, PDF}, Mix: []KindWeight{{corpus.KindNews, 3}, {corpus.KindBoardPaper, 1}}})
	count := map[string]int{}
	for i := range 400 {
		tr := g.Generate(i).Truth
		count[tr.Kind+"/"+tr.Format]++
	}
	if count["news/html"] < 250 || count["news/html"] > 350 {
		t.Errorf("news share: %v; want about 300 of 400 news in HTML", count)
	}
	if count["board-paper/docx"] < 30 || count["board-paper/pdf"] < 30 || count["board-paper/html"] != 0 || count["board-paper/txt"] != 0 {
		t.Errorf("board papers: %v; want DOCX and PDF only (HTML is for news when other formats are chosen)", count)
	}
}

func TestParseFormats(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []Format
		err  bool
	}{
		{"html,txt,docx,pdf", []Format{HTML, Text, DOCX, PDF}, false},
		{" PDF , text,pdf", []Format{PDF, Text}, false},
		{"htm", []Format{HTML}, false},
		{"doc", nil, true},
		{"", nil, true},
	} {
		got, err := ParseFormats(tt.in)
		if (err != nil) != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestParseMix(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []KindWeight
		err  string
	}{
		{"news=0.7,board-paper=0.3", []KindWeight{{corpus.KindNews, 0.7}, {corpus.KindBoardPaper, 0.3}}, ""},
		{"board-paper=1", []KindWeight{{corpus.KindBoardPaper, 1}}, ""},
		{"news=1,news=2", nil, "given twice"},
		{"blog=1", nil, "want news or board-paper"},
		{"news", nil, "kind=weight"},
		{"news=-1", nil, "number ≥ 0"},
		{"news=0", nil, "positive weight"},
	} {
		got, err := ParseMix(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseMix(%q) error = %v; want one mentioning %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseMix(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestTemplates checks the template banks: enough event templates of every
// kind, both tenses, and no slot left unfilled.
func TestTemplates(t *testing.T) {
	if len(eventTemplates) < 40 {
		t.Errorf("%d event templates; want at least 40", len(eventTemplates))
	}
	kinds, statuses := map[string]int{}, map[string]int{}
	for _, et := range eventTemplates {
		kinds[et.kind]++
		statuses[et.status]++
	}
	for _, k := range eventKinds {
		if kinds[k] < 4 {
			t.Errorf("%d templates of kind %s; want at least 4", kinds[k], k)
		}
	}
	for _, st := range []string{"actual", "planned", "missed"} {
		if statuses[st] == 0 {
			t.Errorf("no template of status %s", st)
		}
	}
	g := newGen(t, Options{Seed: 3})
	for y := firstYear; y <= lastYear; y += 3 {
		s := newStory(g.w, newRand(uint64(y)), corpus.DayDate(y, 6, 15))
		var all []string
		for _, et := range eventTemplates {
			all = append(all, et.text)
		}
		all = append(append(append(append(append(append(all, fillers...), colourFillers...), moreColourFillers...), backgrounds...), quoteForms...), paperTitles...)
		for _, hs := range headlines {
			all = append(all, hs...)
		}
		for _, tmpl := range all {
			if strings.Contains(tmpl, "{L}") && s.lsp == s.vend {
				continue
			}
			if out := s.plain(tmpl); strings.ContainsAny(out, "{}") {
				t.Errorf("%d: %q expands to %q, with a slot left", y, tmpl, out)
			}
		}
	}
}

// TestDates checks the norms of relative dates against their publication.
func TestDates(t *testing.T) {
	g := newGen(t, Options{Seed: 3})
	pub := corpus.DayDate(2009, 3, 14)
	seen := map[string]bool{}
	for i := range 3000 {
		s := newStory(g.w, newRand(uint64(i)), pub)
		for _, d := range []dateExpr{s.pastDate(true, false), s.pastDate(false, false), s.futureDate(true, false), s.futureDate(false, false)} {
			seen[d.text+" → "+d.norm] = true
		}
	}
	for _, want := range []string{
		"last June → 2008-06", "last February → 2009-02", "last March → 2008-03", "in the autumn → 2009-autumn",
		"by April → 2009-04", "by February → 2010-02", "last week → 2009-W10", "next year → 2010", "last year → 2008",
		"in 2009/10 → FY2009-10", "next month → 2009-04", "last autumn → 2008-autumn", "in February → 2009-02",
		"at the end of January → 2009-01", "by the end of the year → 2009",
	} {
		if !seen[want] {
			t.Errorf("never wrote %q from %s", want, pub)
		}
	}
	for k := range seen {
		if strings.Contains(k, "in March →") || strings.Contains(k, "in the spring → 2009") {
			t.Errorf("wrote %q: ambiguous in an article of %s", k, pub)
		}
	}
}

func TestMoney(t *testing.T) {
	g := newGen(t, Options{Seed: 3})
	s := newStory(g.w, newRand(1), corpus.DayDate(2009, 3, 14))
	forms := map[string]bool{}
	for range 2000 {
		for _, m := range []moneyExpr{s.trustMoney(), s.nationalMoney(), s.smallMoney(), s.periodicMoney("month"), s.periodicMoney("year")} {
			if m.amount <= 0 {
				t.Fatalf("%q: amount %d", m.text, m.amount)
			}
			// The text and the amount agree.
			if want := parseTestMoney(t, m.text); want != m.amount {
				t.Errorf("%q: amount %d; want %d", m.text, m.amount, want)
			}
			switch {
			case strings.HasSuffix(m.text, "bn"):
				forms["bn"] = true
			case strings.HasSuffix(m.text, " billion"):
				forms["billion"] = true
			case strings.HasSuffix(m.text, "m"):
				forms["m"] = true
			case strings.HasSuffix(m.text, " million"):
				forms["million"] = true
			case strings.HasSuffix(m.text, "month"):
				forms["month"] = true
			case m.per == "year":
				forms["year"] = true
			default:
				forms["plain"] = true
			}
		}
	}
	if len(forms) != 7 {
		t.Errorf("money forms written: %v; want all seven", forms)
	}
}

// parseTestMoney is an independent reading of the generator's money forms.
func parseTestMoney(t *testing.T, s string) int64 {
	t.Helper()
	s = strings.TrimPrefix(s, "£")
	if i := strings.IndexAny(s, " "); i >= 0 && !strings.HasPrefix(s[i:], " million") && !strings.HasPrefix(s[i:], " billion") {
		s = s[:i]
	}
	mult := 1.0
	for suf, m := range map[string]float64{"bn": 1e9, " billion": 1e9, "m": 1e6, " million": 1e6} {
		if strings.HasSuffix(s, suf) {
			s, mult = strings.TrimSuffix(s, suf), m
			break
		}
	}
	var f float64
	if _, err := fmtSscan(strings.ReplaceAll(s, ",", ""), &f); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return int64(f*mult + 0.5)
}

// TestVocabulary keeps search benchmarks honest: the corpus must not be a
// handful of words repeated.
func TestVocabulary(t *testing.T) {
	g := newGen(t, Options{Seed: 8, Formats: []Format{Text}})
	words := map[string]bool{}
	total := 0
	for i := range 1000 {
		d := g.Generate(i)
		for _, w := range strings.FieldsFunc(string(d.Data), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
			words[strings.ToLower(w)] = true
			total++
		}
	}
	if len(words) < 3000 {
		t.Errorf("%d distinct words in 1000 documents (%d words); want at least 3000", len(words), total)
	}
	t.Logf("%d distinct words in 1000 documents (%d words)", len(words), total)
}

func BenchmarkGenerate(b *testing.B) {
	for _, f := range AllFormats {
		b.Run(string(f), func(b *testing.B) {
			kind := corpus.KindNews
			if f != HTML {
				kind = corpus.KindBoardPaper
			}
			g := newGen(b, Options{Seed: 1, Formats: []Format{f}, Mix: []KindWeight{{kind, 1}}})
			var bytes int64
			i := 0
			b.ResetTimer()
			for b.Loop() {
				bytes += int64(len(g.Generate(i).Data))
				i++
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(bytes)/1e6/b.Elapsed().Seconds(), "MB/s")
		})
	}
}

// BenchmarkWrite measures Write end to end, files and truth included, on all
// the machine's cores: news HTML as for the search benchmarks.
func BenchmarkWrite(b *testing.B) {
	g := newGen(b, Options{Seed: 1, Formats: []Format{HTML}, Mix: []KindWeight{{corpus.KindNews, 1}}})
	const n = 2000
	var docs int
	var bytes int64
	for b.Loop() {
		st, err := g.Write(context.Background(), b.TempDir(), n, io.Discard, nil)
		if err != nil {
			b.Fatal(err)
		}
		docs += st.Docs
		bytes += st.Bytes
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(bytes)/1e6/b.Elapsed().Seconds(), "MB/s")
}
