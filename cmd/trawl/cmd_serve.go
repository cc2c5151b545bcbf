package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/nhs-trawl/trawl/extract/gazetteer"
	"github.com/nhs-trawl/trawl/index"
	"github.com/nhs-trawl/trawl/web"
)

// ServeOptions are the flags of 'trawl serve'.
type ServeOptions struct {
	Addr    string
	Token   string
	Timeout time.Duration

	// ready, when set, is called with the address listened on (tests).
	ready func(addr string)
}

func newServeCommand(g *globalOptions) *cli.Command {
	var o ServeOptions
	return &cli.Command{
		Name:  "serve",
		Usage: "serve search, documents, entities and timelines as web pages and a JSON API",
		Description: `Serves the indexed corpus, read-only, to a browser: a search page (/) with facets and
highlighted snippets, a page per document with its entities marked, a page per trust,
supplier or system across its names, a timeline (/timeline) with CSV, JSON and TimelineJS
exports, and a JSON API (/api/search, /api/timeline, /api/doc/ID, /api/entity/TYPE/ID;
see web/API.md). Every view has a URL that can be shared. The pages need nothing from the
internet.

It listens on the loopback address 127.0.0.1:8080 by default, reachable from this machine
only. To listen on another address, give a --token (or TRAWL_TOKEN): every request must
then carry it as the password of HTTP basic auth (any user name), as a bearer token, or
once as ?token=T (which sets a cookie). Without one, a non-loopback address is refused.
Run 'trawl index' first, and restart the server after a later 'trawl index' to serve what it added. Stop
with Ctrl-C (requests in flight are finished).

Examples:
   trawl serve
   trawl serve --addr 127.0.0.1:9000
   TRAWL_TOKEN=$(openssl rand -hex 16) trawl serve --addr 0.0.0.0:8080`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT` (not loopback: needs --token)", Destination: &o.Addr},
			&cli.StringFlag{Name: "token", EnvVars: []string{"TRAWL_TOKEN"}, Usage: "require this `TOKEN` on every request (basic-auth password, bearer token or ?token=)", Destination: &o.Token},
			&cli.DurationFlag{Name: "timeout", Value: web.DefaultTimeout, Usage: "time limit of one request", Destination: &o.Timeout},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("serve takes no arguments")
			}
			return runServe(c.Context, o, g)
		},
	}
}

// isLoopback says whether a listen address is reachable from this machine
// only: a loopback IP or "localhost". An empty host (every interface) is not.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback(), nil
}

func runServe(ctx context.Context, o ServeOptions, g *globalOptions) error {
	loop, err := isLoopback(o.Addr)
	if err != nil {
		return usagef("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", o.Addr)
	}
	if !loop && o.Token == "" {
		return usagef("--addr %s is not a loopback address: give --token (or TRAWL_TOKEN) so that only those who have it can read the corpus", o.Addr)
	}
	if o.Timeout <= 0 {
		return usagef("--timeout %s: want a positive duration such as 10s", o.Timeout)
	}
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	gaz, err := gazetteer.Load()
	if err != nil {
		return fmt.Errorf("serve: load gazetteer: %w", err)
	}
	x, err := index.Open(g.indexDir(), index.Options{ReadOnly: true, FacetCache: true, Logger: g.logger, Gazetteer: gaz})
	if err != nil {
		return err
	}
	defer x.Close()
	go func() { // the first searches wait for this, the pages do not
		t := time.Now()
		if err := x.WarmFacets(); err != nil {
			g.logger.Warn("facet columns", "err", err)
			return
		}
		g.logger.Info("facet columns ready", "seconds", time.Since(t).Seconds())
	}()
	h, err := web.New(web.Options{Store: store, Index: x, Gazetteer: gaz, Token: o.Token, Timeout: o.Timeout, Logger: g.logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      web.DefaultExportTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(g.logger.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	// The address is the one output a user needs, whatever the log level.
	fmt.Fprintf(g.stderr, "trawl: serving http://%s/ (Ctrl-C to stop)\n", addr)
	if o.ready != nil {
		o.ready(addr)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
