package index

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// An event's payload is what timelines and exports show of it, kept in one
// stored field (fEvent) instead of one stored field per value: loading a
// record builds an object per stored field, and a timeline loads thousands
// of records. The encoding is a version byte, then each value in the order
// of EventRecord's fields: strings and lists length-prefixed (uvarint),
// numbers as uvarints, Approx as one byte. The record's ID is the index ID
// and is not repeated.

const payloadVersion = 1

var errPayload = errors.New("event payload: corrupt")

func encodeEvent(e *EventRecord) []byte {
	b := make([]byte, 0, 256+len(e.Sentence)+len(e.Title))
	b = append(b, payloadVersion)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int) { b = binary.AppendUvarint(b, uint64(max(n, 0))) }
	strs := func(ss []string) {
		num(len(ss))
		for _, s := range ss {
			str(s)
		}
	}
	refs := func(rs []EntityRef) {
		num(len(rs))
		for _, r := range rs {
			str(r.ID)
			str(r.Name)
		}
	}
	str(e.DocID)
	num(e.Seq)
	str(e.Kind)
	str(e.Status)
	str(e.Date)
	str(e.DateType)
	if e.Approx {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	str(e.DateBasis)
	refs(e.Trusts)
	refs(e.Vendors)
	refs(e.Systems)
	strs(e.Money)
	str(e.Sentence)
	num(e.Start)
	num(e.End)
	num(e.Page)
	str(e.Title)
	str(e.Outlet)
	str(e.URL)
	strs(e.Locations)
	str(e.Published)
	str(e.DocKind)
	return b
}

// payloadReader reads a payload, remembering the first error. It reads a
// string so that every value it returns is a slice of that one string: a
// timeline decodes thousands of events, and a string per value was most of
// the cost.
type payloadReader struct {
	s   string
	err error
}

// uvarint is binary.Uvarint over a string.
func (r *payloadReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	var shift uint
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		b := r.s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				break // overflows 64 bits
			}
			r.s = r.s[i+1:]
			return x | uint64(b)<<shift
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	r.err = errPayload
	return 0
}

func (r *payloadReader) num() int {
	v := r.uvarint()
	if v > 1<<31 {
		r.err = errPayload
		return 0
	}
	return int(v)
}

func (r *payloadReader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.s)) {
		r.err = errPayload
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

// count reads a list length, each item taking at least min bytes.
func (r *payloadReader) count(min int) int {
	n := r.uvarint()
	if r.err != nil {
		return 0
	}
	if n > uint64(len(r.s)/min) {
		r.err = errPayload
		return 0
	}
	return int(n)
}

func (r *payloadReader) strs(nilIfEmpty bool) []string {
	n := r.count(1)
	if n == 0 && nilIfEmpty {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, r.str())
	}
	return out
}

func (r *payloadReader) refs() []EntityRef {
	n := r.count(2)
	out := make([]EntityRef, 0, n)
	for range n {
		id := r.str()
		out = append(out, EntityRef{ID: id, Name: r.str()})
	}
	return out
}

// decodeEvent reads a payload written by encodeEvent. The values it
// returns share the payload's memory.
func decodeEvent(id string, b string) (EventRecord, error) {
	if len(b) == 0 || b[0] != payloadVersion {
		return EventRecord{}, fmt.Errorf("%w: event %s: version %q, want %d", errPayload, id, b[:min(len(b), 1)], payloadVersion)
	}
	r := payloadReader{s: b[1:]}
	e := EventRecord{ID: id}
	e.DocID = r.str()
	e.Seq = r.num()
	e.Kind = r.str()
	e.Status = r.str()
	e.Date = r.str()
	e.DateType = r.str()
	if r.err == nil {
		if len(r.s) == 0 || r.s[0] > 1 {
			r.err = errPayload
		} else {
			e.Approx = r.s[0] == 1
			r.s = r.s[1:]
		}
	}
	e.DateBasis = r.str()
	e.Trusts = r.refs()
	e.Vendors = r.refs()
	e.Systems = r.refs()
	e.Money = r.strs(false)
	e.Sentence = r.str()
	e.Start = r.num()
	e.End = r.num()
	e.Page = r.num()
	e.Title = r.str()
	e.Outlet = r.str()
	e.URL = r.str()
	e.Locations = r.strs(true)
	e.Published = r.str()
	e.DocKind = r.str()
	if r.err == nil && len(r.s) > 0 {
		r.err = errPayload
	}
	if r.err != nil {
		return EventRecord{}, fmt.Errorf("event %s: %w", id, r.err)
	}
	return e, nil
}
