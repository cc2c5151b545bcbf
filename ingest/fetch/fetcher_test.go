package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestGetMisbehavingServers(t *testing.T) {
	s := newSite(t)
	var n atomic.Int64 // per-case request counter, reset by each case
	ok := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>fine</p></body></html>")
	}
	s.handle("/slow-then-fast", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select { // longer than the client's timeout
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		ok(w)
	})
	s.handle("/500-then-ok", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		ok(w)
	})
	s.handle("/always-503", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	})
	s.handle("/429-retry-after", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "7")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		ok(w)
	})
	s.handle("/429-retry-tomorrow", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "86400")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	s.handle("/gone", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "gone", http.StatusGone)
	})
	s.handle("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "no", http.StatusForbidden)
	})
	s.handle("/loop-a", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, "/loop-b", http.StatusFound)
	})
	s.handle("/loop-b", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, "/loop-a", http.StatusFound)
	})
	for i := range 10 {
		s.handle(fmt.Sprintf("/hop%d", i), func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusMovedPermanently)
		})
	}
	s.handle("/hop10", func(w http.ResponseWriter, r *http.Request) { n.Add(1); ok(w) })
	s.handle("/truncated", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", "5000")
		w.Write([]byte("%PDF-1.4 only the start"))
	})
	s.handle("/huge", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "3000000")
		w.Write([]byte(strings.Repeat("x", 3000000)))
	})
	s.handle("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "text/plain")
		for range 40 {
			w.Write([]byte(strings.Repeat("y", 64<<10)))
			w.(http.Flusher).Flush()
		}
	})
	s.handle("/bogus-304", func(w http.ResponseWriter, r *http.Request) { n.Add(1); w.WriteHeader(http.StatusNotModified) })

	tests := []struct {
		name     string
		path     string
		wantErr  error  // nil for success
		wantMsg  string // in the error
		requests int64  // to the path (and its redirects)
		sleeps   []time.Duration
		final    string
	}{
		{name: "timeout then retry", path: "/slow-then-fast", requests: 2, sleeps: []time.Duration{time.Second}},
		{name: "500s then success", path: "/500-then-ok", requests: 3, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{name: "503 until retries run out", path: "/always-503", wantMsg: "HTTP 503 Service Unavailable (after 4 attempts)", requests: 4, sleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{name: "429 honours Retry-After", path: "/429-retry-after", requests: 2, sleeps: []time.Duration{7 * time.Second}},
		{name: "429 asking too long", path: "/429-retry-tomorrow", wantMsg: "Retry-After 24h0m0s is longer than 5m0s", requests: 1},
		{name: "410 never retried", path: "/gone", wantMsg: "HTTP 410 Gone", requests: 1},
		{name: "403 never retried", path: "/forbidden", wantMsg: "HTTP 403 Forbidden", requests: 1},
		{name: "redirect loop", path: "/loop-a", wantErr: ErrRedirectLoop, requests: 2},
		{name: "too many redirects", path: "/hop0", wantErr: ErrTooManyRedirects, requests: 6},
		{name: "redirects within the cap", path: "/hop6", requests: 5, final: "/hop10"},
		{name: "truncated body", path: "/truncated", wantErr: ErrTruncated, wantMsg: "of 5000 bytes", requests: 4, sleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{name: "over the size limit", path: "/huge", wantErr: ErrTooLarge, wantMsg: "Content-Length 3000000", requests: 1},
		{name: "over the size limit, chunked", path: "/huge-chunked", wantErr: ErrTooLarge, wantMsg: "more than 1048576 bytes", requests: 1},
		{name: "304 to an unconditional request", path: "/bogus-304", wantMsg: "304 Not Modified to an unconditional request", requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n.Store(0)
			clock := newFakeClock()
			opts := testOptions(clock)
			opts.Timeout = 10 * time.Second
			if tt.path == "/slow-then-fast" {
				opts.Timeout = time.Second
			}
			opts.Rate = 1000 // not what is tested here
			f := NewFetcher(opts)
			resp, err := f.Get(context.Background(), s.srv.URL+tt.path, Conditional{})
			failing := tt.wantErr != nil || tt.wantMsg != ""
			switch {
			case !failing && err != nil:
				t.Fatalf("Get(%s) = %v; want success", tt.path, err)
			case failing && err == nil:
				t.Fatalf("Get(%s) succeeded; want an error (%v %q)", tt.path, tt.wantErr, tt.wantMsg)
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("Get(%s) = %v; want errors.Is %v", tt.path, err, tt.wantErr)
			case tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg):
				t.Errorf("Get(%s) = %q; want it to say %q", tt.path, err, tt.wantMsg)
			}
			if got := n.Load(); got != tt.requests {
				t.Errorf("Get(%s): server saw %d requests; want %d", tt.path, got, tt.requests)
			}
			var backoffs []time.Duration
			for _, d := range clock.sleeps() {
				if d >= 100*time.Millisecond { // rate-limit waits at 1000/s are 1ms
					backoffs = append(backoffs, d)
				}
			}
			if fmt.Sprint(backoffs) != fmt.Sprint(tt.sleeps) {
				t.Errorf("Get(%s): backoff sleeps %v; want %v", tt.path, backoffs, tt.sleeps)
			}
			if err == nil {
				if tt.final != "" && resp.FinalURL != s.srv.URL+tt.final {
					t.Errorf("Get(%s): final URL %s; want %s", tt.path, resp.FinalURL, s.srv.URL+tt.final)
				}
				if int64(resp.Attempts) != min(tt.requests, int64(len(tt.sleeps)+1)) {
					t.Errorf("Get(%s): %d attempts; want %d", tt.path, resp.Attempts, len(tt.sleeps)+1)
				}
			}
		})
	}
	for _, r := range s.allRequests() {
		if r.UserAgent != "trawl-test/1 (+https://example.org/trawl)" {
			t.Fatalf("request for %s sent User-Agent %q; want the configured one", r.Path, r.UserAgent)
		}
	}
}

