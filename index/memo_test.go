package index

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

func TestMemo(t *testing.T) {
	var calls atomic.Int64
	double := func(s string) int {
		calls.Add(1)
		n, _ := strconv.Atoi(s)
		return 2 * n
	}
	m := newMemo[int](1000)
	// Four goroutines ask for the same 3,000 keys: every answer right,
	// each of the first thousand keys computed once, the memo never past
	// its bound.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range 3000 {
				if got := m.get(strconv.Itoa(i), double); got != 2*i {
					t.Errorf("get(%d) = %d", i, got)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := len(m.load()) + len(m.pending); n > 1000 {
		t.Errorf("memo holds %d keys; bound 1000", n)
	}
	before := calls.Load()
	for i := range 500 {
		m.get(strconv.Itoa(i), double)
	}
	if n := calls.Load() - before; n != 0 {
		t.Errorf("%d keys of the first 500 computed again", n)
	}
	if n := calls.Load(); n < 1000+4*2000/4 || n > 4*3000 {
		t.Errorf("%d computations", n)
	}
}
