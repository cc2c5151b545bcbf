package docxdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/ingest/format"
)

// Reader reads Office Open XML word-processing documents (.docx).
type Reader struct{}

var _ format.Reader = (*Reader)(nil)

// New returns a DOCX reader.
func New() *Reader { return &Reader{} }

// Name is the reader's name and version.
func (*Reader) Name() string { return "docx/1" }

// maxTitleLine is the longest first line taken as a title when nothing
// better names the document.
const maxTitleLine = 160

// Read reads one .docx. See the package documentation for what it keeps and
// what it rejects.
func (rd *Reader) Read(ctx context.Context, in format.Input) (*corpus.Document, error) {
	if err := format.CheckSize(in); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(in.Data, cfbMagic) {
		return nil, rejectCFB(in.Data)
	}
	p, err := openPackage(in.Data, in.Limits.MaxExpandedBytes)
	if err != nil {
		return nil, err
	}
	root := p.rels("")
	main := root["officeDocument"]
	if main == "" || !p.has(main) {
		main = "word/document.xml"
	}
	if !p.has(main) {
		return nil, rejectNotWord(p)
	}
	docRels := p.rels(main)
	dir := path.Dir(main)
	part := func(typ, def string) string {
		if t := docRels[typ]; t != "" && p.has(t) {
			return t
		}
		return path.Join(dir, def)
	}

	var warnings []string
	styles, err := readPart(p, part("styles", "styles.xml"), func(r io.Reader) (*styleSheet, error) { return readStyles(r) })
	if err != nil {
		if !errors.Is(err, errMissing) && fatal(err) {
			return nil, err
		}
		if !errors.Is(err, errMissing) {
			warnings = append(warnings, fmt.Sprintf("styles ignored: %v", err))
		}
	}
	if styles == nil {
		styles, _ = readStyles(nil)
	}

	maxText := in.Limits.MaxTextBytes
	body := &bodyParser{ctx: ctx, styles: styles, maxText: int(maxText)}
	if _, err := readPart(p, main, func(r io.Reader) (struct{}, error) { return struct{}{}, body.parse(r) }); err != nil {
		return nil, err
	}
	if !body.truncated {
		notes := &bodyParser{ctx: ctx, styles: styles, notes: true, maxText: max(0, int(maxText)-body.size)}
		_, err := readPart(p, part("footnotes", "footnotes.xml"), func(r io.Reader) (struct{}, error) { return struct{}{}, notes.parse(r) })
		switch {
		case err == nil:
			body.blocks = append(body.blocks, notes.blocks...)
		case errors.Is(err, errMissing):
		case fatal(err):
			return nil, err
		default:
			warnings = append(warnings, fmt.Sprintf("footnotes ignored: %v", err))
		}
	}

	coreName := root["core-properties"]
	if coreName == "" || !p.has(coreName) {
		coreName = "docProps/core.xml"
	}
	meta, err := readPart(p, coreName, readCore)
	if err != nil && !errors.Is(err, errMissing) {
		if fatal(err) {
			return nil, err
		}
		warnings = append(warnings, fmt.Sprintf("document properties ignored: %v", err))
	}

	d, overflowed := build(body.blocks, in.Limits.MaxTextBytes)
	if body.truncated || overflowed {
		warnings = append(warnings, fmt.Sprintf("text truncated at the %d-byte limit", in.Limits.MaxTextBytes))
	}
	d.Warnings = warnings
	d.Reader = rd.Name()
	if strings.TrimSpace(d.Text) == "" {
		return nil, format.Reject(format.ErrNoText, "the Word document has no text")
	}
	if meta.title != "" {
		d.Title = meta.title
	}
	d.Authors = meta.creators
	d.Language = language(meta.language, styles.lang)
	switch {
	case !meta.created.IsZero():
		d.Published, d.PublishedSource = meta.created, corpus.DateFromFileMetadata
	case !meta.modified.IsZero():
		d.Published, d.PublishedSource = meta.modified, corpus.DateFromFileMetadata
	}
	// A board paper or minutes: the meeting's date beats the file's dates,
	// which say when someone saved a copy.
	format.ApplyMeeting(d)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// readPart opens a part and hands it to parse, turning read errors into
// rejections. A missing part gives errMissing.
func readPart[T any](p *pkg, name string, parse func(io.Reader) (T, error)) (T, error) {
	var zero T
	rc, err := p.open(name)
	if err != nil {
		return zero, err
	}
	defer rc.Close()
	v, err := parse(rc)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return zero, err
		}
		return v, p.readErr(name, err)
	}
	return v, nil
}

