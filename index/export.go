package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/nhs-trawl/trawl/extract/temporal"
)

// What an export holds.
const (
	ExportDocuments = "documents"
	ExportEntities  = "entities"
	ExportEvents    = "events"
	ExportTimeline  = "timeline"
)

// Export formats.
const (
	FormatCSV        = "csv"
	FormatJSON       = "json"
	FormatNDJSON     = "ndjson"
	FormatTimelineJS = "timelinejs"
)

// ExportRequest says what to export, how, and which records.
type ExportRequest struct {
	What   string // documents, entities, events or timeline
	Format string // csv, json, ndjson or timelinejs (events and timeline only)
	Query  string
	Filter Filter
}

// Validate checks What and Format.
func (r ExportRequest) Validate() error {
	switch r.What {
	case ExportDocuments, ExportEntities, ExportEvents, ExportTimeline:
	default:
		return fmt.Errorf("export %q: want documents, entities, events or timeline", r.What)
	}
	switch r.Format {
	case FormatCSV, FormatJSON, FormatNDJSON:
	case FormatTimelineJS:
		if r.What != ExportEvents && r.What != ExportTimeline {
			return fmt.Errorf("format timelinejs exports events or timeline, not %s", r.What)
		}
	default:
		return fmt.Errorf("format %q: want csv, json, ndjson or timelinejs", r.Format)
	}
	return nil
}

// Export writes the records a request selects to w, streaming: documents,
// entities and events are written as they are read from the index, a few
// thousand at a time and each once (ordered.go), so memory does not grow
// with the export and time grows in proportion to it. A timeline export
// holds the matching events to merge them. Output is deterministic:
// documents and entities in document ID order, events and timeline entries
// in date order (see EXPORTS.md). It returns the number of rows written.
func (x *Index) Export(ctx context.Context, w io.Writer, r ExportRequest) (int, error) {
	if err := r.Validate(); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	out := newRowWriter(bw, r.Format, r.What)
	var err error
	switch r.What {
	case ExportDocuments, ExportEntities:
		err = x.exportDocs(ctx, r, out)
	case ExportEvents:
		err = x.Events(ctx, TimelineRequest{Query: r.Query, Filter: r.Filter}, out.event)
	case ExportTimeline:
		var tl *Timeline
		if tl, err = x.Timeline(ctx, TimelineRequest{Query: r.Query, Filter: r.Filter}); err == nil {
			for i := range tl.Entries {
				if err = out.entry(&tl.Entries[i]); err != nil {
					break
				}
			}
		}
	}
	if err == nil {
		err = out.close()
	}
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = ferr
	}
	if err != nil {
		return out.rows, fmt.Errorf("export %s: %w", r.What, err)
	}
	return out.rows, nil
}

var docExportFields = []string{fTitle, fPublishedNorm, fPrecision, fKind, fFormat, fOutlet, fURL, fLocation,
	trustF.facet, orgF.facet, vendorF.facet, systemF.facet, personF.facet, fMoneyNorm, fExtractor}

