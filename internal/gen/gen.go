package gen

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
)

// Format is a file format the generator writes.
type Format string

// Formats, named by their file extensions.
const (
	HTML Format = "html"
	Text Format = "txt"
	DOCX Format = "docx"
	PDF  Format = "pdf"
)

// AllFormats lists the formats in a fixed order.
var AllFormats = []Format{HTML, Text, DOCX, PDF}

// KindWeight is the share of one kind of document in the output.
type KindWeight struct {
	Kind   corpus.Kind
	Weight float64
}

// Options configure a Generator. The zero value writes every format, seven
// news articles for every three board papers, from seed 0.
type Options struct {
	Seed    uint64
	Formats []Format     // empty: all
	Mix     []KindWeight // empty: news 0.7, board-paper 0.3
	// Workers is the number of documents generated at once by Write; 0 means
	// GOMAXPROCS. The output does not depend on it.
	Workers int
}

// ShardSize is the most files Write puts in one folder.
const ShardSize = 1000

// ParseFormats reads a comma-separated list of formats: "html,txt,docx,pdf".
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "html", "htm":
			f = "html"
		case "txt", "text":
			f = "txt"
		case "docx", "pdf":
		case "":
			continue
		default:
			return nil, fmt.Errorf("format %q: want html, txt, docx or pdf", f)
		}
		if !containsFormat(out, Format(f)) {
			out = append(out, Format(f))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("formats %q: want a list such as html,txt,docx,pdf", s)
	}
	return out, nil
}

func containsFormat(list []Format, f Format) bool {
	for _, g := range list {
		if g == f {
			return true
		}
	}
	return false
}

// ParseMix reads the shares of each kind: "news=0.7,board-paper=0.3". The
// weights need not sum to one.
func ParseMix(s string) ([]KindWeight, error) {
	var out []KindWeight
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("mix %q: want kind=weight pairs such as news=0.7,board-paper=0.3", part)
		}
		kind := corpus.Kind(strings.TrimSpace(k))
		if kind != corpus.KindNews && kind != corpus.KindBoardPaper {
			return nil, fmt.Errorf("mix kind %q: want news or board-paper", k)
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || w < 0 || w != w || w > 1e9 {
			return nil, fmt.Errorf("mix weight %q of %s: want a number ≥ 0", v, kind)
		}
		for _, o := range out {
			if o.Kind == kind {
				return nil, fmt.Errorf("mix: %s given twice", kind)
			}
		}
		out = append(out, KindWeight{kind, w})
	}
	total := 0.0
	for _, kw := range out {
		total += kw.Weight
	}
	if total <= 0 {
		return nil, fmt.Errorf("mix %q: want at least one positive weight", s)
	}
	return out, nil
}

// Generator writes documents. Build it with New; it is safe for concurrent
// use, and document i depends only on the seed, the options and i.
type Generator struct {
	w       *world
	opts    Options
	kinds   []corpus.Kind
	cum     []float64
	boardFs []Format // formats for board papers
	// Compressors are costly to build, so documents reuse them.
	flates, zlibs sync.Pool
}

// New prepares a generator from the gazetteer.
func New(gz *gazetteer.Gazetteer, opts Options) (*Generator, error) {
	if gz == nil {
		return nil, errors.New("gen: no gazetteer")
	}
	w, err := newWorld(gz)
	if err != nil {
		return nil, err
	}
	if len(opts.Formats) == 0 {
		opts.Formats = AllFormats
	}
	for _, f := range opts.Formats {
		if !containsFormat(AllFormats, f) {
			return nil, fmt.Errorf("gen: format %q: want html, txt, docx or pdf", f)
		}
	}
	if len(opts.Mix) == 0 {
		opts.Mix = []KindWeight{{corpus.KindNews, 0.7}, {corpus.KindBoardPaper, 0.3}}
	}
	g := &Generator{w: w, opts: opts}
	total := 0.0
	for _, kw := range opts.Mix {
		if kw.Kind != corpus.KindNews && kw.Kind != corpus.KindBoardPaper {
			return nil, fmt.Errorf("gen: kind %q: want news or board-paper", kw.Kind)
		}
		if kw.Weight <= 0 {
			continue
		}
		total += kw.Weight
		g.kinds = append(g.kinds, kw.Kind)
		g.cum = append(g.cum, total)
	}
	if total <= 0 {
		return nil, errors.New("gen: mix has no positive weight")
	}
	for i := range g.cum {
		g.cum[i] /= total
	}
	for _, f := range opts.Formats {
		if f != HTML {
			g.boardFs = append(g.boardFs, f)
		}
	}
	if len(g.boardFs) == 0 {
		g.boardFs = []Format{HTML}
	}
	return g, nil
}

