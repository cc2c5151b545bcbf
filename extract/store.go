package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync"
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
	// Documents looked at: every stored one on the first pass of a
	// version, then those put since the last pass.
	Documents int     `json:"documents"`
	Extracted int     `json:"extracted"` // extracted in this pass
	Current   int     `json:"current"`   // looked at and already extracted by this version
	Words     int     `json:"words"`
	Seconds   float64 `json:"seconds"`
}

// UpdateStore extracts every stored document that has no extraction of this
// Version (or every one, with All) and stores the results, in batches of one
// transaction each: an interrupted pass keeps what it committed and the
// next one finishes the rest. Only document IDs are held in memory.
func (x *Extractor) UpdateStore(ctx context.Context, st *corpus.Store, o StoreOptions) (stats StoreStats, err error) {
	start := time.Now()
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Batch <= 0 {
		o.Batch = 256
	}
	var todo []string
	err = st.View(func(tx *corpus.Tx) error {
		var err error
		stats.Documents, stats.Current, err = pending(tx, o.All, func(id string) { todo = append(todo, id) })
		return err
	})
	if err != nil {
		return stats, err
	}
	// A finished pass records where the change log stood, so that the next
	// one looks only at what was put since.
	defer func() {
		if err != nil {
			return
		}
		err = st.Update(func(tx *corpus.Tx) error {
			if err := tx.PutState(stateNamespace, stateVersion, []byte(Version)); err != nil {
				return err
			}
			return tx.PutState(stateNamespace, stateSeq, []byte(strconv.FormatUint(tx.LastChange(), 10)))
		})
		if err != nil {
			err = fmt.Errorf("extract: record the pass: %w", err)
		}
	}()
	if len(todo) > 0 {
		if err := x.Ready(); err != nil {
			return stats, err
		}
	}
	// Three stages overlap: a reader loads the next batch of documents and
	// a writer commits the previous batch's results while the workers
	// extract. Store transactions take turns (storeMu): in one process they
	// would otherwise wait for each other's file lock by polling.
	type batch struct {
		ids     []string
		docs    []*corpus.Document
		results [][]byte
		words   []int
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var storeMu sync.Mutex
	reads := make(chan *batch, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(reads)
		for lo := 0; lo < len(todo); lo += o.Batch {
			if err := ctx.Err(); err != nil {
				readErr <- err
				return
			}
			b := &batch{ids: todo[lo:min(lo+o.Batch, len(todo))]}
			b.docs = make([]*corpus.Document, len(b.ids))
			storeMu.Lock()
			err := st.View(func(tx *corpus.Tx) error {
				for i, id := range b.ids {
					d, err := tx.Document(id)
					if err != nil {
						return err
					}
					b.docs[i] = d
				}
				return nil
			})
			storeMu.Unlock()
			if err != nil {
				readErr <- err
				return
			}
			select {
			case reads <- b:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
		}
		readErr <- nil
	}()
	writes := make(chan *batch, 1)
	writeErr := make(chan error, 1)
	go func() {
		var werr error
		for b := range writes {
			if werr != nil {
				continue // drain
			}
			storeMu.Lock()
			werr = st.Update(func(tx *corpus.Tx) error {
				for i, id := range b.ids {
					if !tx.Has(id) { // removed meanwhile
						continue
					}
					if err := tx.PutExtraction(id, Version, b.results[i]); err != nil {
						return err
					}
				}
				return nil
			})
			storeMu.Unlock()
			if werr != nil {
				werr = fmt.Errorf("extract: store results: %w", werr)
				cancel()
				continue
			}
			stats.Extracted += len(b.ids)
			for _, n := range b.words {
				stats.Words += n
			}
			if o.Progress != nil {
				o.Progress(stats.Extracted, len(todo))
			}
		}
		writeErr <- werr
	}()
	var xerr error
	for b := range reads {
		if xerr != nil {
			continue // drain
		}
		b.results = make([][]byte, len(b.docs))
		b.words = make([]int, len(b.docs))
		jobs := make(chan int)
		done := make(chan error, o.Workers)
		for range o.Workers {
			go func() {
				var err error
				for i := range jobs {
					r := x.Extract(b.docs[i])
					b.words[i] = countWords(b.docs[i].Text)
					var e error
					if b.results[i], e = json.Marshal(r); e != nil && err == nil {
						err = fmt.Errorf("extract %s: %w", b.docs[i].ID, e)
					}
				}
				done <- err
			}()
		}
		for i := range b.docs {
			jobs <- i
		}
		close(jobs)
		for range o.Workers {
			if e := <-done; e != nil && xerr == nil {
				xerr = e
			}
		}
		if xerr != nil {
			cancel()
			continue
		}
		b.docs = nil // the text is no longer needed while the batch waits
		writes <- b
	}
	close(writes)
	werr := <-writeErr
	rerr := <-readErr
	switch {
	case xerr != nil:
		return stats, xerr
	case werr != nil:
		return stats, werr
	case rerr != nil:
		return stats, rerr
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
		_, _, err := pending(tx, false, func(string) { n++ })
		return err
	})
	return n, err
}

// The state a finished pass leaves: the extractor version and the change
// log position it covered.
const (
	stateNamespace = "extract"
	stateVersion   = "version"
	stateSeq       = "seq"
)

// pending calls fn with each document to extract: every stored one with all,
// else those without an extraction of this Version. After a finished pass of
// this Version only the documents put since are looked at (a pass over
// 100,000 unchanged documents otherwise reads every one's record); after
// another version's, all are. It returns the documents looked at and those
// found current.
func pending(tx *corpus.Tx, all bool, fn func(id string)) (looked, current int, err error) {
	check := func(id string) {
		looked++
		if !all && tx.ExtractionVersion(id) == Version {
			current++
			return
		}
		fn(id)
	}
	v, okV := tx.State(stateNamespace, stateVersion)
	s, okS := tx.State(stateNamespace, stateSeq)
	seq, perr := strconv.ParseUint(string(s), 10, 64)
	if all || !okV || !okS || perr != nil || string(v) != Version {
		err = tx.ForEachID(func(id string) error { check(id); return nil })
		return looked, current, err
	}
	seen := map[string]bool{}
	err = tx.Changes(seq, func(ch corpus.Change) error {
		if ch.Op != corpus.ChangePut || seen[ch.ID] {
			return nil
		}
		seen[ch.ID] = true
		if tx.Has(ch.ID) {
			check(ch.ID)
		}
		return nil
	})
	return looked, current, err
}