// exportDocs reads matching documents in ID order, a chunk at a time.
func (x *Index) exportDocs(ctx context.Context, r ExportRequest, out *rowWriter) error {
	uq, err := parseQuery(r.Query, docFields)
	if err != nil {
		return err
	}
	q, _, err := x.recordQuery(uq, r.Filter, TypeDoc)
	if err != nil {
		return err
	}
	return x.docsInOrder(ctx, q, docExportFields, func(hits search.DocumentMatchCollection) error {
		for _, h := range hits {
			d := docRowOf(h)
			if r.What == ExportDocuments {
				err = out.doc(&d)
			} else {
				err = out.entities(&d)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// DocRow is a document as exports write it.
type DocRow struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Published   string      `json:"published,omitempty"` // EDTF (ISO 8601 at its precision)
	Precision   string      `json:"precision,omitempty"`
	DisplayDate string      `json:"display_date,omitempty"`
	Kind        string      `json:"kind"`
	Format      string      `json:"format"`
	Outlet      string      `json:"outlet,omitempty"`
	URL         string      `json:"url,omitempty"`
	Locations   []string    `json:"locations"`
	Trusts      []EntityRef `json:"trusts"`
	Orgs        []EntityRef `json:"orgs"`
	Vendors     []EntityRef `json:"vendors"`
	Systems     []EntityRef `json:"systems"`
	People      []EntityRef `json:"people"`
	Money       []string    `json:"money"`
	Extractor   string      `json:"extractor,omitempty"`
}

func docRowOf(h *search.DocumentMatch) DocRow {
	f := h.Fields
	d := DocRow{
		ID: h.ID, Title: str(f[fTitle]), Published: str(f[fPublishedNorm]), Precision: str(f[fPrecision]),
		Kind: str(f[fKind]), Format: str(f[fFormat]), Outlet: str(f[fOutlet]), URL: str(f[fURL]),
		Locations: nonNil(strs(f[fLocation])), Trusts: refsOf(f[trustF.facet]), Orgs: refsOf(f[orgF.facet]),
		Vendors: refsOf(f[vendorF.facet]), Systems: refsOf(f[systemF.facet]), People: refsOf(f[personF.facet]),
		Money: nonNil(strs(f[fMoneyNorm])), Extractor: str(f[fExtractor]),
	}
	if d.Published != "" {
		d.DisplayDate = DisplayDate(d.Published)
	}
	return d
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// EntityRow is one entity of one document.
type EntityRow struct {
	DocID     string `json:"doc_id"`
	Published string `json:"published,omitempty"`
	Type      string `json:"type"`
	ID        string `json:"id,omitempty"`
	Name      string `json:"name"`
}

// EventRow is an event as exports write it: the record plus its dates in
// EDTF and for display.
type EventRow struct {
	EventRecord
	EDTF        string `json:"edtf"`
	DisplayDate string `json:"display_date"`
}

// Column lists, documented in EXPORTS.md.
var (
	docColumns = []string{"id", "title", "published", "precision", "display_date", "kind", "format", "outlet", "url",
		"locations", "trust_ids", "trusts", "org_ids", "orgs", "vendor_ids", "vendors", "system_ids", "systems", "people", "money", "extractor"}
	entityColumns = []string{"doc_id", "published", "type", "id", "name"}
	eventColumns  = []string{"event_id", "doc_id", "seq", "date", "edtf", "display_date", "date_type", "approx", "date_basis",
		"kind", "status", "trust_ids", "trusts", "vendor_ids", "vendors", "system_ids", "systems", "money",
		"sentence", "start", "end", "page", "title", "outlet", "url", "locations", "published", "doc_kind"}
	timelineColumns = []string{"date", "edtf", "display_date", "kind", "status", "trust_ids", "trusts", "vendor_ids", "vendors",
		"system_ids", "systems", "money", "conflict", "conflicts_with", "sources", "source_events", "source_titles", "source_urls", "sentences"}
)

// listSep joins list values in a CSV cell.
const listSep = "; "

func ids(rs []EntityRef) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.ID)
	}
	return strings.Join(s, listSep)
}

func names(rs []EntityRef) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Name)
	}
	return strings.Join(s, listSep)
}

// rowWriter writes rows of one export in one format.
type rowWriter struct {
	w      *bufio.Writer
	csv    *csv.Writer
	format string
	what   string
	rows   int
	err    error
	buf    bytes.Buffer
}

func newRowWriter(w *bufio.Writer, format, what string) *rowWriter {
	rw := &rowWriter{w: w, format: format, what: what}
	switch format {
	case FormatCSV:
		rw.csv = csv.NewWriter(w)
		rw.csv.UseCRLF = true // RFC 4180
		cols := map[string][]string{ExportDocuments: docColumns, ExportEntities: entityColumns,
			ExportEvents: eventColumns, ExportTimeline: timelineColumns}[what]
		rw.err = rw.csv.Write(cols)
	case FormatJSON:
		_, rw.err = w.WriteString("[")
	case FormatTimelineJS:
		_, rw.err = w.WriteString(`{"events":[`)
	}
	return rw
}

// object writes one JSON value as an array element or an NDJSON line.
func (rw *rowWriter) object(v any) error {
	rw.buf.Reset()
	enc := json.NewEncoder(&rw.buf)
	enc.SetEscapeHTML(false) // TimelineJS text is HTML; keep it readable
	if err := enc.Encode(v); err != nil {
		return err
	}
	b := bytes.TrimSuffix(rw.buf.Bytes(), []byte("\n"))
	switch rw.format {
	case FormatJSON, FormatTimelineJS:
		if rw.rows > 0 {
			rw.w.WriteString(",")
		}
		rw.w.WriteString("\n")
		rw.w.Write(b)
	default:
		rw.w.Write(b)
		rw.w.WriteString("\n")
	}
	rw.rows++
	return nil
}

