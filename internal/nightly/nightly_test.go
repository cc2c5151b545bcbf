package nightly

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/index"
	"github.com/nhs-trawl/trawl/ingest"
	"github.com/nhs-trawl/trawl/internal/gen"
)

// TestMain lets the test binary act as a child nightly run for the kill
// test: with TRAWL_NIGHTLY_CHILD set it runs and exits.
func TestMain(m *testing.M) {
	if dir := os.Getenv("TRAWL_NIGHTLY_CHILD"); dir != "" {
		os.Exit(child(dir, os.Getenv("TRAWL_NIGHTLY_DOCS")))
	}
	os.Exit(m.Run())
}

func options(data string, paths ...string) Options {
	return Options{DataDir: data, Paths: paths, NoNER: true,
		Registry: ingest.DefaultRegistry(ingest.RegistryOptions{NoOCR: true})}
}

// child runs, reporting each stage and each ingest result on stdout.
func child(data, docs string) int {
	st, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		return 1
	}
	o := options(data, docs)
	o.Stage = func(name string) { fmt.Printf("stage %s\n", name) }
	o.Ingest.Progress = func(ingest.Progress) { fmt.Println("result") }
	o.Ingest.BatchDocs = 8
	if _, err := Run(context.Background(), st, o); err != nil && !errors.Is(err, corpus.ErrPartial) {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// generate writes n generated documents (HTML and text) into a folder.
func generate(t *testing.T, n int) string {
	t.Helper()
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gen.New(gz, gen.Options{Seed: 7, Formats: []gen.Format{gen.HTML, gen.Text}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := g.Write(context.Background(), dir, n, nil, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot is what a finished run leaves: documents with their sources and
// extraction versions, and the index's document count.
// openStore opens the store in data.
func openStore(t *testing.T, data string) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func snapshot(t *testing.T, data string) []string {
	t.Helper()
	st := openStore(t, data)
	var out []string
	err := st.View(func(tx *corpus.Tx) error {
		if err := tx.Check(); err != nil {
			return err
		}
		return tx.ForEachMeta(func(d *corpus.Document) error {
			out = append(out, fmt.Sprintf("%s %s %d %s", d.ID[:12], filepath.Base(d.Sources[0].Location), len(d.Sources), tx.ExtractionVersion(d.ID)))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := index.Open(index.PathIn(data), index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	s, err := x.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, fmt.Sprintf("index %d docs %d events", s.Docs, s.Events))
	sort.Strings(out)
	return out
}

func TestRunThenNothingChanged(t *testing.T) {
	data := t.TempDir()
	corpusDir := filepath.Join("..", "..", "testdata", "corpus")
	st := openStore(t, data)
	rep, err := Run(context.Background(), st, options(data, corpusDir))
	if err != nil || rep.ExitCode != 0 {
		t.Fatalf("first run: %v, %+v", err, rep)
	}
	if rep.Ingest.New != 6 || rep.Extract.Extracted != 6 || rep.Index.Indexed != 6 || rep.Index.Events == 0 {
		t.Errorf("first run: ingest %+v, extract %+v, index %+v; want 6 documents through every stage", rep.Ingest, rep.Extract, rep.Index)
	}
	for _, stage := range []string{"ingest", "extract", "index"} {
		if _, ok := rep.Durations[stage]; !ok {
			t.Errorf("no duration for %s", stage)
		}
	}
	first := snapshot(t, data)

	plan, err := Run(context.Background(), st, Options{DataDir: data, Paths: []string{corpusDir}, DryRun: true, Registry: ingest.DefaultRegistry(ingest.RegistryOptions{})})
	if err != nil || plan.Plan == nil || plan.Plan.ToRead != 0 || plan.Plan.ToExtract != 0 || plan.Plan.IndexBehind != 0 {
		t.Errorf("dry run after a run = %+v, %v; want nothing to do", plan.Plan, err)
	}

	rep, err = Run(context.Background(), st, options(data, corpusDir))
	if err != nil || rep.Ingest.Read != 0 || rep.Extract.Extracted != 0 || rep.Index.Indexed != 0 {
		t.Errorf("second run: %v, ingest %+v, extract %+v, index %+v; want nothing done", err, rep.Ingest, rep.Extract, rep.Index)
	}
	if got := snapshot(t, data); !reflect.DeepEqual(got, first) {
		t.Errorf("second run changed the data:\n%v\nwant\n%v", got, first)
	}

	// Bad inputs: the run finishes, reports them with reasons, exits 3.
	rep, err = Run(context.Background(), st, options(data, filepath.Join("..", "..", "testdata", "bad")))
	if !errors.Is(err, corpus.ErrPartial) || rep.ExitCode != 3 || len(rep.Ingest.Problems) != rep.Ingest.Rejected || rep.Ingest.Rejected == 0 {
		t.Errorf("bad inputs: %v, exit %d, %d rejected, problems %+v", err, rep.ExitCode, rep.Ingest.Rejected, rep.Ingest.Problems)
	}
}

// TestRunOCRsScannedPaper: a run reads a scanned board paper through OCR and
// leaves it searchable.
func TestRunOCRsScannedPaper(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed (CI installs tesseract-ocr)")
	}
	data := t.TempDir()
	st := openStore(t, data)
	o := options(data, filepath.Join("..", "..", "testdata", "scanned"))
	o.Registry = ingest.DefaultRegistry(ingest.RegistryOptions{})
	rep, err := Run(context.Background(), st, o)
	if err != nil || rep.Ingest.New != 1 || rep.Index.Indexed != 1 {
		t.Fatalf("run = %v, ingest %+v, index %+v", err, rep.Ingest, rep.Index)
	}
	x, err := index.Open(index.PathIn(data), index.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res, err := x.Search(context.Background(), index.SearchRequest{Query: "Cerner"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search Cerner in the scanned paper: %+v, %v", res, err)
	}
	var warned bool
	st.View(func(tx *corpus.Tx) error {
		return tx.ForEachMeta(func(d *corpus.Document) error {
			for _, w := range d.Warnings {
				warned = warned || strings.Contains(w, "OCR")
			}
			return nil
		})
	})
	if !warned {
		t.Errorf("the OCR'd document carries no OCR warning")
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	data := t.TempDir()
	st := openStore(t, data)
	o := options(data, filepath.Join("..", "..", "testdata", "corpus"))
	o.DryRun = true
	rep, err := Run(context.Background(), st, o)
	if err != nil || rep.Plan == nil || rep.Plan.Files != 6 || rep.Plan.ToRead != 6 {
		t.Fatalf("dry run = %+v, %v; want 6 files to read", rep.Plan, err)
	}
	n := 0
	st.View(func(tx *corpus.Tx) error { return tx.ForEachID(func(string) error { n++; return nil }) })
	if _, err := os.Stat(index.PathIn(data)); n != 0 || err == nil {
		t.Errorf("dry run stored %d documents or made an index", n)
	}
}

// TestKill9 kills a nightly run with SIGKILL mid-ingest, as extraction
// starts and as indexing starts; each time the next run must finish the
// work, and the end must equal an uninterrupted run's.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	docs := generate(t, 120)
	data := t.TempDir()
	for _, at := range []string{"result 30", "result 90", "stage extract", "stage index"} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRAWL_NIGHTLY_CHILD="+data, "TRAWL_NIGHTLY_DOCS="+docs)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		results, killed := 0, false
		for sc.Scan() {
			line := sc.Text()
			if line == "result" {
				results++
				line = fmt.Sprintf("result %d", results)
			}
			if line == at || (strings.HasPrefix(at, "result") && line == at) {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
		}
		cmd.Wait()
		if !killed {
			t.Logf("%s: the child finished before the kill point", at)
		}
		st, err := corpus.Open(data, corpus.Options{})
		if err != nil {
			t.Fatalf("after kill at %s: %v", at, err)
		}
		if err := st.View(func(tx *corpus.Tx) error { return tx.Check() }); err != nil {
			t.Fatalf("after kill at %s: %v", at, err)
		}
	}
	// The next run completes the work.
	st := openStore(t, data)
	if _, err := Run(context.Background(), st, options(data, docs)); err != nil {
		t.Fatal(err)
	}
	clean := t.TempDir()
	cst, err := corpus.Open(clean, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), cst, options(clean, docs)); err != nil {
		t.Fatal(err)
	}
	got, want := snapshot(t, data), snapshot(t, clean)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after kills and a final run, %d entries; an uninterrupted run gives %d\n%s", len(got), len(want), strings.Join(diff(got, want), "\n"))
	}
}

func diff(a, b []string) []string {
	in := map[string]int{}
	for _, s := range a {
		in[s]++
	}
	for _, s := range b {
		in[s]--
	}
	var out []string
	for s, n := range in {
		if n != 0 {
			out = append(out, fmt.Sprintf("%+d %s", n, s))
		}
	}
	sort.Strings(out)
	return out
}

// TestRunRebuildsOldIndex: an index another trawl version built is rebuilt
// from the store, not left to stop every nightly run.
func TestRunRebuildsOldIndex(t *testing.T) {
	data := t.TempDir()
	corpusDir := filepath.Join("..", "..", "testdata", "corpus")
	st := openStore(t, data)
	if rep, err := Run(context.Background(), st, options(data, corpusDir)); err != nil || rep.ExitCode != 0 || rep.IndexRebuilt {
		t.Fatalf("first run: %v, %+v", err, rep)
	}
	before := snapshot(t, data)
	// As an older trawl would have left it: another mapping version.
	b, err := bleve.Open(index.PathIn(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetInternal([]byte("trawl:mapping"), []byte("trawl-index/1")); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := index.Open(index.PathIn(data), index.Options{ReadOnly: true}); !errors.Is(err, index.ErrMapping) {
		t.Fatalf("open tampered index: %v, want ErrMapping", err)
	}
	rep, err := Run(context.Background(), st, options(data, corpusDir))
	if err != nil || rep.ExitCode != 0 || !rep.IndexRebuilt {
		t.Fatalf("run over an old index: %v, %+v", err, rep)
	}
	if rep.Index.Indexed != rep.Ingest.Unchanged {
		t.Errorf("rebuild indexed %d documents, want all %d", rep.Index.Indexed, rep.Ingest.Unchanged)
	}
	if after := snapshot(t, data); !reflect.DeepEqual(after, before) {
		t.Errorf("after the rebuild:\n%v\nwant\n%v", after, before)
	}
}
