package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

// site is a test web server on loopback that serves fixtures and logs every
// request.
type site struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	log    []request
	routes map[string]http.HandlerFunc
	subst  map[string]string // {{BASE}} and the like, replaced in fixtures
}

type request struct {
	Path, IfNoneMatch, IfModifiedSince, UserAgent string
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{t: t, routes: map[string]http.HandlerFunc{}, subst: map[string]string{}}
	s.srv = httptest.NewServer(s)
	s.subst["{{BASE}}"] = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log = append(s.log, request{Path: r.URL.Path, IfNoneMatch: r.Header.Get("If-None-Match"), IfModifiedSince: r.Header.Get("If-Modified-Since"), UserAgent: r.Header.Get("User-Agent")})
	h := s.routes[r.URL.Path]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// file serves a fixture at path with an ETag and a Last-Modified date,
// answering conditional requests with 304.
func (s *site) file(path, fixture, contentType string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		body := s.fixture(fixture)
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:6]) + `"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Tue, 15 Jun 2011 10:00:00 GMT")
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

func (s *site) fixture(name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		s.t.Errorf("fixture: %v", err)
		return nil
	}
	str := string(b)
	s.mu.Lock()
	for k, v := range s.subst {
		str = strings.ReplaceAll(str, k, v)
	}
	s.mu.Unlock()
	return []byte(str)
}

// requests returns the requests made for path.
func (s *site) requests(path string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.log {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (s *site) allRequests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.log...)
}

// fakeClock is a clock whose Sleep advances it at once.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 3, 7, 21, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.slept = append(c.slept, d)
	return ctx.Err()
}

func (c *fakeClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// testOptions are fetcher options for tests: a fake clock, fixed jitter
// (factor 1), a short timeout.
func testOptions(c *fakeClock) Options {
	return Options{
		Settings: Settings{UserAgent: "trawl-test/1 (+https://example.org/trawl)", Rate: 1, Timeout: 2 * time.Second, MaxBytes: 1 << 20, MaxRedirects: 5, Retries: 3},
		Now:      c.Now, Sleep: c.Sleep, Jitter: func() float64 { return 0.5 },
	}
}

func openStore(t *testing.T) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(t.TempDir(), corpus.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