func TestBackoffJitter(t *testing.T) {
	for _, tt := range []struct {
		jitter  float64
		attempt int
		want    time.Duration
	}{
		{0, 0, 500 * time.Millisecond},
		{0.5, 0, time.Second},
		{0.999, 0, 1499 * time.Millisecond},
		{0.5, 3, 8 * time.Second},
		{0, 2, 2 * time.Second},
	} {
		f := NewFetcher(Options{Jitter: func() float64 { return tt.jitter }})
		if got := f.backoff(tt.attempt).Truncate(time.Millisecond); got != tt.want {
			t.Errorf("backoff(%d) with jitter %g = %s; want %s", tt.attempt, tt.jitter, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 3, 7, 21, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		h    string
		want time.Duration
	}{
		{"", 0}, {"120", 2 * time.Minute}, {" 3 ", 3 * time.Second}, {"-1", 0}, {"soon", 0},
		{"Thu, 07 Mar 2024 21:01:30 GMT", 90 * time.Second},
		{"Thu, 07 Mar 2024 20:00:00 GMT", 0},
	} {
		if got := retryAfter(tt.h, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %s; want %s", tt.h, got, tt.want)
		}
	}
}

// TestRateLimit: at 5 requests per second, ten requests to one host take
// 1.8 s of the (fake) clock, and another host is not held up by the first.
func TestRateLimit(t *testing.T) {
	clock := newFakeClock()
	opts := testOptions(clock)
	opts.Rate = 5
	f := NewFetcher(opts)
	start := clock.Now()
	for range 10 {
		if err := f.wait(context.Background(), "trust.example.nhs.uk"); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Now().Sub(start); got < 1800*time.Millisecond || got > 1900*time.Millisecond {
		t.Errorf("10 requests at rate 5/s took %s of clock; want 1.8s", got)
	}
	before := clock.Now()
	if err := f.wait(context.Background(), "news.example.org"); err != nil {
		t.Fatal(err)
	}
	if got := clock.Now().Sub(before); got != 0 {
		t.Errorf("first request to another host waited %s; want 0", got)
	}

	// The same through real requests: robots.txt and ten pages.
	s := newSite(t)
	for i := range 10 {
		s.file(fmt.Sprintf("/p%d.html", i), "trust/ceo-report.html", "text/html")
	}
	clock = newFakeClock()
	opts = testOptions(clock)
	opts.Rate = 5
	f = NewFetcher(opts)
	start = clock.Now()
	for i := range 10 {
		if _, err := f.Get(context.Background(), fmt.Sprintf("%s/p%d.html", s.srv.URL, i), Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Now().Sub(start); got < 1800*time.Millisecond {
		t.Errorf("10 pages (and robots.txt) at rate 5/s took %s of clock; want at least 1.8s", got)
	}
	if got := len(s.requests("/robots.txt")); got != 1 {
		t.Errorf("robots.txt requested %d times in a run; want 1", got)
	}
}

func TestRobots(t *testing.T) {
	s := newSite(t)
	s.file("/robots.txt", "trust/robots.txt", "text/plain")
	s.file("/papers/ok.html", "trust/ceo-report.html", "text/html")
	s.file("/private/secret.pdf", "trust/board-minutes-2010-03.pdf", "application/pdf")
	s.handle("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/private/secret.pdf", http.StatusFound)
	})
	clock := newFakeClock()
	f := NewFetcher(testOptions(clock))
	ctx := context.Background()
	if _, err := f.Get(ctx, s.srv.URL+"/papers/ok.html", Conditional{}); err != nil {
		t.Errorf("allowed page: %v", err)
	}
	if _, err := f.Get(ctx, s.srv.URL+"/private/secret.pdf", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("disallowed page: err %v; want ErrRobots", err)
	}
	if _, err := f.Get(ctx, s.srv.URL+"/to-private", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("redirect to a disallowed page: err %v; want ErrRobots", err)
	}
	if got := s.requests("/private/secret.pdf"); len(got) != 0 {
		t.Errorf("disallowed URL was requested %d times; want never", len(got))
	}

	// A robots.txt that is a 5xx forbids everything; a 404 allows all.
	down := newSite(t)
	down.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	down.file("/page.html", "trust/ceo-report.html", "text/html")
	if _, err := f.Get(ctx, down.srv.URL+"/page.html", Conditional{}); !errors.Is(err, ErrRobots) {
		t.Errorf("robots.txt 500: err %v; want ErrRobots", err)
	}
	if got := len(down.requests("/robots.txt")); got != 4 {
		t.Errorf("robots.txt 500 requested %d times; want 4 (retried)", got)
	}
	if got := len(down.requests("/page.html")); got != 0 {
		t.Errorf("page under a failing robots.txt requested %d times; want 0", got)
	}
	none := newSite(t)
	none.file("/page.html", "trust/ceo-report.html", "text/html")
	if _, err := f.Get(ctx, none.srv.URL+"/page.html", Conditional{}); err != nil {
		t.Errorf("no robots.txt: %v; want allowed", err)
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t)
	s.file("/paper.pdf", "trust/board-minutes-2010-03.pdf", "application/pdf")
	f := NewFetcher(testOptions(newFakeClock()))
	ctx := context.Background()
	first, err := f.Get(ctx, s.srv.URL+"/paper.pdf", Conditional{})
	if err != nil || first.NotModified || first.ETag == "" || len(first.Body) == 0 {
		t.Fatalf("first Get = %+v, %v; want a body with an ETag", first, err)
	}
	second, err := f.Get(ctx, s.srv.URL+"/paper.pdf", Conditional{ETag: first.ETag, LastModified: first.LastModified})
	if err != nil || !second.NotModified || len(second.Body) != 0 || second.ETag != first.ETag {
		t.Fatalf("second Get = %+v, %v; want a 304 keeping the ETag", second, err)
	}
	reqs := s.requests("/paper.pdf")
	if len(reqs) != 2 || reqs[1].IfNoneMatch != first.ETag || reqs[1].IfModifiedSince != first.LastModified {
		t.Errorf("requests %+v; want the second with If-None-Match %s", reqs, first.ETag)
	}
}

func TestBadURL(t *testing.T) {
	f := NewFetcher(testOptions(newFakeClock()))
	for _, u := range []string{"ftp://example.org/x.pdf", "/relative.pdf", "http://", "::"} {
		if _, err := f.Get(context.Background(), u, Conditional{}); !errors.Is(err, ErrBadURL) {
			t.Errorf("Get(%q) = %v; want ErrBadURL", u, err)
		}
	}
}
