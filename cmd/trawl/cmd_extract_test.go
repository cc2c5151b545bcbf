package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestExtractFiles(t *testing.T) {
	doc := filepath.Join("..", "..", "testdata", "eval", "dev", "docs", "001.txt")
	code, out, stderr := trawl(t, "extract", "--published", "2008-11", doc)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var line extractLine
	if err := json.Unmarshal([]byte(out), &line); err != nil {
		t.Fatalf("output is not one JSON line: %v\n%s", err, out)
	}
	if line.Published.String() != "2008-11" || line.PublishedPrecision != "month" || line.Extractor == "" || len(line.Events) == 0 {
		t.Errorf("line = published %s (%s), extractor %q, %d events", line.Published, line.PublishedPrecision, line.Extractor, len(line.Events))
	}
	found := map[string]bool{}
	for _, e := range line.Entities {
		found[string(e.Type)+"|"+e.Norm+"|"+e.ID] = true
	}
	for _, want := range []string{"trust|Royal Free Hampstead NHS Trust|RAL", "money|GBP 7200000|", "date|2008-10-06|", "person|Andrew Way|"} {
		if !found[want] {
			t.Errorf("missing %s", want)
		}
	}

	// Without a date, relative dates stay unresolved and the output says so.
	_, out, _ = trawl(t, "extract", doc)
	if !strings.Contains(out, "relative dates left unresolved") || strings.Contains(out, `"2008-10-06"`) {
		t.Errorf("undated extraction resolved relative dates or did not say it could not")
	}

	code, out, _ = trawl(t, "extract", "--format", "table", "--published", "2008-11", doc)
	if code != exitOK || !strings.Contains(out, "Royal Free Hampstead NHS Trust") || !strings.Contains(out, "event") {
		t.Errorf("table output: exit %d\n%s", code, out)
	}
}

func TestExtractUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--all", "x"},
		{"extract", "--redo", "x"},
		{"extract", "--published", "2008-13", "x"},
		{"extract", "--format", "xml", "x"},
		{"extract", "--kind", "blog", "x"},
	} {
		if code, _, _ := trawl(t, args...); code != exitUsage {
			t.Errorf("trawl %v = exit %d; want %d", args, code, exitUsage)
		}
	}
}

func TestExtractStore(t *testing.T) {
	data := t.TempDir()
	news := filepath.Join("..", "..", "testdata", "corpus", "news")
	if code, _, stderr := trawl(t, "--data", data, "ingest", news); code != exitOK {
		t.Fatalf("ingest: exit %d %s", code, stderr)
	}
	code, out, stderr := trawl(t, "--data", data, "extract", "--all", "--json")
	var st struct{ Documents, Extracted, Current int }
	if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil || st.Extracted != 3 {
		t.Fatalf("extract --all: exit %d, %v, %+v, %s", code, err, st, stderr)
	}
	_, out, _ = trawl(t, "--data", data, "extract", "--all", "--json")
	json.Unmarshal([]byte(out), &st)
	if st.Extracted != 0 || st.Documents != 0 {
		t.Errorf("second pass = %+v; want nothing looked at (nothing put since the first)", st)
	}
	// Documents put since are looked at, and only they.
	papers := filepath.Join("..", "..", "testdata", "corpus", "board-papers")
	if code, _, stderr := trawl(t, "--data", data, "ingest", papers); code > exitPartial {
		t.Fatalf("ingest papers: exit %d %s", code, stderr)
	}
	_, out, _ = trawl(t, "--data", data, "extract", "--all", "--json")
	st = struct{ Documents, Extracted, Current int }{}
	json.Unmarshal([]byte(out), &st)
	if st.Extracted == 0 || st.Documents != st.Extracted || st.Current != 0 {
		t.Errorf("pass after new papers = %+v; want the new papers only", st)
	}
	store, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store.View(func(tx *corpus.Tx) error {
		return tx.ForEachID(func(id string) error {
			v, data, found, err := tx.Extraction(id)
			if !found || err != nil || !strings.HasPrefix(v, "extract/") || !strings.Contains(string(data), `"entities"`) {
				t.Errorf("%s: extraction %q found %v err %v", id[:8], v, found, err)
			}
			return nil
		})
	})
}
