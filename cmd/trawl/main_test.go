package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// trawl runs the command line in-process and returns its exit code and
// outputs.
func trawl(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"trawl"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	data := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no such flag", []string{"--data", data, "ingest", "--nope", "x"}, exitUsage, "flag provided but not defined"},
		{"ingest without paths", []string{"--data", data, "ingest"}, exitUsage, "at least one file or folder"},
		{"bad kind", []string{"--data", data, "ingest", "--kind", "blog", "x"}, exitUsage, "want news, board-paper or report"},
		{"bad size", []string{"--data", data, "ingest", "--max-file-size", "lots", "x"}, exitUsage, "want a size such as 256MB"},
		{"bad log format", []string{"--data", data, "--log-format", "xml", "ls"}, exitUsage, "want text or json"},
		{"show without id", []string{"--data", data, "show"}, exitUsage, "one document ID"},
		{"show bad id", []string{"--data", data, "show", "zz"}, exitUsage, "hexadecimal"},
		{"show unknown id", []string{"--data", data, "show", "abc"}, exitFatal, "not in the store"},
		{"missing path", []string{"--data", data, "ingest", filepath.Join(data, "nope")}, exitPartial, "1 failed"},
		{"ls ok", []string{"--data", data, "ls"}, exitOK, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := trawl(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.msg) {
				t.Errorf("trawl %v = exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, stderr, tt.code, tt.msg)
			}
		})
	}
}

func TestHelpDocumentsExitCodes(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"ingest", "--help"}, {"stats", "--help"}} {
		code, out, _ := trawl(t, args...)
		if code != exitOK || !strings.Contains(out, "EXIT CODES") || !strings.Contains(out, "4  another trawl run holds the lock") {
			t.Errorf("trawl %v: exit %d, help without exit codes:\n%s", args, code, out)
		}
	}
}

func TestLockHeld(t *testing.T) {
	data := t.TempDir()
	l, err := corpus.Lock(data, "trawl ingest (test)")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	code, _, stderr := trawl(t, "--data", data, "ingest", t.TempDir())
	if code != exitLocked || !strings.Contains(stderr, "pid") || !strings.Contains(stderr, "trawl ingest (test)") {
		t.Errorf("ingest under a held lock = exit %d, %q; want 4 naming the holder", code, stderr)
	}
	// Readers do not need the writer lock.
	if code, _, stderr := trawl(t, "--data", data, "stats"); code != exitOK {
		t.Errorf("stats under a held writer lock = exit %d, %s", code, stderr)
	}
}

// TestSampleCorpus is the "done when": every good fixture is stored
// with its title and published date (precision and source), every bad one is
// rejected with its reason and exit code 3, and a second run reads nothing.
func TestSampleCorpus(t *testing.T) {
	data := t.TempDir()
	big := filepath.Join(t.TempDir(), "huge.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("The board noted the report. "), 80000), 0o644); err != nil {
		t.Fatal(err)
	}
	corpusDir, badDir := filepath.Join("..", "..", "testdata", "corpus"), filepath.Join("..", "..", "testdata", "bad")
	code, _, stderr := trawl(t, "--data", data, "ingest", "--max-file-size", "1MB", corpusDir, badDir, big)
	if code != exitPartial {
		t.Fatalf("first ingest exit %d; want 3 (partial). stderr:\n%s", code, stderr)
	}

	code, out, _ := trawl(t, "--data", data, "ls", "--json")
	if code != exitOK {
		t.Fatalf("ls exit %d", code)
	}
	got := map[string]corpus.Document{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var d corpus.Document
		if err := dec.Decode(&d); err != nil {
			t.Fatal(err)
		}
		got[filepath.Base(d.Sources[0].Location)] = d
	}
	for _, want := range sampleExpectations {
		d, ok := got[want.file]
		if !ok {
			t.Errorf("%s: not stored", want.file)
			continue
		}
		if !strings.Contains(d.Title, want.title) || d.Published.String() != want.published || string(d.PublishedSource) != want.source || string(d.Kind) != want.kind {
			t.Errorf("%s: title %q, published %q from %q, kind %s; want title containing %q, %q from %q, kind %s",
				want.file, d.Title, d.Published, d.PublishedSource, d.Kind, want.title, want.published, want.source, want.kind)
		}
	}
	if len(got) != len(sampleExpectations) {
		t.Errorf("stored %d documents; want %d", len(got), len(sampleExpectations))
	}

	code, out, _ = trawl(t, "--data", data, "stats", "--json")
	var st corpusStats
	if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil {
		t.Fatalf("stats: exit %d, %v", code, err)
	}
	reasons := map[string]string{}
	for _, r := range st.Rejected {
		reasons[filepath.Base(r.Location)] = r.Reason
	}
	for file, want := range map[string]string{
		"empty.txt":      "empty file",
		"binary.html":    "not the format",
		"truncated.pdf":  "corrupt or truncated",
		"encrypted.pdf":  "encrypted",
		"image-only.pdf": "no text layer; needs OCR",
		"zipbomb.docx":   "over the size limit",
		"truncated.docx": "corrupt or truncated",
		"notadocx.docx":  "not the format",
		"huge.txt":       "over the size limit",
	} {
		if !strings.Contains(reasons[file], want) {
			t.Errorf("%s: rejection reason %q; want it to say %q", file, reasons[file], want)
		}
	}
	if len(reasons) != 9 {
		t.Errorf("rejected %d files; want 9: %v", len(reasons), reasons)
	}

	code, out, stderr = trawl(t, "--data", data, "ingest", "--json", "--max-file-size", "1MB", corpusDir, badDir, big)
	var again struct{ Files, Unchanged, Read, New int }
	if err := json.Unmarshal([]byte(out), &again); err != nil || code != exitOK {
		t.Fatalf("second ingest: exit %d, %v, stderr %s", code, err, stderr)
	}
	if again.Read != 0 || again.New != 0 || again.Unchanged != again.Files {
		t.Errorf("second ingest = %+v; want nothing read, everything unchanged", again)
	}

	// show finds a document by a short prefix.
	for _, d := range got {
		code, out, _ := trawl(t, "--data", data, "show", d.ID[:8])
		if code != exitOK || !strings.Contains(out, d.Title) {
			t.Errorf("show %s: exit %d, output without the title", d.ID[:8], code)
		}
		break
	}
}
