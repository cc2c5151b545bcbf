package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

func TestExportGolden(t *testing.T) {
	x, _ := londonIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		what, format string
		filter       Filter
	}{
		{ExportDocuments, FormatCSV, Filter{}},
		{ExportDocuments, FormatJSON, Filter{Trusts: []string{"RAL"}}},
		{ExportDocuments, FormatNDJSON, Filter{Kinds: []string{"news"}}},
		{ExportEntities, FormatCSV, Filter{}},
		{ExportEntities, FormatNDJSON, Filter{Trusts: []string{"Barts"}}},
		{ExportEvents, FormatCSV, Filter{}},
		{ExportEvents, FormatJSON, Filter{Trusts: []string{"Royal Free"}}},
		{ExportEvents, FormatTimelineJS, Filter{EventKinds: []string{"go-live", "delay"}}},
		{ExportTimeline, FormatCSV, Filter{}},
		{ExportTimeline, FormatJSON, Filter{Trusts: []string{"RAL"}}},
		{ExportTimeline, FormatTimelineJS, Filter{Trusts: []string{"RAL"}}},
	} {
		name := tt.what + "." + tt.format
		t.Run(name, func(t *testing.T) {
			var a, b bytes.Buffer
			req := ExportRequest{What: tt.what, Format: tt.format, Filter: tt.filter}
			n, err := x.Export(ctx, &a, req)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Fatalf("Export(%+v) wrote no rows", req)
			}
			if _, err := x.Export(ctx, &b, req); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("Export(%+v) is not deterministic", req)
			}
			checkWellFormed(t, tt.format, a.Bytes(), n)
			golden(t, "export-"+name, a.Bytes())
		})
	}
}

// checkWellFormed parses an export and counts its rows.
func checkWellFormed(t *testing.T, format string, out []byte, rows int) {
	t.Helper()
	switch format {
	case FormatCSV:
		recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		if len(recs) != rows+1 {
			t.Errorf("CSV has %d records; want header + %d", len(recs), rows)
		}
		if !bytes.Contains(out, []byte("\r\n")) {
			t.Error("CSV lines do not end in CRLF (RFC 4180)")
		}
	case FormatJSON:
		var v []json.RawMessage
		if err := json.Unmarshal(out, &v); err != nil || len(v) != rows {
			t.Errorf("JSON array of %d (%v); want %d", len(v), err, rows)
		}
	case FormatNDJSON:
		sc := bufio.NewScanner(bytes.NewReader(out))
		n := 0
		for sc.Scan() {
			if !json.Valid(sc.Bytes()) {
				t.Errorf("NDJSON line %d is not JSON: %s", n+1, sc.Bytes())
			}
			n++
		}
		if n != rows {
			t.Errorf("NDJSON has %d lines; want %d", n, rows)
		}
	case FormatTimelineJS:
		var v struct {
			Events []struct {
				StartDate struct {
					Year  int `json:"year"`
					Month int `json:"month"`
				} `json:"start_date"`
				DisplayDate string `json:"display_date"`
				Text        struct{ Headline, Text string }
				Group       string `json:"group"`
			} `json:"events"`
		}
		if err := json.Unmarshal(out, &v); err != nil || len(v.Events) != rows {
			t.Fatalf("TimelineJS: %d events (%v); want %d", len(v.Events), err, rows)
		}
		for _, e := range v.Events {
			if e.StartDate.Year == 0 || e.DisplayDate == "" || e.Text.Headline == "" || e.Group == "" {
				t.Errorf("TimelineJS event incomplete: %+v", e)
			}
		}
	}
}

func TestExportTimelineJSPrecision(t *testing.T) {
	ev := tjsEvent("2009-autumn", false, "go-live", []EntityRef{{ID: "RAX", Name: "Kingston Hospital NHS Trust"}}, nil, nil,
		[]EventRecord{{Sentence: "It will go live <soon>.", Title: "A & B", URL: "http://x/?a=1&b=2", Page: 3}}, "abc/e1")
	if ev.StartDate != (tjsDate{Year: 2009, Month: 9}) || ev.EndDate == nil || *ev.EndDate != (tjsDate{Year: 2009, Month: 11}) {
		t.Errorf("autumn 2009 dates = %+v to %+v; want 2009-09 to 2009-11", ev.StartDate, ev.EndDate)
	}
	if ev.DisplayDate != "autumn 2009" {
		t.Errorf("display_date = %q; want autumn 2009", ev.DisplayDate)
	}
	if strings.Contains(ev.Text.Text, "<soon>") || !strings.Contains(ev.Text.Text, "&lt;soon&gt;") || !strings.Contains(ev.Text.Text, "p. 3") {
		t.Errorf("text not escaped or without page: %s", ev.Text.Text)
	}
	month := tjsEvent("2008-06", false, "go-live", nil, nil, nil, []EventRecord{{}}, "x")
	if month.StartDate != (tjsDate{Year: 2008, Month: 6}) || month.EndDate != nil {
		t.Errorf("June 2008 = %+v %+v; want year and month only", month.StartDate, month.EndDate)
	}
}

func TestExportBadRequest(t *testing.T) {
	for _, r := range []ExportRequest{
		{What: "people", Format: FormatCSV},
		{What: ExportDocuments, Format: "xml"},
		{What: ExportDocuments, Format: FormatTimelineJS},
	} {
		if err := r.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil; want an error", r)
		}
	}
}

// TestExportStreams writes a million event rows through the export writer
// and checks that the heap stays flat: rows are written, not gathered.
func TestExportStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("million-row export")
	}
	for format, rows := range map[string]int{FormatCSV: 1_000_000, FormatNDJSON: 200_000} {
		var peak uint64
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		bw := bufio.NewWriterSize(io.Discard, 64<<10)
		rw := newRowWriter(bw, format, ExportEvents)
		for i := 0; i < rows; i++ {
			e := EventRecord{ID: fmt.Sprintf("doc%07d/e0", i), DocID: fmt.Sprintf("doc%07d", i), Kind: "go-live", Status: "actual",
				Date: "2008-06", Trusts: []EntityRef{{ID: "RAL", Name: "Royal Free London NHS Foundation Trust"}},
				Sentence: "The Royal Free went live with Cerner Millennium in June 2008.", Title: "Rescue plan", Start: 10, End: 70}
			if err := rw.event(e); err != nil {
				t.Fatal(err)
			}
			if i%100_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
		if err := rw.close(); err != nil {
			t.Fatal(err)
		}
		if rw.rows != rows {
			t.Errorf("%s: wrote %d rows; want %d", format, rw.rows, rows)
		}
		if grown := int64(peak) - int64(base); grown > 32<<20 {
			t.Errorf("%s: heap grew by %d MB over %d rows; want it flat", format, grown>>20, rows)
		}
	}
}
