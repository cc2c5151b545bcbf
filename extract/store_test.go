package extract

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// storeWith makes a store of n small news documents.
func storeWith(t *testing.T, n int) (*corpus.Store, []string) {
	t.Helper()
	st, err := corpus.Open(t.TempDir(), corpus.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	err = st.Update(func(tx *corpus.Tx) error {
		for i := range n {
			d := corpus.Document{Kind: corpus.KindNews, Format: corpus.FormatText, Title: fmt.Sprintf("Story %d", i),
				Published: corpus.DayDate(2008, time.November, 1+i%28),
				Text:      fmt.Sprintf("Story %d. The Royal Free Hampstead NHS Trust went live with Cerner Millennium in June 2008 at a cost of £%d.2m.", i, i+1)}
			d.ID = corpus.IDOf([]byte(d.Text))
			if err := tx.Put(&d); err != nil {
				return err
			}
			if err := tx.Attach(d.ID, corpus.SourceState{Source: corpus.Source{Location: fmt.Sprintf("/s/%03d.txt", i)}}); err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, ids
}

func extracted(t *testing.T, st *corpus.Store, ids []string) int {
	t.Helper()
	n := 0
	err := st.View(func(tx *corpus.Tx) error {
		for _, id := range ids {
			v, data, ok, err := tx.Extraction(id)
			if err != nil {
				return err
			}
			if ok && v == Version && len(data) > 0 {
				n++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpdateStore(t *testing.T) {
	x, err := New(Options{NoNER: true})
	if err != nil {
		t.Fatal(err)
	}
	st, ids := storeWith(t, 41)
	ctx := context.Background()
	o := StoreOptions{Batch: 8, Workers: 2}
	s, err := x.UpdateStore(ctx, st, o)
	if err != nil || s.Extracted != 41 || s.Words == 0 {
		t.Fatalf("first pass: %+v, %v; want 41 extracted", s, err)
	}
	if n := extracted(t, st, ids); n != 41 {
		t.Fatalf("%d documents have an extraction; want 41", n)
	}
	if s, err := x.UpdateStore(ctx, st, o); err != nil || s.Extracted != 0 || s.Documents != 0 {
		t.Errorf("second pass: %+v, %v; want nothing looked at", s, err)
	}
	if s, err := x.UpdateStore(ctx, st, StoreOptions{All: true, Batch: 8}); err != nil || s.Extracted != 41 {
		t.Errorf("--all: %+v, %v; want 41 extracted again", s, err)
	}
}

// TestUpdateStoreInterrupted cancels a pass after its first commit: what was
// committed stays, the pass says it was cancelled and is not recorded as
// finished, and the next pass does the rest.
func TestUpdateStoreInterrupted(t *testing.T) {
	x, err := New(Options{NoNER: true})
	if err != nil {
		t.Fatal(err)
	}
	st, ids := storeWith(t, 64)
	ctx, cancel := context.WithCancel(context.Background())
	o := StoreOptions{Batch: 8, Workers: 2, Progress: func(done, total int) { cancel() }}
	s, err := x.UpdateStore(ctx, st, o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled pass: %+v, %v; want context.Canceled", s, err)
	}
	n := extracted(t, st, ids)
	if n < 8 || n >= 64 || n != s.Extracted {
		t.Fatalf("after the cancelled pass %d documents have an extraction (stats %d); want some, not all", n, s.Extracted)
	}
	s2, err := x.UpdateStore(context.Background(), st, StoreOptions{Batch: 8})
	if err != nil || s2.Extracted != 64-n {
		t.Fatalf("next pass: %+v, %v; want the %d left", s2, err, 64-n)
	}
	if got := extracted(t, st, ids); got != 64 {
		t.Errorf("%d documents have an extraction; want 64", got)
	}
}
