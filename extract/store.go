package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// StoreOptions control a pass of extraction over the store.
type StoreOptions struct {
	All      bool // re-extract every document, not only those without a current extraction
	Workers  int  // default: the number of CPUs
	Batch    int  // results per commit (default 256)
	Progress func(done, total int)
}

// StoreStats counts what a pass did.
type StoreStats struct {
	Documents int     `json:"documents"` // in the store
	Extracted int     `json:"extracted"` // extracted in this pass
	Current   int     `json:"current"`   // already extracted by this version
	Words     int     `json:"words"`
	Seconds   float64 `json:"seconds"`
}

// UpdateStore extracts every stored document that has no extraction of this
// Version (or every one, with All) and stores the results, in batches of one
// transaction each: an interrupted pass keeps what it committed and the
// next one finishes the rest. Only document IDs are held in memory.
func (x *Extractor) UpdateStore(ctx context.Context, st *corpus.Store, o StoreOptions) (StoreStats, error) {
	start := time.Now()
	var stats StoreStats
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Batch <= 0 {
		o.Batch = 256
	}
	var todo []string
	err := st.View(func(tx *corpus.Tx) error {
		return tx.ForEachID(func(id string) error {
			stats.Documents++
			if !o.All && tx.ExtractionVersion(id) == Version {
				stats.Current++
				return nil
			}
			todo = append(todo, id)
			return nil
		})
	})
	if err != nil {
		return stats, err
	}
	if len(todo) > 0 {
		if err := x.Ready(); err != nil {
			return stats, err
		}
	}
	for lo := 0; lo < len(todo); lo += o.Batch {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		ids := todo[lo:min(lo+o.Batch, len(todo))]
		docs := make([]*corpus.Document, len(ids))
		err := st.View(func(tx *corpus.Tx) error {
			for i, id := range ids {
				d, err := tx.Document(id)
				if err != nil {
					return err
				}
				docs[i] = d
			}
			return nil
		})
		if err != nil {
			return stats, err
		}
		results := make([][]byte, len(docs))
		words := make([]int, len(docs))
		jobs := make(chan int)
		done := make(chan error, o.Workers)
		for range o.Workers {
			go func() {
				var err error
				for i := range jobs {
					r := x.Extract(docs[i])
					words[i] = countWords(docs[i].Text)
					if results[i], err = json.Marshal(r); err != nil {
						err = fmt.Errorf("extract %s: %w", docs[i].ID, err)
					}
				}
				done <- err
			}()
		}
		for i := range docs {
			jobs <- i
		}
		close(jobs)
		for range o.Workers {
			if e := <-done; e != nil && err == nil {
				err = e
			}
		}
		if err != nil {
			return stats, err
		}
		err = st.Update(func(tx *corpus.Tx) error {
			for i, id := range ids {
				if !tx.Has(id) { // removed meanwhile
					continue
				}
				if err := tx.PutExtraction(id, Version, results[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return stats, fmt.Errorf("extract: store results: %w", err)
		}
		stats.Extracted += len(ids)
		for _, n := range words {
			stats.Words += n
		}
		if o.Progress != nil {
			o.Progress(stats.Extracted, len(todo))
		}
	}
	stats.Seconds = time.Since(start).Seconds()
	return stats, nil
}

// countWords counts runs of non-space bytes.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// Pending counts the stored documents without an extraction of this
// Version: what UpdateStore would extract.
func Pending(st *corpus.Store) (n int, err error) {
	err = st.View(func(tx *corpus.Tx) error {
		return tx.ForEachID(func(id string) error {
			if tx.ExtractionVersion(id) != Version {
				n++
			}
			return nil
		})
	})
	return n, err
}