// Doc is one generated document.
type Doc struct {
	Path  string // relative to the output folder, slash-separated
	Data  []byte
	Truth Truth
}

// splitmix scrambles a document number into a stream selector.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

var (
	dayZero = time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	nDays   = int(time.Date(lastYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(dayZero).Hours() / 24)
)

// Generate returns document i.
func (g *Generator) Generate(i int) Doc {
	r := rand.New(rand.NewPCG(g.opts.Seed, splitmix(uint64(i))))
	kind := g.kinds[len(g.kinds)-1]
	x := r.Float64()
	for k, c := range g.cum {
		if x < c {
			kind = g.kinds[k]
			break
		}
	}
	var format Format
	if kind == corpus.KindNews && containsFormat(g.opts.Formats, HTML) {
		format = HTML
	} else if kind == corpus.KindNews {
		format = g.opts.Formats[r.IntN(len(g.opts.Formats))]
	} else {
		format = g.boardFs[r.IntN(len(g.boardFs))]
	}
	t := dayZero.AddDate(0, 0, r.IntN(nDays))
	if kind == corpus.KindBoardPaper {
		// Boards meet on weekdays.
		switch t.Weekday() {
		case time.Saturday:
			t = t.AddDate(0, 0, -1)
		case time.Sunday:
			t = t.AddDate(0, 0, -2)
		}
	}
	pub := corpus.DateOf(t)
	s := newStory(g.w, r, pub)
	var d document
	if kind == corpus.KindNews {
		s.news(&d)
		if format != HTML && d.precision != corpus.PrecisionDay {
			d.pub, d.precision, d.layout = pub, corpus.PrecisionDay, layoutTable
		}
	} else {
		s.boardPaper(&d)
	}
	var buf bytes.Buffer
	buf.Grow(24 << 10)
	switch format {
	case HTML:
		writeHTML(&d, &buf)
	case Text:
		writeText(&d, &buf)
	case DOCX:
		fw, _ := g.flates.Get().(*flate.Writer)
		if fw == nil {
			fw, _ = flate.NewWriter(nil, flate.BestSpeed)
		}
		writeDOCX(&d, &buf, fw)
		g.flates.Put(fw)
	case PDF:
		zw, _ := g.zlibs.Get().(*zlib.Writer)
		if zw == nil {
			zw, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed)
		}
		writePDF(&d, &buf, zw)
		g.zlibs.Put(zw)
	}
	path := fmt.Sprintf("%04d/%06d-%s.%s", i/ShardSize, i, slug(d.title, 48), format)
	tr := Truth{
		Path: path, Kind: string(d.kind), Format: string(format), Title: d.title,
		Published: d.pub.String(), Precision: d.precision.String(), Outlet: d.outlet, URL: d.url,
		Words: d.words(), Bytes: buf.Len(), Events: s.events,
	}
	if d.author != "" {
		tr.Authors = []string{d.author}
	}
	var front []Entity
	if d.kind == corpus.KindNews {
		front = append(front, Entity{Type: "person", Norm: d.author, Text: d.author, Role: "reporter", Affiliation: d.outlet, Optional: true})
		if d.precision == corpus.PrecisionDay {
			if _, seen := s.seen["date\x00"+d.pub.String()]; !seen {
				front = append(front, Entity{Type: "date", Norm: d.pub.String(), Text: longDate(&d), Optional: true})
			}
		}
	}
	if d.kind == corpus.KindBoardPaper && format == HTML {
		// A web page's "Date of meeting" line is page metadata, which the
		// HTML reader takes as the date and keeps out of the text.
		for i, e := range s.ents {
			if e.Type == "date" && e.Norm == d.pub.String() && e.Text == longDate(&d) {
				s.ents[i].Optional = true
			}
		}
	}
	tr.Entities = append(front, s.ents...)
	if tr.Events == nil {
		tr.Events = []Event{}
	}
	return Doc{Path: path, Data: buf.Bytes(), Truth: tr}
}

