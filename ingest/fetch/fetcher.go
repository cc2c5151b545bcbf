package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// Settings are the knobs of polite fetching, from the [fetch] table of the
// configuration.
type Settings struct {
	UserAgent    string        // sent with every request, and matched against robots.txt groups
	Rate         float64       // requests per second per host
	Timeout      time.Duration // per request, body included
	MaxBytes     int64         // a longer body is a failure
	MaxRedirects int           // redirects followed per request
	Retries      int           // retries after a 5xx, 429, timeout or cut connection
}

// DefaultSettings are polite defaults: one request per second per host.
func DefaultSettings() Settings {
	return Settings{
		UserAgent:    "trawl/dev (+https://github.com/nhs-trawl/trawl)",
		Rate:         1,
		Timeout:      30 * time.Second,
		MaxBytes:     100 << 20,
		MaxRedirects: 5,
		Retries:      3,
	}
}

// Options are a Fetcher's settings and the parts tests replace.
type Options struct {
	Settings

	// Transport makes the HTTP requests (default: a clone of
	// http.DefaultTransport).
	Transport http.RoundTripper
	// Now and Sleep are the clock (defaults: time.Now and a timer that
	// stops when ctx is done). The rate limiters and backoff use them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter returns a number in [0, 1) that spreads backoff delays
	// (default: math/rand/v2).
	Jitter func() float64
	// Backoff is the delay before the first retry (default 1s); it doubles
	// with each retry, times a jitter factor in [0.5, 1.5).
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured (default 5m); a
	// server asking for longer fails the URL for this run.
	MaxRetryAfter time.Duration
	Logger        *slog.Logger
}

// Errors of a fetch, for errors.Is.
var (
	ErrRobots           = errors.New("disallowed by robots.txt")
	ErrTooLarge         = errors.New("body over the size limit (fetch.max_bytes)")
	ErrTruncated        = errors.New("truncated body")
	ErrContentType      = errors.New("wrong content type")
	ErrTooManyRedirects = errors.New("too many redirects (fetch.max_redirects)")
	ErrRedirectLoop     = errors.New("redirect loop")
	ErrBadURL           = errors.New("bad URL")
)

// StatusError is an HTTP response that is neither a success nor a 304.
type StatusError struct {
	Code       int
	Status     string        // "503 Service Unavailable"
	RetryAfter time.Duration // from a Retry-After header, 0 when none
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Conditional is what a conditional request sends: the validators of the
// copy already held.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched URL.
type Response struct {
	URL          string // as requested
	FinalURL     string // after redirects
	Status       int
	NotModified  bool // a 304: Body is empty and the held copy is current
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	Attempts     int
}

// Fetcher makes polite HTTP requests. It is safe for concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]*robotsEntry
}

type robotsEntry struct {
	once sync.Once
	data *robotstxt.RobotsData
	err  error
}

type robotsKey struct{}

// NewFetcher returns a Fetcher; zero settings take their defaults.
func NewFetcher(o Options) *Fetcher {
	d := DefaultSettings()
	if o.UserAgent == "" {
		o.UserAgent = d.UserAgent
	}
	if o.Rate <= 0 {
		o.Rate = d.Rate
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = d.MaxBytes
	}
	if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Jitter == nil {
		o.Jitter = rand.Float64
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 5 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	f := &Fetcher{opts: o, limiters: map[string]*rate.Limiter{}, robots: map[string]*robotsEntry{}}
	f.client = &http.Client{Transport: o.Transport, Timeout: o.Timeout, CheckRedirect: f.checkRedirect}
	return f
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait blocks until a request to host is allowed by its rate limiter.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	host = strings.ToLower(host)
	f.mu.Lock()
	lim := f.limiters[host]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(f.opts.Rate), 1)
		f.limiters[host] = lim
	}
	now := f.opts.Now()
	d := lim.ReserveN(now, 1).DelayFrom(now)
	f.mu.Unlock()
	if d <= 0 {
		return nil
	}
	return f.opts.Sleep(ctx, d)
}

// checkRedirect caps redirects, detects loops, and applies robots.txt and
// the rate limit to the new URL.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: back to %s", ErrRedirectLoop, req.URL)
		}
	}
	if len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, f.opts.MaxRedirects)
	}
	ctx := req.Context()
	if ctx.Value(robotsKey{}) == nil {
		ok, err := f.allowed(ctx, req.URL)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("redirect to %s: %w", req.URL, ErrRobots)
		}
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	return f.wait(ctx, req.URL.Host)
}