// fatal says whether an error in an optional part stops the read: a bomb,
// an encrypted entry or a cancelled context does; a broken part does not.
func fatal(err error) bool {
	return errors.Is(err, format.ErrTooLarge) || errors.Is(err, format.ErrEncrypted) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// build lays the blocks out as clean text and picks a title: the first
// Title or level-1 heading, else the first heading, else the first short
// line.
func build(blocks []block, maxText int64) (d *corpus.Document, overflowed bool) {
	tb := format.NewTextBuilder(maxText)
	var title, firstHeading string
	for _, b := range blocks {
		switch b.kind {
		case blockHeading:
			tb.AddHeading(b.level, b.text)
			h := format.FoldSpace(b.text)
			if title == "" && b.level == 1 {
				title = h
			}
			if firstHeading == "" {
				firstHeading = h
			}
		case blockPre:
			tb.AddPreformatted(b.text)
		default:
			tb.AddParagraph(b.text)
		}
	}
	d = &corpus.Document{Format: corpus.FormatDOCX}
	tb.Fill(d)
	switch {
	case title != "":
		d.Title = title
	case firstHeading != "":
		d.Title = firstHeading
	default:
		d.Title = firstShortLine(d.Text)
	}
	return d, tb.Overflowed()
}

func firstShortLine(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) <= maxTitleLine {
			return line
		}
		// A long first paragraph: its start is still the best name there is.
		cut := maxTitleLine
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if i := strings.LastIndexByte(line[:cut], ' '); i > maxTitleLine/2 {
			cut = i
		}
		return strings.TrimSpace(line[:cut]) + "…"
	}
	return ""
}

// language is the document's language: core.xml's dc:language, else the
// default of styles.xml (the proofing language of the author's Word).
func language(tags ...string) string {
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t != "" && len(t) <= 35 && !strings.ContainsAny(t, " ;,") {
			return t
		}
	}
	return ""
}

// rejectNotWord names what a zip without a Word body holds.
func rejectNotWord(p *pkg) error {
	switch {
	case p.has("xl/workbook.xml"):
		return format.Reject(format.ErrNotFormat, "an Excel workbook, not a Word document")
	case p.has("ppt/presentation.xml"):
		return format.Reject(format.ErrNotFormat, "a PowerPoint presentation, not a Word document")
	case p.has("content.xml") && p.has("mimetype"):
		return format.Reject(format.ErrNotFormat, "an OpenDocument file, not a Word document")
	}
	return format.Reject(format.ErrNotFormat, "zip archive without word/document.xml: not a Word document")
}

// OLE compound files: how Office stores password-protected .docx files
// (an EncryptedPackage stream) and old binary .doc files (WordDocument).
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func utf16Name(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

var (
	cfbEncrypted = utf16Name("EncryptedPackage")
	cfbWord      = utf16Name("WordDocument")
)

// rejectCFB tells an encrypted Office document from a binary .doc by the
// stream names in its directory. The names are searched for rather than the
// directory walked: they are UTF-16 and unmistakable, and the reader does
// nothing else with the file.
func rejectCFB(data []byte) error {
	switch {
	case bytes.Contains(data, cfbEncrypted):
		return format.Reject(format.ErrEncrypted, "password-protected Office document (OLE EncryptedPackage); save an unprotected copy")
	case bytes.Contains(data, cfbWord):
		return format.Reject(format.ErrNotFormat, "binary Word .doc is not supported; save it as .docx")
	}
	return format.Reject(format.ErrNotFormat, "an OLE compound file that is not a Word document")
}
