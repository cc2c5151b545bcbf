package index

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestOrderedChunks checks that exports read a stretch of terms at a time
// give what one read of everything sorted gives, whatever the stretch: one
// chunk for all, halved stretches, and dates shared by more events than a
// chunk (paged by ID).
func TestOrderedChunks(t *testing.T) {
	dir := churnedIndex(t)
	ctx := context.Background()
	x := openIndex(t, dir, Options{ReadOnly: true})
	reqs := []ExportRequest{
		{What: ExportEvents, Format: FormatNDJSON},
		{What: ExportEvents, Format: FormatCSV, Query: "delay"},
		{What: ExportEvents, Format: FormatCSV, Filter: Filter{From: mustDate(t, "2009"), To: mustDate(t, "2012-06")}},
		{What: ExportDocuments, Format: FormatCSV},
		{What: ExportDocuments, Format: FormatNDJSON, Query: "cerner"},
		{What: ExportEntities, Format: FormatCSV, Query: "-delay"},
	}
	export := func(r ExportRequest) string {
		var b bytes.Buffer
		if _, err := x.Export(ctx, &b, r); err != nil {
			t.Fatalf("%+v, chunk %d: %v", r, x.exportChunk, err)
		}
		return b.String()
	}
	for _, r := range reqs {
		x.exportChunk = 1 << 20 // everything in one read
		want := export(r)
		if strings.Count(want, "\n") < 20 {
			t.Fatalf("%+v: %d lines; the test wants more", r, strings.Count(want, "\n"))
		}
		for _, chunk := range []int{1, 3, 40, 500} {
			x.exportChunk = chunk
			if got := export(r); got != want {
				t.Errorf("%+v in chunks of %d: %d bytes, not the %d of one read\n%s", r, chunk, len(got), len(want), firstLineDiff(got, want))
			}
		}
	}

	// The one read is in date order, then by ID, as the dates' periods
	// say; documents in ID order.
	x.exportChunk = 0
	all := allEvents(t, x)
	slices.SortFunc(all, func(a, b EventRecord) int {
		va, oka := eventPeriod(a.Date)
		vb, okb := eventPeriod(b.Date)
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case oka:
			if c := va.Start.Compare(vb.Start); c != 0 {
				return c
			}
			if c := vb.End.Compare(va.End); c != 0 {
				return c
			}
		}
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID))
	})
	for _, chunk := range []int{0, 7} {
		x.exportChunk = chunk
		var got []string
		err := x.Events(ctx, TimelineRequest{}, func(e EventRecord) error { got = append(got, e.ID); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(all) {
			t.Fatalf("chunk %d: %d events; want %d", chunk, len(got), len(all))
		}
		for i := range got {
			if got[i] != all[i].ID {
				t.Fatalf("chunk %d: event %d is %s; want %s (%s)", chunk, i, got[i], all[i].ID, all[i].Date)
			}
		}
		// Max stops the stream.
		got = got[:0]
		err = x.Events(ctx, TimelineRequest{Max: 10}, func(e EventRecord) error { got = append(got, e.ID); return nil })
		if err != nil || len(got) != 10 || got[9] != all[9].ID {
			t.Errorf("chunk %d, Max 10: %d events, err %v", chunk, len(got), err)
		}
	}
	var b bytes.Buffer
	if _, err := x.Export(ctx, &b, ExportRequest{What: ExportDocuments, Format: FormatNDJSON}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		ids = append(ids, strings.SplitN(strings.TrimPrefix(line, `{"id":"`), `"`, 2)[0])
	}
	if !slices.IsSorted(ids) || len(ids) != len(slices.Compact(slices.Clone(ids))) {
		t.Errorf("documents not in ID order or repeated: %d", len(ids))
	}
}

func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return "one is a prefix of the other"
}

// TestWarmDates checks that WarmDates parses the date of every event in
// the index, and that a date_sort term gives back the date it was made
// from.
func TestWarmDates(t *testing.T) {
	for _, date := range []string{"2008-06", "2008-06-12", "2009-autumn", "2009-Q3", "2010-H1", "2008", "undated", "", "not a date", "2008-06~"} {
		if got := dateOfSortKey(eventSortKey(date)); got != date {
			t.Errorf("dateOfSortKey(eventSortKey(%q)) = %q", date, got)
		}
	}
	x := openIndex(t, churnedIndex(t), Options{ReadOnly: true})
	ctx := context.Background()
	if n := len(x.dates.m.load()) + len(x.dates.m.pending); n != 0 {
		t.Fatalf("%d dates parsed before any timeline", n)
	}
	if err := x.WarmDates(ctx); err != nil {
		t.Fatal(err)
	}
	evs := allEvents(t, x)
	parsed := map[string]bool{}
	for k := range x.dates.m.load() {
		parsed[k] = true
	}
	for k := range x.dates.m.pending {
		parsed[k] = true
	}
	dates := map[string]bool{}
	for _, e := range evs {
		dates[e.Date] = true
		if !parsed[e.Date] {
			t.Errorf("event %s: date %q not parsed", e.ID, e.Date)
		}
	}
	// A dictionary keeps the terms of deleted records until a merge drops
	// them, so more dates may be parsed than the live events have.
	if len(dates) < 10 || len(parsed) < len(dates) {
		t.Errorf("%d dates parsed; the events have %d", len(parsed), len(dates))
	}
}

// allEvents reads every event in x, in no order.
func allEvents(t *testing.T, x *Index) []EventRecord {
	t.Helper()
	eq, _, err := x.eventQuery("", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := x.readEvents(context.Background(), eq, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}
