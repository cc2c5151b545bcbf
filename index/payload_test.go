package index

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"
)

func TestPayloadRoundTrip(t *testing.T) {
	for _, e := range []EventRecord{
		{ID: "d/e0", Trusts: []EntityRef{}, Vendors: []EntityRef{}, Systems: []EntityRef{}, Money: []string{}},
		{
			ID: "abc/e3", DocID: "abc", Seq: 3, Kind: "go-live", Status: "planned", Date: "2009-autumn",
			DateType: "season", Approx: true, DateBasis: "published",
			Trusts:  []EntityRef{{ID: "RAL", Name: "Royal Free Hampstead NHS Trust"}, {Name: "Unknown Trust"}},
			Vendors: []EntityRef{{ID: "cerner", Name: "Cerner"}}, Systems: []EntityRef{},
			Money:    []string{"GBP 7200000"},
			Sentence: "The trust went live with Cerner Millennium in June.\x00 ünïcode", Start: 120, End: 170, Page: 4,
			Title: "Royal Free <b>", Outlet: "E-Health Insider", URL: "http://x/y?a=1&b=2",
			Locations: []string{"/a/b.html", "/c.html"}, Published: "2008-11-14", DocKind: "news",
		},
	} {
		got, err := decodeEvent(e.ID, string(encodeEvent(&e)))
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", e.ID, got, e)
		}
	}
}

func TestPayloadCorrupt(t *testing.T) {
	good := encodeEvent(&EventRecord{DocID: "d", Sentence: "s", Money: []string{}})
	for name, b := range map[string][]byte{
		"empty":     nil,
		"version":   append([]byte{9}, good[1:]...),
		"truncated": good[:len(good)-1],
		"trailing":  append(bytes.Clone(good), 0),
		"huge list": {payloadVersion, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f},
	} {
		if _, err := decodeEvent("x", string(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzDecodeEvent(f *testing.F) {
	f.Add(encodeEvent(&EventRecord{DocID: "d", Kind: "delay", Trusts: []EntityRef{{ID: "RAL", Name: "Royal Free"}}, Money: []string{"GBP 1"}}))
	f.Add([]byte{payloadVersion})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})
	f.Fuzz(func(t *testing.T, b []byte) {
		// The string reader's varints are binary.Uvarint's.
		r := payloadReader{s: string(b)}
		got := r.uvarint()
		want, n := binary.Uvarint(b)
		if (n <= 0) != (r.err != nil) || (n > 0 && (got != want || len(r.s) != len(b)-n)) {
			t.Fatalf("uvarint(% x) = %d, %v, %d left; binary.Uvarint: %d, %d", b, got, r.err, len(r.s), want, n)
		}
		e, err := decodeEvent("x", string(b))
		if err != nil {
			return
		}
		again, err := decodeEvent("x", string(encodeEvent(&e)))
		if err != nil || !reflect.DeepEqual(again, e) {
			t.Fatalf("re-encoding %+v: %+v %v", e, again, err)
		}
	})
}
