package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readTree returns every file under dir by its slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenCommand(t *testing.T) {
	data := t.TempDir()
	outA, outB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	truth := filepath.Join(t.TempDir(), "truth", "a.ndjson")
	code, stdout, stderr := trawl(t, "--data", data, "gen", "--docs", "40", "--out", outA, "--seed", "3", "--truth", truth, "--json")
	if code != exitOK {
		t.Fatalf("trawl gen = exit %d, %s", code, stderr)
	}
	var st struct {
		Docs, HTML, Txt, DOCX, PDF int
		Bytes                      int64
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil || st.Docs != 40 || st.HTML == 0 || st.HTML+st.Txt+st.DOCX+st.PDF != 40 || st.Bytes == 0 {
		t.Errorf("trawl gen --json printed %q (%v); want counts of 40 documents", stdout, err)
	}
	a := readTree(t, outA)
	if len(a) != 40 {
		t.Errorf("trawl gen --docs 40 wrote %d files; want 40", len(a))
	}
	for p := range a {
		if !strings.HasPrefix(p, "0000/") {
			t.Errorf("file %s is not in the first shard folder 0000/", p)
		}
	}
	tb, err := os.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(tb))
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		var tr struct {
			Path, Kind, Title, Published, Precision string
			Entities                                []json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatalf("truth line %d: %v", lines+1, err)
		}
		if _, ok := a[tr.Path]; !ok || tr.Title == "" || tr.Published == "" || tr.Precision == "" || len(tr.Entities) == 0 {
			t.Errorf("truth line %d = %+v; want a written path, title, date and entities", lines+1, tr)
		}
		lines++
	}
	if lines != 40 {
		t.Errorf("%d truth lines; want 40", lines)
	}

	// Same seed and flags: the same bytes.
	if code, _, stderr := trawl(t, "--data", data, "gen", "-n", "40", "-o", outB, "--seed", "3", "--workers", "1"); code != exitOK {
		t.Fatalf("second trawl gen = exit %d, %s", code, stderr)
	}
	b := readTree(t, outB)
	if len(a) != len(b) {
		t.Fatalf("two runs with seed 3 wrote %d and %d files", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two runs with seed 3", p)
		}
	}
}

func TestGenUsage(t *testing.T) {
	out := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no docs", []string{"gen", "--out", out}, "docs"},
		{"no out", []string{"gen", "--docs", "3"}, "out"},
		{"bad format", []string{"gen", "--docs", "3", "--out", out, "--formats", "rtf"}, "want html, txt, docx or pdf"},
		{"bad mix", []string{"gen", "--docs", "3", "--out", out, "--mix", "blog=1"}, "want news or board-paper"},
		{"negative", []string{"gen", "--docs", "-2", "--out", out}, "≥ 0"},
		{"stray arg", []string{"gen", "--docs", "3", "--out", out, "extra"}, "unexpected arguments"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := trawl(t, append([]string{"--data", t.TempDir()}, tt.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.msg) {
				t.Errorf("trawl %v = exit %d, %q; want exit %d mentioning %q", tt.args, code, stderr, exitUsage, tt.msg)
			}
		})
	}
	code, help, _ := trawl(t, "gen", "--help")
	if code != exitOK || !strings.Contains(help, "EXIT CODES") || !strings.Contains(help, "trawl gen --docs") {
		t.Errorf("trawl gen --help = exit %d without examples or exit codes:\n%s", code, help)
	}
}