func (rw *rowWriter) record(cells []string) error {
	rw.rows++
	return rw.csv.Write(cells)
}

func (rw *rowWriter) close() error {
	if rw.err != nil {
		return rw.err
	}
	switch rw.format {
	case FormatCSV:
		rw.csv.Flush()
		return rw.csv.Error()
	case FormatJSON:
		if rw.rows > 0 {
			rw.w.WriteString("\n")
		}
		_, err := rw.w.WriteString("]\n")
		return err
	case FormatTimelineJS:
		if rw.rows > 0 {
			rw.w.WriteString("\n")
		}
		_, err := rw.w.WriteString("]}\n")
		return err
	}
	return nil
}

func (rw *rowWriter) doc(d *DocRow) error {
	if rw.err != nil {
		return rw.err
	}
	if rw.format != FormatCSV {
		return rw.object(d)
	}
	return rw.record([]string{d.ID, d.Title, d.Published, d.Precision, d.DisplayDate, d.Kind, d.Format, d.Outlet, d.URL,
		strings.Join(d.Locations, listSep), ids(d.Trusts), names(d.Trusts), ids(d.Orgs), names(d.Orgs),
		ids(d.Vendors), names(d.Vendors), ids(d.Systems), names(d.Systems), names(d.People),
		strings.Join(d.Money, listSep), d.Extractor})
}

func (rw *rowWriter) entities(d *DocRow) error {
	for _, g := range []struct {
		typ  string
		refs []EntityRef
	}{{"trust", d.Trusts}, {"org", d.Orgs}, {"vendor", d.Vendors}, {"system", d.Systems}, {"person", d.People}} {
		for _, r := range g.refs {
			if err := rw.entity(EntityRow{DocID: d.ID, Published: d.Published, Type: g.typ, ID: r.ID, Name: r.Name}); err != nil {
				return err
			}
		}
	}
	for _, m := range d.Money {
		if err := rw.entity(EntityRow{DocID: d.ID, Published: d.Published, Type: "money", Name: m}); err != nil {
			return err
		}
	}
	return nil
}

