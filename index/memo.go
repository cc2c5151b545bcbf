package index

import (
	"sync"
	"sync/atomic"
)

// memo remembers what a function makes of each key. It is read without a
// lock, from any number of goroutines: new keys gather in a small map
// under a mutex, which is folded into a fresh copy of the memo once it
// holds a quarter as many keys as the memo (so copying costs O(1) a key).
// Past max keys it stops growing and new keys are computed every time.
type memo[V any] struct {
	max  int
	vals atomic.Pointer[map[string]V] // read-only once stored

	mu      sync.Mutex
	pending map[string]V
}

func newMemo[V any](max int) *memo[V] {
	m := &memo[V]{max: max}
	m.vals.Store(&map[string]V{})
	return m
}

// load returns the memo as it stands: a map to read, never to write.
// Keys it lacks may be pending: look them up with get.
func (m *memo[V]) load() map[string]V { return *m.vals.Load() }

// get returns what compute makes of key, computing it at most once while
// the memo has room.
func (m *memo[V]) get(key string, compute func(string) V) V {
	if v, ok := m.load()[key]; ok {
		return v
	}
	return m.miss(key, compute)
}

// miss is get's slow path: key is not in the memo as loaded.
func (m *memo[V]) miss(key string, compute func(string) V) V {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.pending[key]; ok {
		return v
	}
	vals := m.load()
	if v, ok := vals[key]; ok { // folded since the caller loaded
		return v
	}
	v := compute(key)
	if len(vals)+len(m.pending) >= m.max {
		return v
	}
	if m.pending == nil {
		m.pending = map[string]V{}
	}
	m.pending[key] = v
	if len(m.pending) >= max(256, len(vals)/4) {
		next := make(map[string]V, len(vals)+len(m.pending))
		for k, v := range vals {
			next[k] = v
		}
		for k, v := range m.pending {
			next[k] = v
		}
		m.vals.Store(&next)
		m.pending = nil
	}
	return v
}
