package index

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/nhs-trawl/trawl/corpus"
)

// dump lists every record of the index with its stored fields, by ID.
func dump(t *testing.T, x *Index) string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	req.Fields = []string{"*"}
	req.SortBy([]string{"_id"})
	res, err := x.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		ID     string
		Fields map[string]any
	}
	var out []rec
	for _, h := range res.Hits {
		out = append(out, rec{h.ID, h.Fields})
	}
	b, _ := json.MarshalIndent(out, "", " ")
	return string(b)
}

func countType(t *testing.T, x *Index, typ string) int {
	t.Helper()
	q := bleve.NewTermQuery(typ)
	q.SetField(fType)
	res, err := x.idx.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

func TestUpdateIncremental(t *testing.T) {
	ctx := context.Background()
	f := loadFixture(t, "testdata/search/london-cerner/docs.json")
	store := openStore(t)
	putDocs(t, store, f.docs)
	dir := filepath.Join(t.TempDir(), "index")
	x := openIndex(t, dir, Options{})

	st, err := x.Update(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 6 || st.Events != 10 || st.Bare != 1 || st.Deleted != 0 {
		t.Errorf("first Update = %+v; want 6 indexed, 10 events, 1 bare", st)
	}
	if got := countType(t, x, TypeEvent); got != 10 {
		t.Errorf("events after first Update = %d; want 10", got)
	}
	before := dump(t, x)

	// A rerun finds nothing to do and changes nothing.
	st, err = x.Update(ctx, store, nil)
	if err != nil || st.Changes != 0 || st.Indexed != 0 || st.Batches != 0 {
		t.Errorf("second Update = %+v, %v; want a no-op", st, err)
	}
	if after := dump(t, x); after != before {
		t.Error("a no-op Update changed the index")
	}

	// Re-extraction with fewer events replaces the document's events.
	kingston := f.ids["kingston-delay"]
	var ex Extraction
	for _, d := range f.docs {
		if d.Name == "kingston-delay" {
			ex = *d.Extraction
		}
	}
	ex.Events = ex.Events[:1]
	data, _ := json.Marshal(ex)
	if err := store.Update(func(tx *corpus.Tx) error { return tx.PutExtraction(kingston, "extract/test2", data) }); err != nil {
		t.Fatal(err)
	}
	st, err = x.Update(ctx, store, nil)
	if err != nil || st.Indexed != 1 || st.Events != 1 {
		t.Errorf("Update after re-extraction = %+v, %v; want 1 document, 1 event", st, err)
	}
	if got := countType(t, x, TypeEvent); got != 7 {
		t.Errorf("events after re-extraction = %d; want 7", got)
	}

	// A new document is added; a deleted one goes with its events.
	extra := fixtureDoc{Name: "new-doc", Doc: corpus.Document{Kind: corpus.KindNews, Format: corpus.FormatText,
		Title: "Lorenzo at Morecambe Bay", Text: "Morecambe Bay went live with Lorenzo.", Published: corpus.YearDate(2011)}}
	extra.Doc.ID = corpus.IDOf([]byte(extra.Name))
	putDocs(t, store, []fixtureDoc{extra})
	if err := store.Update(func(tx *corpus.Tx) error { return tx.Delete(f.ids["ral-board-paper"]) }); err != nil {
		t.Fatal(err)
	}
	st, err = x.Update(ctx, store, nil)
	if err != nil || st.Indexed != 1 || st.Deleted != 1 {
		t.Errorf("Update after add and delete = %+v, %v; want 1 indexed, 1 deleted", st, err)
	}
	if got, want := countType(t, x, TypeDoc), 6; got != want {
		t.Errorf("documents = %d; want %d", got, want)
	}
	if got := countType(t, x, TypeEvent); got != 4 {
		t.Errorf("events after delete = %d; want 4", got)
	}
	res, err := x.Search(ctx, SearchRequest{Query: "recovery"})
	if err != nil || res.Total != 0 {
		t.Errorf("deleted document still found: %v, %v", res, err)
	}

	// Reopened, the index knows where it stopped.
	seq := x.Seq()
	x.Close()
	x = openIndex(t, dir, Options{})
	if x.Seq() != seq {
		t.Errorf("reopened Seq = %d; want %d", x.Seq(), seq)
	}
	if st, err := x.Update(ctx, store, nil); err != nil || st.Changes != 0 {
		t.Errorf("Update after reopen = %+v, %v; want a no-op", st, err)
	}

	// --rebuild starts afresh and gives the same index.
	incremental := dump(t, x)
	x.Close()
	x = openIndex(t, dir, Options{Rebuild: true})
	if x.Seq() != 0 {
		t.Errorf("rebuilt index Seq = %d; want 0", x.Seq())
	}
	if _, err := x.Update(ctx, store, nil); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, x); got != incremental {
		t.Errorf("rebuilt index differs from the incremental one")
	}
}

func TestUpdateInterrupted(t *testing.T) {
	ctx := context.Background()
	f := loadFixture(t, "testdata/search/london-cerner/docs.json")
	store := openStore(t)
	putDocs(t, store, f.docs)

	full := openIndex(t, filepath.Join(t.TempDir(), "full"), Options{})
	if _, err := full.Update(ctx, store, nil); err != nil {
		t.Fatal(err)
	}
	want := dump(t, full)

	// One change per batch; cancelled after the third batch commits.
	dir := filepath.Join(t.TempDir(), "index")
	x := openIndex(t, dir, Options{BatchBytes: 1})
	cctx, cancel := context.WithCancel(ctx)
	_, err := x.Update(cctx, store, func(st UpdateStats) {
		if st.Batches == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Update = %v; want context.Canceled", err)
	}
	if x.Seq() == 0 {
		t.Fatal("no batch committed before the interruption")
	}
	x.Close()

	x = openIndex(t, dir, Options{BatchBytes: 1})
	st, err := x.Update(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Batches == 0 {
		t.Error("rerun had nothing to do")
	}
	if got := dump(t, x); got != want {
		t.Errorf("interrupted and resumed index differs from a full build:\n%s\nwant\n%s", got, want)
	}
}

// TestUpdateIndexesEachDocumentOnce: a first run puts every document's text
// and then every extraction; whatever the batch size, each document is
// indexed once, with its extraction.
func TestUpdateIndexesEachDocumentOnce(t *testing.T) {
	f := loadFixture(t, filepath.Join("testdata", "search", "london-cerner", "docs.json"))
	store := openStore(t)
	var bare []fixtureDoc
	for _, d := range f.docs {
		d.Extraction = nil
		bare = append(bare, d)
	}
	putDocs(t, store, bare)   // the texts first, as ingest stores them
	putDocs(t, store, f.docs) // then the same documents with their extractions
	x := openIndex(t, filepath.Join(t.TempDir(), "index"), Options{BatchBytes: 1})
	st, err := x.Update(context.Background(), store, nil)
	if err != nil {
		t.Fatal(err)
	}
	withExtraction := 0
	for _, d := range f.docs {
		if d.Extraction != nil {
			withExtraction++
		}
	}
	if st.Indexed != len(f.docs) || st.Bare != len(f.docs)-withExtraction {
		t.Errorf("Update = %d indexed (%d bare) over %d changes; want each of %d documents once, %d with an extraction", st.Indexed, st.Bare, st.Changes, len(f.docs), withExtraction)
	}
}

// TestUpdateLeavesNoMergedFiles: when Update returns, the files of segments
// its final merges replaced are gone (scorch deletes them when its
// persister is next idle, which a closing process used not to wait for).
func TestUpdateLeavesNoMergedFiles(t *testing.T) {
	store, _ := genStore(t, t.TempDir(), 400)
	defer store.Close()
	dir := filepath.Join(t.TempDir(), "index")
	// Small batches: many segments for the final merge to replace.
	x, err := Open(dir, Options{BatchBytes: 16 << 10, Gazetteer: testGaz})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	st, err := x.Update(context.Background(), store, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := x.reader()
	if err != nil {
		t.Fatal(err)
	}
	live := map[string]bool{}
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		if m, ok := ss.Segment().(mappedSegment); ok {
			live[filepath.Base(m.Path())] = true
		}
	}
	r.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	for _, f := range files {
		if !live[filepath.Base(f)] {
			t.Errorf("%s left after Update (%d batches, %d live segments)", filepath.Base(f), st.Batches, len(live))
		}
	}
	if st.Batches < 10 || len(live) == 0 {
		t.Fatalf("%d batches, %d live segments: the test wants many batches merged", st.Batches, len(live))
	}
}
