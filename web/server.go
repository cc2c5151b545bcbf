package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/index"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Defaults of Options.
const (
	DefaultTimeout       = 10 * time.Second
	DefaultExportTimeout = 2 * time.Minute
	DefaultMaxQuery      = 1000
	DefaultMaxPageSize   = 100
	// maxValues caps the values of one filter parameter.
	maxValues = 20
	// maxResultWindow caps page*size: deep pages cost the index as much as
	// reading every hit before them.
	maxResultWindow = 10000
	// maxTimelineEvents caps the events a timeline page reads, and
	// maxTimelineEntries the entries it shows (exports have every one).
	maxTimelineEvents  = 20000
	maxTimelineEntries = 500
)

// Options configure a Server.
type Options struct {
	// Store holds the documents and their extractions (required).
	Store *corpus.Store
	// Index answers searches and timelines (required, opened ReadOnly).
	Index *index.Index
	// Gazetteer names entities on entity pages; loaded when nil.
	Gazetteer *gazetteer.Gazetteer
	// Token, when set, is required on every request: as a bearer token, as
	// the password of HTTP basic auth (any user name), or once as ?token=
	// (which sets a cookie).
	Token string
	// Timeout bounds the work of one request (default DefaultTimeout);
	// ExportTimeout that of an export (default DefaultExportTimeout).
	Timeout       time.Duration
	ExportTimeout time.Duration
	// MaxQuery caps the bytes of a query (default DefaultMaxQuery) and
	// MaxPageSize the hits of one page (default DefaultMaxPageSize).
	MaxQuery    int
	MaxPageSize int
	// Logger receives request errors (default: discarded).
	Logger *slog.Logger
}

// Server is the read-only web interface: an http.Handler.
type Server struct {
	opts     Options
	index    atomic.Pointer[index.Index] // opts.Index, or what SetIndex put
	gaz      *gazetteer.Gazetteer
	resolver *index.Resolver
	pages    *pages
	mux      *http.ServeMux
}

// New builds a Server.
func New(opts Options) (*Server, error) {
	if opts.Store == nil || opts.Index == nil {
		return nil, errors.New("web: a store and an index are required")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ExportTimeout <= 0 {
		opts.ExportTimeout = DefaultExportTimeout
	}
	if opts.MaxQuery <= 0 {
		opts.MaxQuery = DefaultMaxQuery
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	g := opts.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Load(); err != nil {
			return nil, fmt.Errorf("web: load gazetteer: %w", err)
		}
	}
	p, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s := &Server{opts: opts, gaz: g, resolver: index.NewResolver(g), pages: p, mux: http.NewServeMux()}
	s.index.Store(opts.Index)
	static, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	files := http.FileServer(http.FS(static))
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, files)))
	s.mux.HandleFunc("GET /{$}", s.timed(s.opts.Timeout, s.handleSearch))
	s.mux.HandleFunc("GET /doc/{id}", s.timed(s.opts.Timeout, s.handleDoc))
	s.mux.HandleFunc("GET /entity/{type}/{id}", s.timed(s.opts.Timeout, s.handleEntity))
	s.mux.HandleFunc("GET /timeline", s.timed(s.opts.Timeout, s.handleTimeline))
	s.mux.HandleFunc("GET /export", s.timed(s.opts.ExportTimeout, s.handleExport))
	s.mux.HandleFunc("GET /api/search", s.timed(s.opts.Timeout, s.apiSearch))
	s.mux.HandleFunc("GET /api/timeline", s.timed(s.opts.Timeout, s.apiTimeline))
	s.mux.HandleFunc("GET /api/doc/{id}", s.timed(s.opts.Timeout, s.apiDoc))
	s.mux.HandleFunc("GET /api/entity/{type}/{id}", s.timed(s.opts.Timeout, s.apiEntity))
	s.mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSONError(w, &httpError{status: http.StatusNotFound, msg: "no such endpoint: see API.md"})
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "read-only: only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		s.renderError(w, r, &httpError{status: http.StatusNotFound, msg: "No page here. Try a search."})
	})
	return s, nil
}

// ServeHTTP checks the token, sets security headers and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	if s.opts.Token != "" && !s.authorized(w, r) {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "read-only: only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	s.mux.ServeHTTP(w, r)
}

const tokenCookie = "trawl_token"

// authorized checks the token of a request; on failure it answers 401.
// A correct ?token= sets a cookie and redirects to the URL without it, so
// that the token does not stay in shared links or the history.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	ok := func(t string) bool {
		return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.opts.Token)) == 1
	}
	if a := r.Header.Get("Authorization"); a != "" {
		if t, found := strings.CutPrefix(a, "Bearer "); found && ok(strings.TrimSpace(t)) {
			return true
		}
		if _, pw, found := r.BasicAuth(); found && ok(pw) {
			return true
		}
	}
	if c, err := r.Cookie(tokenCookie); err == nil && ok(c.Value) {
		return true
	}
	if q := r.URL.Query(); q.Has("token") && ok(q.Get("token")) {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.opts.Token, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
		q.Del("token")
		u := *r.URL
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return false
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="trawl", charset="UTF-8"`)
	http.Error(w, "unauthorized: give the server's token (as the basic-auth password, a bearer token or ?token=)", http.StatusUnauthorized)
	return false
}

// timed bounds a handler's work by d.
func (s *Server) timed(d time.Duration, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// httpError is an error with the status it answers and a message for the
// reader.
type httpError struct {
	status int
	msg    string
	// For query syntax errors: the query and where it broke.
	query string
	pos   int
	isPos bool
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// classify turns an error of the index or the store into an httpError.
func (s *Server) classify(r *http.Request, err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var qe *index.QueryError
	switch {
	case errors.As(err, &qe):
		return &httpError{status: http.StatusBadRequest, msg: "The query could not be read: " + qe.Msg + ".",
			query: qe.Query, pos: qe.Pos, isPos: true}
	case errors.Is(err, index.ErrQuery):
		return &httpError{status: http.StatusBadRequest, msg: strings.TrimPrefix(err.Error(), index.ErrQuery.Error()+": ")}
	case errors.Is(err, corpus.ErrNotFound):
		return &httpError{status: http.StatusNotFound, msg: "No such document."}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{status: http.StatusServiceUnavailable, msg: "That took too long; narrow the query or the filters."}
	case errors.Is(err, context.Canceled):
		return &httpError{status: 499, msg: "request cancelled"}
	}
	s.opts.Logger.Error("request failed", "path", r.URL.Path, "err", err)
	return &httpError{status: http.StatusInternalServerError, msg: "Something went wrong on the server; see its log."}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) //nolint:errcheck // the client went away
}

// apiError is the body of an API error.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
	Query  string `json:"query,omitempty"`
	// Position is the byte offset in Query where the syntax broke.
	Position *int `json:"position,omitempty"`
}

func writeJSONError(w http.ResponseWriter, he *httpError) {
	body := apiError{Error: he.msg, Status: he.status, Query: he.query}
	if he.isPos {
		p := he.pos
		body.Position = &p
	}
	writeJSON(w, he.status, body)
}

// SetIndex makes the server answer from x from now on (a newer snapshot of
// the index, opened ReadOnly) and returns the index it replaces, which
// requests already running may still use for a while.
func (s *Server) SetIndex(x *index.Index) (old *index.Index) {
	return s.index.Swap(x)
}

// idx is the index requests use.
func (s *Server) idx() *index.Index { return s.index.Load() }
