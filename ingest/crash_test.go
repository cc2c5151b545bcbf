package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// TestMain lets the test binary act as a child ingest process for the crash
// test: with TRAWL_CRASH_CHILD set it ingests and exits.
func TestMain(m *testing.M) {
	if os.Getenv("TRAWL_CRASH_CHILD") != "" {
		os.Exit(crashChild(os.Getenv("TRAWL_CRASH_STORE"), os.Getenv("TRAWL_CRASH_DIR")))
	}
	os.Exit(m.Run())
}

func slowReader() *fakeReader {
	rd := textReader()
	inner := rd.read
	rd.read = func(ctx context.Context, in format.Input) (*corpus.Document, error) {
		time.Sleep(5 * time.Millisecond)
		return inner(ctx, in)
	}
	return rd
}

func crashChild(storeDir, dir string) int {
	st, err := corpus.Open(storeDir, corpus.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	reg := NewRegistry()
	reg.Register(slowReader(), ".txt")
	// Each result read is reported on stdout, so the parent can kill at a
	// known point whatever the machine's load.
	progress := func(Progress) { os.Stdout.Write([]byte{'.'}) }
	_, err = New(st, reg, Options{Workers: 2, BatchDocs: 4, Progress: progress}).Run(context.Background(), []string{dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestKill9 kills a child ingest with SIGKILL at several moments and checks
// that the store always opens, holds no half-written document, and that the
// next run completes the work: the result equals an uninterrupted run's.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	for i := range 400 {
		sub := fmt.Sprintf("d%02d", i%7)
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
		content := fmt.Sprintf("Document %d\n\nBody of document %d about the trust board.", i, i)
		if i%50 == 7 {
			content = "BAD " + content
		}
		if err := os.WriteFile(filepath.Join(dir, sub, fmt.Sprintf("f%03d.txt", i)), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	storeDir := t.TempDir()
	var counts []int
	// Kill after 20, 60, 100 and 150 more results of each run (each run
	// skips what the last one committed).
	for _, after := range []int{20, 60, 100, 150} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRAWL_CRASH_CHILD=1", "TRAWL_CRASH_STORE="+storeDir, "TRAWL_CRASH_DIR="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 1)
		for seen := 0; seen < after; seen++ {
			if _, err := out.Read(buf); err != nil {
				break // the child finished first
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		delay := after

		st, err := corpus.Open(storeDir, corpus.Options{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatalf("after kill at result %d: store does not open: %v", delay, err)
		}
		n := 0
		err = st.View(func(tx *corpus.Tx) error {
			tx.ForEachID(func(string) error { n++; return nil })
			return tx.Check()
		})
		if err != nil {
			t.Fatalf("after kill at result %d: %v", delay, err)
		}
		counts = append(counts, n)
	}
	t.Logf("documents stored when killed: %v (of 392)", counts)
	mid := 0
	for _, n := range counts {
		if n > 0 && n < 392 {
			mid++
		}
	}
	if mid < 2 {
		t.Errorf("fewer than two kills landed mid-ingest (%v); the test proves little", counts)
	}

	// The next run completes the work and matches an uninterrupted one.
	finish := func(storeDir string) map[string][]string {
		st, err := corpus.Open(storeDir, corpus.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		reg := NewRegistry()
		reg.Register(textReader(), ".txt")
		New(st, reg, Options{}).Run(context.Background(), []string{dir})
		out := map[string][]string{}
		st.View(func(tx *corpus.Tx) error {
			if err := tx.Check(); err != nil {
				t.Errorf("final store: %v", err)
			}
			tx.ForEachMeta(func(d *corpus.Document) error {
				for _, s := range d.Sources {
					out[d.ID] = append(out[d.ID], s.Location)
				}
				return nil
			})
			return tx.ForEachRejection(func(r corpus.Rejection) error {
				out["rejected"] = append(out["rejected"], r.Location)
				return nil
			})
		})
		return out
	}
	got, want := finish(storeDir), finish(t.TempDir())
	if len(want) != 393 || !reflect.DeepEqual(got, want) {
		t.Errorf("after kills and a final run: %d entries; an uninterrupted run has %d (want 392 documents + rejected)", len(got), len(want))
	}
}