func (rw *rowWriter) entity(e EntityRow) error {
	if rw.err != nil {
		return rw.err
	}
	if rw.format != FormatCSV {
		return rw.object(e)
	}
	return rw.record([]string{e.DocID, e.Published, e.Type, e.ID, e.Name})
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (rw *rowWriter) event(e EventRecord) error {
	if rw.err != nil {
		return rw.err
	}
	row := EventRow{EventRecord: e, EDTF: EDTF(e.Date, e.Approx), DisplayDate: DisplayDate(e.Date)}
	switch rw.format {
	case FormatTimelineJS:
		return rw.object(tjsEvent(e.Date, e.Approx, e.Kind, e.Trusts, e.Systems, e.Vendors, []EventRecord{e}, e.ID))
	case FormatCSV:
		return rw.record([]string{e.ID, e.DocID, strconv.Itoa(e.Seq), e.Date, row.EDTF, row.DisplayDate, e.DateType,
			strconv.FormatBool(e.Approx), e.DateBasis, e.Kind, e.Status, ids(e.Trusts), names(e.Trusts), ids(e.Vendors),
			names(e.Vendors), ids(e.Systems), names(e.Systems), strings.Join(e.Money, listSep), e.Sentence,
			strconv.Itoa(e.Start), strconv.Itoa(e.End), itoa0(e.Page), e.Title, e.Outlet, e.URL,
			strings.Join(e.Locations, listSep), e.Published, e.DocKind})
	}
	return rw.object(row)
}

func (rw *rowWriter) entry(t *TimelineEntry) error {
	if rw.err != nil {
		return rw.err
	}
	switch rw.format {
	case FormatTimelineJS:
		approx := strings.HasSuffix(t.EDTF, "~")
		return rw.object(tjsEvent(t.Date, approx, t.Kind, t.Trusts, t.Systems, t.Vendors, t.Sources, t.Sources[0].ID))
	case FormatCSV:
		var docs, evs, titles, urls, sents []string
		for _, s := range t.Sources {
			docs = append(docs, s.DocID)
			evs = append(evs, s.ID)
			titles = append(titles, s.Title)
			urls = append(urls, firstNonEmpty(s.URL, strings.Join(s.Locations, " ")))
			sents = append(sents, s.Sentence)
		}
		return rw.record([]string{t.Date, t.EDTF, t.DisplayDate, t.Kind, t.Status, ids(t.Trusts), names(t.Trusts),
			ids(t.Vendors), names(t.Vendors), ids(t.Systems), names(t.Systems), strings.Join(t.Money, listSep),
			strconv.FormatBool(t.Conflict), strings.Join(t.ConflictsWith, listSep), strings.Join(docs, listSep),
			strings.Join(evs, listSep), strings.Join(titles, listSep), strings.Join(urls, listSep), strings.Join(sents, " | ")})
	}
	return rw.object(t)
}

// TimelineJS (Knight Lab) types.
type tjsDate struct {
	Year        int    `json:"year"`
	Month       int    `json:"month,omitempty"`
	Day         int    `json:"day,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type tjsEventT struct {
	StartDate   tjsDate  `json:"start_date"`
	EndDate     *tjsDate `json:"end_date,omitempty"`
	DisplayDate string   `json:"display_date"`
	Text        tjsText  `json:"text"`
	Group       string   `json:"group"`
	UniqueID    string   `json:"unique_id"`
}

// tjsEvent builds a TimelineJS event: the start at the date's precision (a
// month has no day, a season or quarter starts at its first month), an end
// date for periods longer than a month, display_date in words.
func tjsEvent(date string, approx bool, kind string, trusts, systems, vendors []EntityRef, sources []EventRecord, id string) tjsEventT {
	ev := tjsEventT{DisplayDate: DisplayDate(date), Group: kind, UniqueID: strings.NewReplacer("/", "-", " ", "-").Replace(id)}
	if approx {
		ev.DisplayDate = "about " + ev.DisplayDate
	}
	if v, err := temporal.ParseValue(date); err == nil {
		s := v.Start
		ev.StartDate = tjsDate{Year: s.Year()}
		switch v.Type {
		case temporal.Day:
			ev.StartDate.Month, ev.StartDate.Day = int(s.Month()), s.Day()
		case temporal.Month, temporal.Season, temporal.Quarter, temporal.FinancialYear:
			ev.StartDate.Month = int(s.Month())
		case temporal.Week, temporal.Span:
			ev.StartDate.Month, ev.StartDate.Day = int(s.Month()), s.Day()
		}
		last := v.End.AddDate(0, 0, -1)
		switch v.Type {
		case temporal.Season, temporal.Quarter, temporal.FinancialYear:
			ev.EndDate = &tjsDate{Year: last.Year(), Month: int(last.Month())}
		case temporal.Week, temporal.Span:
			ev.EndDate = &tjsDate{Year: last.Year(), Month: int(last.Month()), Day: last.Day()}
		case temporal.Decade:
			ev.EndDate = &tjsDate{Year: last.Year()}
		}
	}
	var who []string
	for _, g := range [][]EntityRef{trusts, systems, vendors} {
		for _, r := range g {
			who = append(who, r.Name)
		}
	}
	head := strings.ToUpper(kind[:min(1, len(kind))]) + kind[min(1, len(kind)):]
	if len(who) > 0 {
		head += ": " + strings.Join(who, ", ")
	}
	ev.Text.Headline = html.EscapeString(head)
	var b strings.Builder
	for _, s := range sources {
		b.WriteString("<p>“" + html.EscapeString(s.Sentence) + "”<br>— ")
		title := html.EscapeString(firstNonEmpty(s.Title, s.DocID))
		if s.URL != "" {
			b.WriteString(`<a href="` + html.EscapeString(s.URL) + `">` + title + `</a>`)
		} else {
			b.WriteString("<i>" + title + "</i>")
		}
		var meta []string
		for _, m := range []string{s.Outlet, DisplayDate(s.Published)} {
			if m != "" {
				meta = append(meta, html.EscapeString(m))
			}
		}
		if s.Page > 0 {
			meta = append(meta, "p. "+strconv.Itoa(s.Page))
		}
		if len(meta) > 0 {
			b.WriteString(" (" + strings.Join(meta, ", ") + ")")
		}
		b.WriteString("</p>")
	}
	ev.Text.Text = b.String()
	return ev
}
