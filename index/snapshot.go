package index

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrBusy is returned by Snapshot when a writer holds the index longer than
// the timeout.
var ErrBusy = errors.New("index busy: being written")

// Snapshot makes dst a copy of the index in dir as it is now, for a
// long-running reader such as trawl serve. bleve keeps an index's root file
// open, with a shared lock, for as long as the index is open, even read
// only: a server holding the index itself would lock out 'trawl index' and
// the nightly run. The copy takes the lock for a moment: the root file is
// copied in a read transaction and the segment files, which bleve never
// changes once written, are hard-linked (copied where links are not
// possible). A writer deleting merged segments later leaves the links.
func Snapshot(dir, dst string, timeout time.Duration) (err error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return fmt.Errorf("snapshot index %s: %w", dir, ErrNoIndex)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dst)
		}
	}()
	if err := os.MkdirAll(filepath.Join(dst, "store"), 0o755); err != nil {
		return fmt.Errorf("snapshot index %s: %w", dir, err)
	}
	if err := copyFile(filepath.Join(dir, "index_meta.json"), filepath.Join(dst, "index_meta.json")); err != nil {
		return fmt.Errorf("snapshot index %s: %w", dir, err)
	}
	store := filepath.Join(dir, "store")
	db, err := bolt.Open(filepath.Join(store, "root.bolt"), 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return fmt.Errorf("snapshot index %s: %w", dir, ErrBusy)
	}
	if err != nil {
		return fmt.Errorf("snapshot index %s: %w", dir, err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		if err := tx.CopyFile(filepath.Join(dst, "store", "root.bolt"), 0o600); err != nil {
			return err
		}
		// While the root file is open no writer can run, so every segment
		// the copied root names is here.
		ents, err := os.ReadDir(store)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if e.Name() == "root.bolt" || !e.Type().IsRegular() {
				continue
			}
			src, to := filepath.Join(store, e.Name()), filepath.Join(dst, "store", e.Name())
			if err := os.Link(src, to); err != nil {
				if err := copyFile(src, to); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("snapshot index %s: %w", dir, err)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
