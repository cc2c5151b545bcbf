package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
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
	// Reload is how often the server looks for a newer index (0: never).
	Reload time.Duration

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
Run 'trawl index' (or 'trawl run') first. The server looks for a newer index every
--reload (30s) and answers from it once it is ready, so what a nightly run adds is served
without a restart. Stop with Ctrl-C (requests in flight are finished).

Examples:
   trawl serve
   trawl serve --addr 127.0.0.1:9000
   TRAWL_TOKEN=$(openssl rand -hex 16) trawl serve --addr 0.0.0.0:8080`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT` (not loopback: needs --token)", Destination: &o.Addr},
			&cli.StringFlag{Name: "token", EnvVars: []string{"TRAWL_TOKEN"}, Usage: "require this `TOKEN` on every request (basic-auth password, bearer token or ?token=)", Destination: &o.Token},
			&cli.DurationFlag{Name: "timeout", Value: web.DefaultTimeout, Usage: "time limit of one request", Destination: &o.Timeout},
			&cli.DurationFlag{Name: "reload", Value: 30 * time.Second, Usage: "look for a newer index this often (0: never)", Destination: &o.Reload},
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
	// The server reads a snapshot of the index (index.Snapshot), never the
	// index itself, which it would lock against 'trawl index' and 'trawl run'.
	stale, _ := filepath.Glob(filepath.Join(g.DataDir, snapshotPrefix+"*"))
	for _, d := range stale { // left by servers stopped without cleaning up
		os.RemoveAll(d)
	}
	openIndex := func(timeout time.Duration) (*served, indexStamp, error) {
		stamp := stampOf(g.indexDir())
		sv := &served{}
		from := g.indexDir()
		if dir, err := os.MkdirTemp(g.DataDir, snapshotPrefix); err != nil {
			// A data directory this user may not write to: read the index
			// itself, which holds it against writers while serving.
			g.logger.Warn("no snapshot of the index (serving it directly; 'trawl index' must wait until the server stops)", "err", err)
		} else {
			if err := index.Snapshot(g.indexDir(), dir, timeout); err != nil {
				os.RemoveAll(dir)
				return nil, stamp, err
			}
			from, sv.dir = dir, dir
		}
		x, err := index.Open(from, index.Options{ReadOnly: true, FacetCache: true, Logger: g.logger, Gazetteer: gaz})
		if err != nil {
			if sv.dir != "" {
				os.RemoveAll(sv.dir)
			}
			return nil, stamp, err
		}
		sv.x = x
		return sv, stamp, nil
	}
	var cur *served
	var stamp indexStamp
	for waited := time.Duration(0); ; waited += time.Second {
		cur, stamp, err = openIndex(time.Second)
		if !errors.Is(err, index.ErrBusy) || waited >= startWait {
			break
		}
		if waited == 0 {
			g.logger.Warn("the index is being written; waiting for the writer to finish", "up to", startWait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
	}
	if err != nil {
		return err
	}
	x := cur.x
	go func() { // the first searches wait for this, the pages do not
		t := time.Now()
		if err := x.WarmFacets(); err != nil {
			g.logger.Warn("facet columns", "err", err)
			return
		}
		if err := x.WarmDates(ctx); err != nil {
			g.logger.Warn("event dates", "err", err)
			return
		}
		g.logger.Info("facet columns and event dates ready", "seconds", time.Since(t).Seconds())
	}()
	h, err := web.New(web.Options{Store: store, Index: x, Gazetteer: gaz, Token: o.Token, Timeout: o.Timeout, Logger: g.logger})
	if err != nil {
		cur.close()
		return err
	}
	// An index replaced by a newer one stays open until the requests that
	// may hold it are over (AfterFunc below).
	var mu sync.Mutex
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		h.SetIndex(nil)
		cur.close()
	}()
	if o.Reload > 0 {
		go func() {
			tick := time.NewTicker(o.Reload)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				if now := stampOf(g.indexDir()); now == stamp || now.missing {
					continue
				}
				next, nstamp, err := openIndex(time.Second)
				if errors.Is(err, index.ErrBusy) {
					continue // a writer is at work: next time
				}
				if err != nil {
					g.logger.Warn("newer index not opened; serving the one before", "err", err)
					continue
				}
				if err := next.x.WarmFacets(); err != nil {
					g.logger.Warn("newer index not read; serving the one before", "err", err)
					next.close()
					continue
				}
				if err := next.x.WarmDates(ctx); err != nil {
					g.logger.Warn("newer index not read; serving the one before", "err", err)
					next.close()
					continue
				}
				mu.Lock()
				if ctx.Err() != nil {
					mu.Unlock()
					next.close()
					return
				}
				stamp = nstamp
				old := cur
				cur = next
				h.SetIndex(next.x)
				mu.Unlock()
				g.logger.Info("serving a newer index", "seq", next.x.Seq())
				time.AfterFunc(web.DefaultExportTimeout+time.Minute, old.close)
			}
		}()
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

// indexStamp identifies a state of the index on disk: scorch rewrites its
// root file whenever it persists a snapshot, and a rebuilt index is a new
// directory.
type indexStamp struct {
	modTime time.Time
	size    int64
	inode   uint64
	missing bool
}

func stampOf(dir string) indexStamp {
	fi, err := os.Stat(filepath.Join(dir, "store", "root.bolt"))
	if err != nil {
		return indexStamp{missing: true}
	}
	st := indexStamp{modTime: fi.ModTime(), size: fi.Size()}
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.inode = sys.Ino
	}
	return st
}

// snapshotPrefix names the index snapshots a server reads, in the data
// directory (beside the index, so that they can hard-link its segments).
const snapshotPrefix = "index-serve-"

// startWait is how long serve waits at start for a writer of the index.
const startWait = 10 * time.Minute

// served is an index snapshot a server answers from.
type served struct {
	x   *index.Index
	dir string
}

func (s *served) close() {
	s.x.Close()
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