// allowed reports whether robots.txt of u's host lets us fetch u.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	f.mu.Lock()
	e := f.robots[key]
	if e == nil {
		e = &robotsEntry{}
		f.robots[key] = e
	}
	f.mu.Unlock()
	e.once.Do(func() { e.data, e.err = f.fetchRobots(ctx, key+"/robots.txt") })
	if e.err != nil {
		return false, fmt.Errorf("robots.txt of %s: %w", u.Host, e.err)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.data.TestAgent(p, f.opts.UserAgent), nil
}

// fetchRobots reads a robots.txt: a 4xx allows everything, a 5xx (after
// the retries) forbids everything, as RFC 9309 says.
func (f *Fetcher) fetchRobots(ctx context.Context, raw string) (*robotstxt.RobotsData, error) {
	ctx = context.WithValue(ctx, robotsKey{}, true)
	var last error
	for attempt := 0; attempt <= f.opts.Retries; attempt++ {
		if attempt > 0 {
			if err := f.opts.Sleep(ctx, f.backoff(attempt-1)); err != nil {
				return nil, err
			}
		}
		u, _ := url.Parse(raw)
		if err := f.wait(ctx, u.Host); err != nil {
			return nil, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", f.opts.UserAgent)
		resp, err := f.client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			last = err
			if retryable(err) {
				continue
			}
			return nil, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
		resp.Body.Close()
		if err != nil {
			last = err
			continue
		}
		f.opts.Logger.Debug("robots.txt", "stage", "fetch", "url", raw, "status", resp.StatusCode)
		if (resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests) && attempt < f.opts.Retries {
			continue // perhaps passing; if it lasts, it forbids everything
		}
		return robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	}
	return nil, last
}

// Get fetches rawURL, conditionally when cond holds validators, retrying
// what may pass (5xx, 429, timeouts, cut connections) with backoff.
func (f *Fetcher) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w %q: want an absolute http or https URL", ErrBadURL, rawURL)
	}
	ok, err := f.allowed(ctx, u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrRobots
	}
	for attempt := 0; ; attempt++ {
		resp, err := f.once(ctx, u, cond)
		if err == nil {
			resp.Attempts = attempt + 1
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !retryable(err) || attempt >= f.opts.Retries {
			if attempt > 0 {
				err = fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return nil, err
		}
		delay := f.backoff(attempt)
		var se *StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			if se.RetryAfter > f.opts.MaxRetryAfter {
				return nil, fmt.Errorf("%w: Retry-After %s is longer than %s; try again later", err, se.RetryAfter, f.opts.MaxRetryAfter)
			}
			delay = se.RetryAfter
		}
		f.opts.Logger.Debug("retrying", "stage", "fetch", "url", rawURL, "attempt", attempt+1, "delay", delay, "err", err)
		if err := f.opts.Sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

// backoff is the delay before retry number attempt+1: Backoff × 2^attempt
// × a jitter factor in [0.5, 1.5).
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.opts.Backoff << min(attempt, 16)
	return time.Duration(float64(d) * (0.5 + f.opts.Jitter()))
}

// once makes one request.
func (f *Fetcher) once(ctx context.Context, u *url.URL, cond Conditional) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	r := &Response{
		URL: u.String(), FinalURL: resp.Request.URL.String(), Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && cond == (Conditional{}):
		return nil, &StatusError{Code: resp.StatusCode, Status: resp.Status + " to an unconditional request"}
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified = true
		if r.ETag == "" {
			r.ETag = cond.ETag
		}
		if r.LastModified == "" {
			r.LastModified = cond.LastModified
		}
		return r, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &StatusError{Code: resp.StatusCode, Status: resp.Status, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), f.opts.Now())}
	}
	max := f.opts.MaxBytes
	if resp.ContentLength > max {
		return nil, fmt.Errorf("%w: Content-Length %d, limit %d", ErrTooLarge, resp.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	switch {
	case int64(len(body)) > max:
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	case errors.Is(err, io.ErrUnexpectedEOF) && resp.ContentLength >= 0:
		return nil, fmt.Errorf("%w: ended after %d of %d bytes (Content-Length)", ErrTruncated, len(body), resp.ContentLength)
	case err != nil:
		return nil, fmt.Errorf("reading body: %w", err)
	case resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength:
		return nil, fmt.Errorf("%w: %d bytes, Content-Length %d", ErrTruncated, len(body), resp.ContentLength)
	}
	r.Body = body
	return r, nil
}

// unwrapURLError drops the *url.Error wrapper ("Get \"...\": ...") so that
// messages name the URL once.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timeout: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// retryable reports whether a failed request may succeed if tried again.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	for _, e := range []error{ErrRobots, ErrTooLarge, ErrContentType, ErrTooManyRedirects, ErrRedirectLoop, ErrBadURL, context.Canceled} {
		if errors.Is(err, e) {
			return false
		}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, ErrTruncated) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
