package index

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestReleaseMapped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("madvise and /proc/self/statm are Linux's")
	}
	ctx := context.Background()
	store, _ := genStore(t, t.TempDir(), 3000)
	defer store.Close()
	dir := filepath.Join(t.TempDir(), "index")
	// A limit of one byte releases at every check while Update runs.
	x := openIndex(t, dir, Options{MappedLimit: 1})
	st, err := x.Update(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.MappedReleases == 0 {
		t.Errorf("Update with a 1-byte MappedLimit took %.2fs and released nothing", st.Seconds)
	}
	x.Close()

	// Reopened, every segment is a mapped file: read them all.
	x = openIndex(t, dir, Options{ReadOnly: true})
	want, err := x.Search(ctx, SearchRequest{Query: "cerner delay", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Timeline(ctx, TimelineRequest{}); err != nil {
		t.Fatal(err)
	}
	before, ok := corpus.MappedResident()
	if !ok {
		t.Fatal("no /proc/self/statm")
	}
	released, err := x.ReleaseMapped()
	if err != nil {
		t.Fatal(err)
	}
	after, _ := corpus.MappedResident()
	if released == 0 {
		t.Fatal("ReleaseMapped found no mapped segment")
	}
	if after >= before {
		t.Errorf("resident mapped pages %d before ReleaseMapped, %d after: want fewer", before, after)
	}
	t.Logf("segments %d bytes; resident mapped %d -> %d", released, before, after)
	// The pages come back on reading: the same answer.
	got, err := x.Search(ctx, SearchRequest{Query: "cerner delay", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != want.Total || len(got.Hits) != len(want.Hits) || got.Hits[0].ID != want.Hits[0].ID {
		t.Errorf("after release: %d hits, first %v; before: %d, first %v", got.Total, got.Hits[0].ID, want.Total, want.Hits[0].ID)
	}
}