// Stats count what Write wrote.
type Stats struct {
	Docs    int     `json:"docs"`
	Bytes   int64   `json:"bytes"`
	Words   int64   `json:"words"`
	HTML    int     `json:"html"`
	Text    int     `json:"txt"`
	DOCX    int     `json:"docx"`
	PDF     int     `json:"pdf"`
	Seconds float64 `json:"seconds"`
}

// chunk is how many documents are generated between two writes of the truth.
const chunk = 256

// Write generates documents 0..n-1 into dir, in subfolders of at most
// ShardSize files, and writes their truth as NDJSON to truth when it is not
// nil, in document order. Documents are generated in parallel and streamed:
// memory does not grow with n. progress, when not nil, is called after each
// batch with the number of documents written so far.
func (g *Generator) Write(ctx context.Context, dir string, n int, truth io.Writer, progress func(done int)) (Stats, error) {
	start := time.Now()
	var st Stats
	if n < 0 {
		return st, fmt.Errorf("gen: %d documents: want a number ≥ 0", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("gen %s: %w", dir, err)
	}
	workers := g.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	docs := make([]Doc, chunk)
	errs := make([]error, chunk)
	lines := make([][]byte, chunk)
	made := map[int]bool{} // shard folders created; lookups only
	for lo := 0; lo < n; lo += chunk {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		hi := min(lo+chunk, n)
		for sh := lo / ShardSize; sh <= (hi-1)/ShardSize; sh++ {
			if !made[sh] {
				if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%04d", sh)), 0o755); err != nil {
					return st, fmt.Errorf("gen %s: %w", dir, err)
				}
				made[sh] = true
			}
		}
		var wg sync.WaitGroup
		next := make(chan int, hi-lo)
		for i := lo; i < hi; i++ {
			next <- i
		}
		close(next)
		for range min(workers, hi-lo) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					k := i - lo
					d := g.Generate(i)
					p := filepath.Join(dir, filepath.FromSlash(d.Path))
					errs[k] = nil
					if err := os.WriteFile(p, d.Data, 0o644); err != nil {
						errs[k] = fmt.Errorf("gen %s: %w", p, err)
					}
					lines[k] = nil
					if truth != nil {
						b, err := json.Marshal(&d.Truth)
						if err != nil && errs[k] == nil {
							errs[k] = fmt.Errorf("gen truth of %s: %w", d.Path, err)
						}
						lines[k] = append(b, '\n')
					}
					d.Data = d.Data[:0:0]
					docs[k] = d
				}
			}()
		}
		wg.Wait()
		for k := 0; k < hi-lo; k++ {
			if errs[k] != nil {
				return st, errs[k]
			}
			if truth != nil {
				if _, err := truth.Write(lines[k]); err != nil {
					return st, fmt.Errorf("gen truth: %w", err)
				}
			}
			d := docs[k]
			st.Docs++
			st.Bytes += int64(d.Truth.Bytes)
			st.Words += int64(d.Truth.Words)
			switch Format(d.Truth.Format) {
			case HTML:
				st.HTML++
			case Text:
				st.Text++
			case DOCX:
				st.DOCX++
			case PDF:
				st.PDF++
			}
		}
		if progress != nil {
			progress(hi)
		}
	}
	st.Seconds = time.Since(start).Seconds()
	return st, nil
}
