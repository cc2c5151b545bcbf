package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// golden compares got with testdata/golden/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (go test -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func londonIndex(t *testing.T) (*Index, *fixture) {
	t.Helper()
	f := loadFixture(t, "testdata/search/london-cerner/docs.json")
	x, _ := buildIndex(t, f)
	return x, f
}

// summary writes one line per entry: date, display, kind, status, sources
// by fixture name, conflicts.
func summary(f *fixture, tl *Timeline) string {
	var b strings.Builder
	for _, e := range tl.Entries {
		var src []string
		for _, s := range e.Sources {
			src = append(src, fmt.Sprintf("%s#%d", f.name(s.DocID), s.Seq))
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s | %s", e.Date, e.DisplayDate, e.Kind, e.Status, strings.Join(src, " "))
		if e.Conflict {
			fmt.Fprintf(&b, " | conflict %v", e.ConflictsWith)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestTimelineFieldNames: a timeline query may name documents' fields (as
// the search page's hint says); they mean the events' own, and find what
// the matching filter finds.
func TestTimelineFieldNames(t *testing.T) {
	x, f := londonIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		queries []string
		filter  Filter
	}{
		{[]string{"vendor_id:bt", "e_vendor_id:bt", "vendor:bt"}, Filter{Vendors: []string{"BT"}}},
		{[]string{"kind:news", "e_kind:news"}, Filter{Kinds: []string{"news"}}},
		{[]string{"system_id:cerner-millennium"}, Filter{Systems: []string{"cerner-millennium"}}},
	} {
		want, err := x.Timeline(ctx, TimelineRequest{Filter: tt.filter})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Entries) == 0 {
			t.Fatalf("filter %+v: no events", tt.filter)
		}
		for _, q := range tt.queries {
			got, err := x.Timeline(ctx, TimelineRequest{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := summary(f, got), summary(f, want); g != w {
				t.Errorf("timeline of %q =\n%s\nwant (filter %+v)\n%s", q, g, tt.filter, w)
			}
		}
	}
}

func TestTimeline(t *testing.T) {
	x, f := londonIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		req  TimelineRequest
		want string
	}{
		{"royal free", TimelineRequest{Filter: Filter{Trusts: []string{"Royal Free"}}}, `
FY2008-09 | financial year 2008/09 | cost | planned | ral-board-paper#2
2008-06 | June 2008 | go-live | actual | ral-board-paper#0 kingston-delay#2
2008-10 | October 2008 | suspension | actual | kingston-delay#3
2008-10-06 | 6 October 2008 | rescue | actual | rescue-plan#0 ral-board-paper#1
2008-11 | November 2008 | cost | actual | rescue-plan#1
`},
		// The suspension names only BT; it is on the Royal Free's timeline
		// through its document, which names the trust, and not on the
		// timeline of a trust its document does not name.
		{"context trust only where named", TimelineRequest{Filter: Filter{Trusts: []string{"Oxford University Hospitals"}, EventKinds: []string{"suspension"}}}, ``},
		{"go-live conflicts", TimelineRequest{Filter: Filter{EventKinds: []string{"go-live"}}}, `
2008-04 | April 2008 | go-live | actual | barts-live#0 | conflict [2008-06]
2008-06 | June 2008 | go-live | actual | ral-board-paper#0 kingston-delay#2 | conflict [2008-04]
2009-autumn | autumn 2009 | go-live | planned | kingston-delay#1
`},
		{"vendor and query", TimelineRequest{Query: "suspended", Filter: Filter{Vendors: []string{"BT"}}}, `
2008-10 | October 2008 | suspension | actual | kingston-delay#3
`},
		{"date range overlaps", TimelineRequest{Filter: Filter{From: mustDate(t, "2009-02"), To: mustDate(t, "2009-09-15")}}, `
FY2008-09 | financial year 2008/09 | cost | planned | ral-board-paper#2
2009-04 | April 2009 | delay | missed | kingston-delay#0
2009-autumn | autumn 2009 | go-live | planned | kingston-delay#1
`},
		// Events found by year and kept by their period: October 2008
		// overlaps the range, 6 October and November 2008 do not.
		{"date range within a year", TimelineRequest{Filter: Filter{From: mustDate(t, "2008-10-07"), To: mustDate(t, "2008-10-31")}}, `
FY2008-09 | financial year 2008/09 | cost | planned | ral-board-paper#2
2008-10 | October 2008 | suspension | actual | kingston-delay#3
`},
		{"from only", TimelineRequest{Filter: Filter{From: mustDate(t, "2009")}}, `
FY2008-09 | financial year 2008/09 | cost | planned | ral-board-paper#2
2009-04 | April 2009 | delay | missed | kingston-delay#0
2009-autumn | autumn 2009 | go-live | planned | kingston-delay#1
`},
		{"to only", TimelineRequest{Filter: Filter{To: mustDate(t, "2008-06")}}, `
FY2008-09 | financial year 2008/09 | cost | planned | ral-board-paper#2
2008-04 | April 2008 | go-live | actual | barts-live#0 | conflict [2008-06]
2008-06 | June 2008 | go-live | actual | ral-board-paper#0 kingston-delay#2 | conflict [2008-04]
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := x.Timeline(ctx, tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(f, tl); got != strings.TrimPrefix(tt.want, "\n") {
				t.Errorf("Timeline(%+v) =\n%s\nwant\n%s", tt.req, got, strings.TrimPrefix(tt.want, "\n"))
			}
			// Events streams the same events, in date order.
			var want, got []string
			for _, e := range tl.Entries {
				for _, s := range e.Sources {
					want = append(want, s.ID)
				}
			}
			var last string
			err = x.Events(ctx, tt.req, func(e EventRecord) error {
				got = append(got, e.ID)
				if v, ok := eventPeriod(e.Date); ok {
					if k := dateSortKey(v, e.Date); k < last {
						t.Errorf("Events: %s (%s) after %s", e.ID, e.Date, last)
					} else {
						last = k
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("Events = %v, timeline sources %v", got, want)
			}
		})
	}
	// The full Royal Free timeline, with provenance, as JSON.
	tl, err := x.Timeline(ctx, TimelineRequest{Filter: Filter{Trusts: []string{"RAL"}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range tl.Entries {
		for j := range tl.Entries[i].Sources {
			s := &tl.Entries[i].Sources[j]
			s.DocID = f.name(s.DocID)
			s.ID = f.name(strings.Split(s.ID, "/")[0]) + "/" + strings.Split(s.ID, "/")[1]
		}
	}
	got, _ := json.MarshalIndent(tl, "", "  ")
	golden(t, "timeline-ral.json", append(got, '\n'))
	// Page and offsets of the board paper's go-live.
	src := tl.Entries[1].Sources[0]
	if src.Page != 2 || src.Start != 51 || src.Sentence != "The Trust went live with Cerner Millennium in June 2008." {
		t.Errorf("go-live source = page %d start %d %q; want page 2 start 51", src.Page, src.Start, src.Sentence)
	}
}

// entityKeys is the set of an event's merge keys.
func entityKeys(e *EventRecord, withVendors bool) map[entKey]bool {
	keys := map[entKey]bool{}
	for _, k := range newMerger().appendKeys(nil, e, withVendors) {
		keys[k] = true
	}
	return keys
}

// pairwiseGroups is the reference mergeGroup links by: every pair of one
// kind sharing an entity key, or naming none and the same money.
func pairwiseGroups(evs []EventRecord) [][]string {
	parent := make([]int, len(evs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for i := range evs {
		ki := entityKeys(&evs[i], true)
		for j := i + 1; j < len(evs); j++ {
			if evs[i].Kind != evs[j].Kind {
				continue
			}
			kj := entityKeys(&evs[j], true)
			same := false
			for k := range ki {
				same = same || kj[k]
			}
			if len(ki) == 0 && len(kj) == 0 {
				same = len(evs[i].Money) > 0 && strings.Join(evs[i].Money, ",") == strings.Join(evs[j].Money, ",")
			}
			if same {
				parent[find(j)] = find(i)
			}
		}
	}
	byRoot := map[int]int{}
	var out [][]string
	for i := range evs {
		r := find(i)
		k, ok := byRoot[r]
		if !ok {
			k = len(out)
			byRoot[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], evs[i].ID)
	}
	return out
}

func TestMergeGroupSameAsPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	refs := []EntityRef{{ID: "RAL", Name: "Royal Free"}, {Name: "Royal Free"}, {ID: "RNJ", Name: "Barts"}, {Name: "Kingston"}, {ID: "cerner", Name: "Cerner"}}
	pick := func() []EntityRef {
		var out []EntityRef
		for _, r := range refs {
			if rng.IntN(4) == 0 {
				out = append(out, r)
			}
		}
		return out
	}
	for round := range 300 {
		n := 1 + rng.IntN(30)
		evs := make([]EventRecord, n)
		for i := range evs {
			e := &evs[i]
			e.ID = fmt.Sprintf("d%02d/e%d", i, round)
			e.DocID = fmt.Sprintf("d%02d", i)
			e.Date = "2009-06"
			e.Kind = []string{"delay", "go-live", "cost"}[rng.IntN(3)]
			e.Trusts, e.Systems, e.Vendors = pick(), pick(), pick()
			if rng.IntN(3) == 0 {
				e.Money = []string{[]string{"GBP 1", "GBP 2"}[rng.IntN(2)]}
			}
		}
		sort.Slice(evs, func(i, j int) bool {
			if evs[i].Kind != evs[j].Kind {
				return evs[i].Kind < evs[j].Kind
			}
			return evs[i].DocID < evs[j].DocID
		})
		want := pairwiseGroups(evs)
		var got [][]string
		dates := newDateKeys()
		for _, e := range newMerger().mergeGroup(nil, evs, dates.of(evs[0].Date)) {
			var ids []string
			for _, s := range e.Sources {
				ids = append(ids, s.ID)
			}
			got = append(got, ids)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: merged %v; pairwise %v", round, got, want)
		}
	}
}

// randomEvents draws n event records of a few dates, kinds, statuses and
// entities (IDs, names in two cases, none), with money: a busy timeline.
func randomEvents(seed uint64, n int) []EventRecord {
	rng := rand.New(rand.NewPCG(seed, 7))
	refs := []EntityRef{{ID: "RAL", Name: "Royal Free"}, {Name: "Royal Free"}, {Name: "ROYAL FREE"}, {ID: "RNJ", Name: "Barts"},
		{Name: "Kingston"}, {ID: "cerner", Name: "Cerner"}, {ID: "lorenzo", Name: "Lorenzo"}, {Name: "Millennium"}}
	pick := func() []EntityRef {
		out := []EntityRef{}
		for _, r := range refs {
			if rng.IntN(5) == 0 {
				out = append(out, r)
			}
		}
		return out
	}
	dates := []string{"2008", "2008-06", "2008-06-01", "2008-06-30", "2008-10", "2008-Q4", "2008-autumn", "2009-H1", "2009-03", "2009-03-02", "undated", ""}
	kinds := []string{"go-live", "delay", "cost", "suspension", "contract"}
	statuses := []string{"actual", "actual", "planned", "missed", "cancelled", ""}
	evs := make([]EventRecord, n)
	for i := range evs {
		e := &evs[i]
		e.DocID = fmt.Sprintf("d%03d", rng.IntN(n/3+1))
		e.Seq = i
		e.ID = fmt.Sprintf("%s/e%d", e.DocID, i)
		e.Date = dates[rng.IntN(len(dates))]
		e.Approx = rng.IntN(4) == 0
		e.Kind = kinds[rng.IntN(len(kinds))]
		e.Status = statuses[rng.IntN(len(statuses))]
		e.Trusts, e.Systems, e.Vendors = pick(), pick(), pick()
		e.Money = []string{}
		for range rng.IntN(3) {
			e.Money = append(e.Money, []string{"GBP 7200000", "GBP 1000", "GBP 2"}[rng.IntN(3)])
		}
		e.Published = fmt.Sprintf("2009-%02d-01", 1+rng.IntN(12))
	}
	return evs
}

// TestMergeRandom pins Merge's answer on random busy timelines, so that
// making it faster cannot change what it says.
func TestMergeRandom(t *testing.T) {
	var out bytes.Buffer
	for seed := range uint64(4) {
		entries := Merge(randomEvents(seed, 60+int(seed)*150))
		for _, e := range entries {
			var ids []string
			for _, s := range e.Sources {
				ids = append(ids, s.ID)
			}
			e.Sources = nil
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%s %v\n", b, ids)
		}
		out.WriteString("--\n")
	}
	golden(t, "merge-random.txt", out.Bytes())
}

// TestMergeKeyedOrder checks mergeKeyed's integer sort keys against
// dateKey.compare, with periods that share a start second and differ in
// nanoseconds (which the sort keys leave to the full comparison) and
// dates that do not parse.
func TestMergeKeyedOrder(t *testing.T) {
	k := func(s string, ss int64, sn int32, es int64, en int32, ok bool) *dateKey {
		return &dateKey{s: s, start: instant{ss, sn}, end: instant{es, en}, ok: ok, display: s}
	}
	dates := []*dateKey{
		k("a", 100, 0, 200, 0, true),
		k("b", 100, 0, 150, 0, true),
		k("c", 100, 5, 300, 0, true), // starts a little later than a and b
		k("d", 100, 0, 150, 7, true), // ends a little later than b
		k("e", 99, 0, 400, 0, true),
		k("f", 100, 0, 200, 0, true), // as a, written differently
		k("zz", 0, 0, 0, 0, false),
		k("yy", 0, 0, 0, 0, false),
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 20 {
		var evs []EventRecord
		var keys []*dateKey
		for i := range 40 {
			d := dates[rng.IntN(len(dates))]
			evs = append(evs, EventRecord{ID: fmt.Sprintf("d/e%d", i), DocID: "d", Seq: i, Kind: "go-live", Date: d.s, Status: "planned"})
			keys = append(keys, d)
		}
		want := slices.Clone(dates)
		slices.SortFunc(want, func(a, b *dateKey) int { return a.compare(b) })
		var got []string
		for _, e := range mergeKeyed(evs, keys) {
			if len(got) == 0 || got[len(got)-1] != e.Date {
				got = append(got, e.Date)
			}
		}
		i := 0
		for _, d := range want {
			if i < len(got) && got[i] == d.s {
				i++
			}
		}
		if i != len(got) {
			var order []string
			for _, d := range want {
				order = append(order, d.s)
			}
			t.Fatalf("round %d: dates in order %v, want a subsequence of %v", round, got, order)
		}
	}
}
