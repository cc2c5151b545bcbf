package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestIsLoopback(t *testing.T) {
	cases := []struct {
		addr string
		want bool
		err  bool
	}{
		{"127.0.0.1:8080", true, false},
		{"127.1.2.3:80", true, false},
		{"localhost:8080", true, false},
		{"[::1]:8080", true, false},
		{":8080", false, false},
		{"0.0.0.0:8080", false, false},
		{"[::]:8080", false, false},
		{"192.168.1.10:8080", false, false},
		{"example.org:80", false, false},
		{"127.0.0.1", false, true},
	}
	for _, c := range cases {
		got, err := isLoopback(c.addr)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("isLoopback(%q) = %v, %v; want %v, error %v", c.addr, got, err, c.want, c.err)
		}
	}
}

func TestServeUsage(t *testing.T) {
	data := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, "not a loopback address: give --token"},
		{[]string{"serve", "--addr", ":8080"}, "not a loopback address"},
		{[]string{"serve", "--addr", "nonsense"}, "want HOST:PORT"},
		{[]string{"serve", "extra"}, "no arguments"},
		{[]string{"serve", "--timeout", "0s"}, "positive duration"},
	}
	for _, c := range cases {
		code, _, stderr := trawl(t, append([]string{"--data", data}, c.args...)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("trawl %s: exit %d, %q; want exit %d saying %q", strings.Join(c.args, " "), code, stderr, exitUsage, c.want)
		}
	}
	// Without an index there is nothing to serve.
	if code, _, stderr := trawl(t, "--data", data, "serve", "--addr", "127.0.0.1:0"); code != exitFatal || !strings.Contains(stderr, "trawl index") {
		t.Errorf("serve without an index: exit %d, %q; want exit %d telling to run 'trawl index'", code, stderr, exitFatal)
	}
}

// startServe runs the server in-process on a free loopback port until ctx
// is cancelled, and returns its base URL and where its result arrives.
func startServe(t *testing.T, ctx context.Context, data string, stderr io.Writer, o ServeOptions) (string, chan error) {
	t.Helper()
	g := &globalOptions{DataDir: data, LogFormat: "text", stdout: io.Discard, stderr: stderr}
	if err := g.setup(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	done := make(chan error, 1)
	o.Addr, o.Timeout, o.ready = "127.0.0.1:0", 5*time.Second, func(a string) { addr <- a }
	go func() { done <- runServe(ctx, o, g) }()
	select {
	case a := <-addr:
		return "http://" + a, done
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

// TestServe starts the server in-process on a free loopback port, queries
// it and stops it by cancelling its context.
func TestServe(t *testing.T) {
	data := storeData(t)
	if code, _, stderr := trawl(t, "--data", data, "index"); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	for _, token := range []string{"", "tok"} {
		ctx, cancel := context.WithCancel(context.Background())
		var stderr strings.Builder
		base, done := startServe(t, ctx, data, &stderr, ServeOptions{Token: token})
		req, _ := http.NewRequest("GET", base+"/api/timeline?trust=Royal+Free", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "6 October 2008") {
			t.Errorf("token %q: GET /api/timeline: %d %.200s; want the rescue of 6 October 2008", token, resp.StatusCode, body)
		}
		if token != "" {
			resp, err := http.Get(base + "/")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("GET / without the token: %d; want 401", resp.StatusCode)
			}
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve after cancel: %v; want nil", err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
		}
		if !strings.Contains(stderr.String(), "serving http://127.0.0.1:") {
			t.Errorf("stderr = %q; want the address served", stderr.String())
		}
	}
}

// TestServeReload checks that the server answers from a newer index once
// one is written (an incremental update, then a rebuild), without a
// restart.
func TestServeReload(t *testing.T) {
	data := storeData(t)
	if code, _, stderr := trawl(t, "--data", data, "index"); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := startServe(t, ctx, data, io.Discard, ServeOptions{Reload: 20 * time.Millisecond})
	total := func() string {
		resp, err := http.Get(base + "/api/search?q=zebra")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res struct {
			Total int `json:"total"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Total)
	}
	waitFor := func(what, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for got := total(); got != want; got = total() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s hits for zebra; want %s", what, got, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("before", "0")
	store, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = store.Update(func(tx *corpus.Tx) error {
		d := corpus.Document{Kind: corpus.KindNews, Format: corpus.FormatText, Title: "Zebra crossing", Text: "A zebra crossing outside the hospital."}
		d.ID = corpus.IDOf([]byte(d.Title))
		if err := tx.Put(&d); err != nil {
			return err
		}
		return tx.Attach(d.ID, corpus.SourceState{Source: corpus.Source{Location: "/c/zebra.txt"}})
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := trawl(t, "--data", data, "index"); code != exitOK {
		t.Fatalf("index: exit %d: %s", code, stderr)
	}
	waitFor("after trawl index", "1")
	if code, _, stderr := trawl(t, "--data", data, "index", "--rebuild"); code != exitOK {
		t.Fatalf("index --rebuild: exit %d: %s", code, stderr)
	}
	time.Sleep(100 * time.Millisecond) // several reloads
	waitFor("after trawl index --rebuild", "1")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
}
