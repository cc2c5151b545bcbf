package corpus

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestReleaseMapped(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("madvise and /proc/self/statm are Linux's")
	}
	s := openTest(t)
	// About 24 MB of text, to read back in one long transaction.
	var ids []string
	ok(t, s.Update(func(tx *Tx) error {
		for i := range 3000 {
			d := testDoc(fmt.Sprintf("document %d %s", i, strings.Repeat("word ", 1600)))
			if err := tx.Put(d); err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		return nil
	}))
	ok(t, s.View(func(tx *Tx) error {
		for _, id := range ids {
			if _, err := tx.Document(id); err != nil {
				return err
			}
		}
		before, _ := MappedResident()
		n, err := s.ReleaseMapped()
		if err != nil {
			return err
		}
		after, _ := MappedResident()
		if n < 20<<20 || before-after < 16<<20 {
			t.Errorf("released %d bytes of mapping; resident mapped pages %d -> %d: want 16 MB fewer", n, before, after)
		}
		// The pages come back on reading.
		d, err := tx.Document(ids[len(ids)-1])
		if err != nil || !strings.HasPrefix(d.Text, fmt.Sprintf("document %d ", len(ids)-1)) {
			t.Errorf("read after release: %v %.20q", err, d.Text)
		}
		return nil
	}))
	// Outside a transaction, nothing is mapped.
	if n, err := s.ReleaseMapped(); n != 0 || err != nil {
		t.Errorf("ReleaseMapped with no transaction open = %d, %v", n, err)
	}
}

func TestWatchMapped(t *testing.T) {
	if _, ok := MappedResident(); !ok {
		t.Skip("no /proc/self/statm")
	}
	calls := 0
	// Any process maps its own binary: one byte is always exceeded.
	stop := WatchMapped(context.Background(), 1, time.Millisecond, func() error { calls++; return nil })
	time.Sleep(50 * time.Millisecond)
	n, err := stop()
	if n == 0 || n != calls || err != nil {
		t.Errorf("stop() = %d, %v after %d calls; want them all counted", n, err, calls)
	}
	boom := errors.New("boom")
	stop = WatchMapped(context.Background(), 1, time.Millisecond, func() error { return boom })
	time.Sleep(20 * time.Millisecond)
	if n, err := stop(); n != 0 || !errors.Is(err, boom) {
		t.Errorf("stop() = %d, %v; want 0 and the release's error", n, err)
	}
	// A limit nothing reaches: never called.
	stop = WatchMapped(context.Background(), 1<<50, time.Millisecond, func() error { t.Error("released under the limit"); return nil })
	time.Sleep(10 * time.Millisecond)
	stop()
}

// TestReleaseMappedWhileClosing releases without pause while read-only
// transactions open and close their files: a file must leave the register
// before it is unmapped (releasing an unmapped range faulted, and could
// have dropped pages of whatever was mapped there next).
func TestReleaseMappedWhileClosing(t *testing.T) {
	s := openTest(t)
	d := testDoc(strings.Repeat("text ", 20000))
	ok(t, s.Update(func(tx *Tx) error { return tx.Put(d) }))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		for ctx.Err() == nil {
			if _, err := s.ReleaseMapped(); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range 300 {
		ok(t, s.View(func(tx *Tx) error {
			got, err := tx.Document(d.ID)
			if err == nil && got.Text != d.Text {
				t.Error("text changed under release")
			}
			return err
		}))
	}
	cancel()
	ok(t, <-done)
}
